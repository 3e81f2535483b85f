"""Published contributions with their official answers, a block's results,
and what a participant gets back for a contribution.

Never personal data: a contribution shows the name its author chose to show
(``display_name``), its text and answers; never the name, email or consent
kept apart from it, nor the participant's or account's keys.
"""

from rest_framework import serializers

from ..pagination import PageEnvelope


class SignatureSerializer(serializers.Serializer):
    """Who answered, in which role (P8): no email or phone."""

    name = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    kind = serializers.CharField()
    body = serializers.CharField(allow_null=True)


class OfficialResponseSerializer(serializers.Serializer):
    text = serializers.CharField()
    outcome = serializers.CharField(allow_blank=True, allow_null=True)
    published_at = serializers.DateTimeField()
    signed_by = SignatureSerializer()


class AnswerSerializer(serializers.Serializer):
    label = serializers.CharField()
    answer = serializers.CharField(allow_blank=True)


class PublishedContributionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    display_name = serializers.CharField(allow_blank=True)
    text = serializers.CharField(allow_blank=True)
    answers = AnswerSerializer(many=True)
    responses = OfficialResponseSerializer(many=True)


class ContributionListSerializer(PageEnvelope):
    results = PublishedContributionSerializer(many=True)


class ChartRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField()
    percent = serializers.IntegerField()


class ChartSerializer(serializers.Serializer):
    title = serializers.CharField()
    total = serializers.IntegerField()
    note = serializers.CharField(allow_blank=True)
    rows = ChartRowSerializer(many=True)


class ResultsSerializer(serializers.Serializer):
    block_id = serializers.CharField()
    charts = ChartSerializer(many=True)


class ReceiptSerializer(serializers.Serializer):
    """A stored contribution, as its sender learns of it."""

    receipt = serializers.CharField()
    status = serializers.CharField()
    message = serializers.CharField()
    #: True when the same submission had been stored before (a retry).
    duplicate = serializers.BooleanField()


def signature(contact):
    return {
        "name": contact.name,
        "title": contact.title or "",
        "kind": contact.kind,
        "body": contact.body.name if contact.body_id else None,
    }


def published_contribution(block, value, contribution):
    """A published contribution as ``PublishedContributionSerializer``
    shows it (its answers loaded with it: no query)."""
    return {
        "id": contribution.pk,
        "created_at": contribution.created_at,
        "display_name": contribution.display_name,
        "text": block.contribution_text(value, contribution) if value else "",
        "answers": [
            {"label": str(label), "answer": str(answer)}
            for label, answer in block.readable_answers(value, contribution)
        ],
        "responses": [
            {
                "text": response.text,
                "outcome": response.outcome,
                "published_at": response.published_at,
                "signed_by": signature(response.signed_by),
            }
            for response in contribution.responses.all()
        ],
    }


def chart(chart):
    return {
        "title": str(chart.title),
        "total": chart.total,
        "note": str(chart.note or ""),
        "rows": [
            {"label": str(row.label), "count": row.count, "percent": row.percent}
            for row in chart.rows
        ],
    }
