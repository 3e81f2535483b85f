"""The feedback part of a dialogue page: its feedback pages and whether the
promised feedback is late (P6).

One query reads the dialogue's live feedback pages, final first. The dialogue's
status has usually read its final feedback already (``page.final_feedback``,
cached); where it has not, this query fills that cache, so nothing is asked
twice. A dialogue with no child pages at all (the tree keeps their number on
the page) has none to read, so that query is not made.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils import timezone
from wagtail.models import PageViewRestriction

from ..models.feedback import FeedbackKind, FeedbackPage
from ..models.status import DialogueStatus


def feedback_children(page):
    """The live feedback pages below the dialogue: final ones first (in tree
    order, as ``live_final_feedback`` orders them), then the interim ones.
    ``is_public`` is False for a page with its own view restriction; the
    dialogue's own restrictions the visitor has already passed."""
    restricted = PageViewRestriction.objects.filter(page=OuterRef("pk"))
    return (
        FeedbackPage.objects.child_of(page)
        .live()
        .annotate(
            is_public=~Exists(restricted),
            kind_rank=Case(
                When(kind=FeedbackKind.FINAL, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("kind_rank", "path")
    )


def dialogue_feedback_context(request, page):
    if page.pk is None:
        # The preview of a dialogue not saved yet has no feedback.
        return {}
    # numchild is the tree's own count, kept on the page (also on a preview
    # of a revision, which keeps the page's place in the tree).
    children = list(feedback_children(page)) if page.numchild else []
    finals = [child for child in children if child.kind == FeedbackKind.FINAL]
    # The same page status.py would find: the first live final one.
    page.__dict__.setdefault("final_feedback", finals[0] if finals else None)
    public = [child for child in children if child.is_public]
    # In tree order: the order editors see, and give, in the page explorer.
    interim = [child for child in public if child.kind != FeedbackKind.FINAL]
    final = next((child for child in public if child.kind == FeedbackKind.FINAL), None)
    promised_on = page.feedback_promised_on
    return {
        "dlk_final_feedback": final,
        "dlk_interim_feedback": interim,
        "dlk_feedback_overdue": page.feedback_overdue,
        # Closed, no final feedback yet, and the promised date still ahead.
        "dlk_feedback_promise_ahead": (
            page.status == DialogueStatus.CLOSED
            and promised_on is not None
            and promised_on >= timezone.localdate()
        ),
    }
