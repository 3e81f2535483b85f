"""The taxonomies dialogues are filtered by: influence levels, bodies,
topics, areas and target groups."""

from rest_framework import serializers


class NamedSnippetSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class BodySerializer(NamedSnippetSerializer):
    kind = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)


class InfluenceLevelSerializer(serializers.Serializer):
    """One step of the ladder with its promise to the participant."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    promise = serializers.CharField(read_only=True)
    explanation = serializers.CharField(read_only=True)
    accepts_input = serializers.BooleanField(read_only=True)
    requires_feedback_date = serializers.BooleanField(read_only=True)
    step = serializers.SerializerMethodField()

    def get_step(self, level) -> int:
        return self.context["steps"][level.pk]
