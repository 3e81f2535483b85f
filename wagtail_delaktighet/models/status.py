"""A dialogue's status, derived from its dates and never stored by hand.

The same rule exists twice on purpose: ``status_at`` for one page in Python,
``annotate_status`` for querysets, so the index filters, orders and paginates
in the database. A test checks that both agree.
"""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DialogueStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


#: Order on the index: open dialogues first, then upcoming, then closed.
STATUS_RANK = {
    DialogueStatus.OPEN: 0,
    DialogueStatus.UPCOMING: 1,
    DialogueStatus.CLOSED: 2,
}


def status_at(opens_at, closes_at, now=None):
    now = now or timezone.now()
    if opens_at and now < opens_at:
        return DialogueStatus.UPCOMING
    if closes_at and now >= closes_at:
        return DialogueStatus.CLOSED
    return DialogueStatus.OPEN


def annotate_status(queryset, now=None):
    """Add ``status``, ``status_rank`` and ``status_sort_date`` to dialogues.

    ``now`` is passed as a parameter rather than the database's clock, so that
    Python and SQL agree (and a frozen clock in tests applies to both).
    """
    now = Value(now or timezone.now(), output_field=models.DateTimeField())
    upcoming = Q(opens_at__gt=now)
    closed = Q(closes_at__lte=now) & ~upcoming
    return queryset.annotate(
        status=Case(
            When(upcoming, then=Value(DialogueStatus.UPCOMING.value)),
            When(closed, then=Value(DialogueStatus.CLOSED.value)),
            default=Value(DialogueStatus.OPEN.value),
            output_field=models.CharField(),
        ),
        status_rank=Case(
            When(upcoming, then=Value(STATUS_RANK[DialogueStatus.UPCOMING])),
            When(closed, then=Value(STATUS_RANK[DialogueStatus.CLOSED])),
            default=Value(STATUS_RANK[DialogueStatus.OPEN]),
            output_field=models.IntegerField(),
        ),
        # Open: closing soonest first; upcoming: opening soonest first.
        # Closed dialogues are then ordered by closes_at, newest first.
        status_sort_date=Case(
            When(upcoming, then=F("opens_at")),
            When(closed, then=Value(None, output_field=models.DateTimeField())),
            default=F("closes_at"),
            output_field=models.DateTimeField(),
        ),
    )


def order_by_status(queryset):
    return queryset.order_by(
        "status_rank",
        F("status_sort_date").asc(nulls_last=True),
        F("closes_at").desc(nulls_last=True),
        "pk",
    )
