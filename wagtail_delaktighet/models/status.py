"""A dialogue's status, derived from its dates and its feedback pages, never
stored by hand.

A closed dialogue becomes ``feedback_published`` when it is live and a final
feedback page below it is live (P6). Its promised feedback date is overdue
when that date has passed and it is still only ``closed``.

The same rule exists twice on purpose: ``status_at`` for one page in Python,
``annotate_status`` for querysets (and ``status_condition`` to filter on it),
so the index filters, orders and paginates in the database. Tests check that
they agree.
"""

from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DialogueStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    FEEDBACK_PUBLISHED = "feedback_published", _("Feedback published")


#: Order on the index: open dialogues first, then upcoming, then the finished
#: ones (with or without feedback), newest first.
STATUS_RANK = {
    DialogueStatus.OPEN: 0,
    DialogueStatus.UPCOMING: 1,
    DialogueStatus.CLOSED: 2,
    DialogueStatus.FEEDBACK_PUBLISHED: 2,
}


def status_at(opens_at, closes_at, now=None, *, final_feedback_live=False):
    now = now or timezone.now()
    if opens_at and now < opens_at:
        return DialogueStatus.UPCOMING
    if closes_at and now >= closes_at:
        if final_feedback_live:
            return DialogueStatus.FEEDBACK_PUBLISHED
        return DialogueStatus.CLOSED
    return DialogueStatus.OPEN


def feedback_is_overdue(status, feedback_promised_on, today=None):
    """Promised feedback is late from the day after the promised date."""
    today = today or timezone.localdate()
    return (
        status == DialogueStatus.CLOSED
        and feedback_promised_on is not None
        and feedback_promised_on < today
    )


def live_final_feedback(dialogue_ref):
    """Live final feedback pages directly below the dialogue ``dialogue_ref``
    points at (an ``OuterRef`` to a page, or a page)."""
    from .feedback import FeedbackKind, FeedbackPage

    # A child's path is the parent's plus one step of the tree's alphabet.
    # The range says the same as the prefix, but lets the database use its
    # index on path for a correlated subquery (a LIKE with a pattern from
    # the outer row makes PostgreSQL scan every page, once per dialogue).
    last_step = FeedbackPage.alphabet[-1] * FeedbackPage.steplen
    if isinstance(dialogue_ref, models.Model):
        path, depth = dialogue_ref.path, dialogue_ref.depth + 1
        path_end = path + last_step
        prefix = {"path__startswith": path}
    else:
        path, depth = dialogue_ref("path"), dialogue_ref("depth") + 1
        path_end = Concat(path, Value(last_step), output_field=models.CharField())
        # One step longer than the parent's path and within this range, a
        # path starts with the parent's: the LIKE would only add work per row.
        prefix = {}
    return FeedbackPage.objects.filter(
        live=True,
        kind=FeedbackKind.FINAL,
        path__gt=path,
        path__lte=path_end,
        depth=depth,
        **prefix,
    )


def _now_values(now):
    now = now or timezone.now()
    today = Value(timezone.localdate(now), output_field=models.DateField())
    return Value(now, output_field=models.DateTimeField()), today


def _final_feedback_id():
    """The pk of the dialogue's first live final feedback page, as a
    correlated subquery."""
    return Subquery(live_final_feedback(OuterRef).order_by("path").values("pk")[:1])


def annotate_status_order(queryset, now=None):
    """Add ``final_feedback_id``, ``status_rank`` and ``status_sort_date``:
    what ``order_by_status`` needs and what ``set_status`` completes in
    Python. The feedback subquery appears once in the SELECT; ordering reads
    the dates only."""
    return annotate_final_feedback(annotate_status_rank(queryset, now))


def annotate_final_feedback(queryset):
    """Add ``final_feedback_id``: what ``set_status`` needs besides the
    dates."""
    return queryset.annotate(final_feedback_id=_final_feedback_id())


