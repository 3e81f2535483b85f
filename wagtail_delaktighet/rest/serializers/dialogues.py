"""Dialogues: the listing's summary and the detail with every public field.

The nested objects are the pages API's read-only fields (wagtail_delaktighet
/api.py), which read the related rows loaded with the dialogues; so the
output of both APIs is the same, object for object, and so is what they
leave out (an elected representative's email and phone).
"""

from rest_framework import serializers

from ... import api
from ..pagination import PageEnvelope
from .fields import RichTextField


class DialogueSummarySerializer(serializers.Serializer):
    """A dialogue in the listing."""

    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()
    detail_url = serializers.SerializerMethodField()
    summary = serializers.CharField(read_only=True)
    status = serializers.CharField(read_only=True)
    influence_level = api.InfluenceLevelSerializer(allow_null=True)
    responsible_body = api.BodySerializer(allow_null=True)
    opens_at = serializers.DateTimeField(read_only=True, allow_null=True)
    closes_at = serializers.DateTimeField(read_only=True, allow_null=True)
    feedback_promised_on = serializers.DateField(read_only=True, allow_null=True)
    topics = api.snippet_list()
    areas = api.snippet_list()
    target_groups = api.snippet_list()

    def get_url(self, page) -> str:
        """The dialogue's page on the public site."""
        return page.get_full_url(self.context.get("request")) or ""

    def get_detail_url(self, page) -> str:
        from ..links import api_url

        return api_url(self.context.get("request"), "dialogue-detail", page.pk)


class DialogueDetailSerializer(DialogueSummarySerializer):
    """A dialogue with every public field."""

    purpose = serializers.CharField(read_only=True)
    question = serializers.CharField(read_only=True)
    can_influence = RichTextField()
    cannot_influence = RichTextField()
    input_handling = RichTextField()
    decision_body = api.BodySerializer(allow_null=True)
    decision_timing = serializers.CharField(read_only=True)
    coordinating_bodies = api.snippet_list(api.BodySerializer)
    scope = serializers.CharField(read_only=True)
    scope_decided_by = api.BodySerializer(allow_null=True)
    feedback_overdue = serializers.BooleanField(read_only=True)
    phases = api.RelatedListField(child=api.PhaseSerializer())
    activities = api.RelatedListField(child=api.ActivitySerializer())
    listening = api.RelatedListField(
        source="dialogue_contacts", child=api.DialogueContactSerializer()
    )
    documents = api.RelatedListField(child=api.DocumentSerializer())
    decisions = api.RelatedListField(child=api.DecisionSerializer())
    strategic_goals = api.snippet_list(api.StrategicGoalSerializer)
    methods = api.snippet_list()
    adaptations = RichTextField()
    easy_read_summary = RichTextField()
    blocks_url = serializers.SerializerMethodField()
    feedback_url = serializers.SerializerMethodField()
    follow_url = serializers.SerializerMethodField()

    def _link(self, page, name):
        from ..links import api_url

        return api_url(self.context.get("request"), name, page.pk)

    def get_blocks_url(self, page) -> str:
        return self._link(page, "block-list")

    def get_feedback_url(self, page) -> str:
        return self._link(page, "feedback-list")

    def get_follow_url(self, page) -> str:
        return self._link(page, "follow")


class DialogueListSerializer(PageEnvelope):
    results = DialogueSummarySerializer(many=True)
