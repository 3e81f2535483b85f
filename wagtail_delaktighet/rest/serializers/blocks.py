"""A dialogue's consultation blocks as their input schema says: what a
participant fills in, and whether the block takes contributions now.

Generic over block types: everything comes from the block's
``input_schema()``, so a project's own block is served as a built-in one.
"""

from rest_framework import serializers


class ChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    label = serializers.CharField()


class InputFieldSerializer(serializers.Serializer):
    """One field of ``input_schema()``; limits and choices where it has them."""

    key = serializers.CharField()
    type = serializers.CharField()
    label = serializers.CharField()
    help_text = serializers.CharField(allow_blank=True)
    required = serializers.BooleanField()
    multiline = serializers.BooleanField(required=False)
    max_length = serializers.IntegerField(required=False)
    min_length = serializers.IntegerField(required=False)
    max_value = serializers.FloatField(required=False)
    min_value = serializers.FloatField(required=False)
    choices = ChoiceSerializer(many=True, required=False)


class RefusalSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class BlockSerializer(serializers.Serializer):
    """A consultation block: its input schema, with the API's links."""

    block_id = serializers.CharField()
    type = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    fields = InputFieldSerializer(many=True)
    collects_identity = serializers.BooleanField()
    one_answer_per_participant = serializers.BooleanField()
    login_required = serializers.BooleanField()
    open = serializers.BooleanField()
    #: Why the block takes no contributions now; null while it does.
    not_open = RefusalSerializer(allow_null=True)
    contributions_url = serializers.URLField()
    results_url = serializers.URLField()
