"""A dialogue's feedback pages with every section (P6): the summary, what
we heard (the editor's text and the automatic results), you said — we did,
the decisions and what happens next."""

from rest_framework import serializers

from ... import api
from .contributions import ChartSerializer
from .fields import RichTextField


class ChannelCountSerializer(serializers.Serializer):
    channel = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class BlockSummarySerializer(serializers.Serializer):
    block_id = serializers.CharField()
    block_type = serializers.CharField()
    heading = serializers.CharField(allow_blank=True)
    charts = ChartSerializer(many=True)


class ResultsSummarySerializer(serializers.Serializer):
    people_online = serializers.IntegerField()
    contributions = serializers.IntegerField()
    by_channel = ChannelCountSerializer(many=True)
    blocks = BlockSummarySerializer(many=True)


class FeedbackPageSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(source="api_page_url")
    kind = serializers.CharField()
    published_at = serializers.DateTimeField(
        source="first_published_at", allow_null=True
    )
    summary = serializers.CharField()
    we_heard = RichTextField()
    #: The automatic results, when the editor shows them; else null.
    results = ResultsSummarySerializer(source="api_results", allow_null=True)
    you_said_we_did = api.RelatedListField(child=api.FeedbackItemSerializer())
    decisions = api.RelatedListField(child=api.DecisionSerializer())
    next_steps = RichTextField()
    milestones = api.RelatedListField(child=api.MilestoneSerializer())


class FeedbackListSerializer(serializers.Serializer):
    results = FeedbackPageSerializer(many=True)
