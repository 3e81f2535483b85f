"""The API's serializers, one module per resource. Every field is listed
explicitly, so a new model field never becomes public by accident."""
