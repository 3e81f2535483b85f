"""Small fields the API's serializers share."""

from rest_framework import serializers
from wagtail.rich_text import expand_db_html


class RichTextField(serializers.CharField):
    """A rich text field as the public page shows it: HTML with the links to
    pages and documents resolved."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return expand_db_html(value or "")