def annotate_status_rank(queryset, now=None):
    """Add ``status_rank`` and ``status_sort_date``: what
    ``status_ordering`` orders by, from the dates alone."""
    now, _today = _now_values(now)
    upcoming = Q(opens_at__gt=now)
    ended = Q(closes_at__lte=now) & ~upcoming
    return queryset.annotate(
        status_rank=Case(
            When(upcoming, then=Value(STATUS_RANK[DialogueStatus.UPCOMING])),
            When(ended, then=Value(STATUS_RANK[DialogueStatus.CLOSED])),
            default=Value(STATUS_RANK[DialogueStatus.OPEN]),
            output_field=models.IntegerField(),
        ),
        # Open: closing soonest first; upcoming: opening soonest first.
        # Closed dialogues are then ordered by closes_at, newest first.
        status_sort_date=Case(
            When(upcoming, then=F("opens_at")),
            When(ended, then=Value(None, output_field=models.DateTimeField())),
            default=F("closes_at"),
            output_field=models.DateTimeField(),
        ),
    )


def annotate_status(queryset, now=None):
    """Add ``status``, ``status_rank``, ``status_sort_date``,
    ``final_feedback_id`` and ``feedback_overdue`` to dialogues.

    ``now`` is passed as a parameter rather than the database's clock, so that
    Python and SQL agree (and a frozen clock in tests applies to both).
    """
    now = now or timezone.now()  # one clock for every annotation
    queryset = annotate_status_order(queryset, now)
    now, today = _now_values(now)
    upcoming = Q(opens_at__gt=now)
    not_ended = ~Q(closes_at__lte=now)
    # Feedback below a dialogue that is not live is not public either. Each
    # case below reads the feedback subquery once, in its last branch, so
    # the database runs it only for dialogues that have ended.
    no_feedback = Q(final_feedback_id__isnull=True) | Q(live=False)
    return queryset.annotate(
        status=Case(
            When(upcoming, then=Value(DialogueStatus.UPCOMING.value)),
            When(not_ended, then=Value(DialogueStatus.OPEN.value)),
            When(no_feedback, then=Value(DialogueStatus.CLOSED.value)),
            default=Value(DialogueStatus.FEEDBACK_PUBLISHED.value),
            output_field=models.CharField(),
        ),
        feedback_overdue=Case(
            When(
                upcoming | not_ended | ~Q(feedback_promised_on__lt=today),
                then=Value(False),
            ),
            When(no_feedback, then=Value(True)),
            default=Value(False),
            output_field=models.BooleanField(),
        ),
    )


def status_condition(status, now=None):
    """A filter for dialogues with ``status`` at ``now``, the same rule as
    ``annotate_status`` but on the columns themselves (no CASE to compute
    per row) and with the feedback lookup only where the status needs it."""
    now, _today = _now_values(now)
    upcoming = Q(opens_at__gt=now)
    if status == DialogueStatus.UPCOMING:
        return upcoming
    if status == DialogueStatus.OPEN:
        return ~upcoming & ~Q(closes_at__lte=now)
    ended = Q(closes_at__lte=now) & ~upcoming
    has_feedback = Q(Exists(live_final_feedback(OuterRef))) & Q(live=True)
    if status == DialogueStatus.FEEDBACK_PUBLISHED:
        return ended & has_feedback
    if status == DialogueStatus.CLOSED:
        return ended & ~has_feedback
    raise ValueError(f"unknown status {status!r}")


def set_status(dialogues, now=None):
    """Set ``status`` and ``feedback_overdue`` on dialogues annotated by
    ``annotate_status_order``, by ``status_at`` in Python: the same rule as
    ``annotate_status``, for the few rows of one page."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    for dialogue in dialogues:
        status = status_at(
            dialogue.opens_at,
            dialogue.closes_at,
            now,
            final_feedback_live=(
                dialogue.live and dialogue.final_feedback_id is not None
            ),
        )
        dialogue.status = status
        dialogue.feedback_overdue = feedback_is_overdue(
            status, dialogue.feedback_promised_on, today
        )


def status_ordering():
    """The index's order, over ``annotate_status_rank``'s annotations."""
    return [
        F("status_rank").asc(),
        F("status_sort_date").asc(nulls_last=True),
        F("closes_at").desc(nulls_last=True),
        F("pk").asc(),
    ]


def order_by_status(queryset):
    return queryset.order_by(*status_ordering())
