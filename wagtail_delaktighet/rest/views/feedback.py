"""A dialogue's published feedback pages, with every section."""

from dataclasses import asdict

from django.db.models import Prefetch
from rest_framework.response import Response

from ...api import PREFETCHED_PREFIX
from ...feedback.summary import dialogue_summary
from ...models import FeedbackDecision, FeedbackPage
from ..base import PublicAPIView, documented
from ..dialogues import dialogue_taking_part
from ..serializers.contributions import chart
from ..serializers.feedback import FeedbackListSerializer, FeedbackPageSerializer


def feedback_pages(page):
    """The dialogue's live, public feedback pages, oldest first, with their
    lists in one query each."""
    lists = {
        "you_said_we_did": None,
        "decisions": FeedbackDecision.objects.select_related("body"),
        "milestones": None,
    }
    return (
        FeedbackPage.objects.child_of(page)
        .live()
        .public()
        .order_by("first_published_at", "pk")
        .prefetch_related(
            *(
                Prefetch(name, queryset=queryset, to_attr=PREFETCHED_PREFIX + name)
                for name, queryset in lists.items()
            )
        )
    )


def results_summary(dialogue):
    summary = dialogue_summary(dialogue)
    return {
        "people_online": summary.people_online,
        "contributions": summary.contributions,
        "by_channel": [
            {**asdict(row), "label": str(row.label)} for row in summary.by_channel
        ],
        "blocks": [
            {
                "block_id": block.block_id,
                "block_type": block.block_type,
                "heading": str(block.heading),
                "charts": [chart(c) for c in block.charts],
            }
            for block in summary.blocks
        ],
    }


class FeedbackList(PublicAPIView):
    """The dialogue's published feedback pages, with every section."""

    @documented(operation_id="feedback_list", responses=FeedbackListSerializer)
    def get(self, request, page_id):
        dialogue = dialogue_taking_part(page_id)
        pages = list(feedback_pages(dialogue))
        # One summary for all of the dialogue's feedback pages.
        summary = (
            results_summary(dialogue)
            if any(feedback.show_results for feedback in pages)
            else None
        )
        for feedback in pages:
            feedback.api_page_url = feedback.get_full_url(request) or ""
            feedback.api_results = summary if feedback.show_results else None
        serializer = FeedbackPageSerializer(
            pages, many=True, context={"request": request}
        )
        return Response({"results": serializer.data})
