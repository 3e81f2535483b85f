"""The figures of each dialogue in a cross-dialogue report, and what they add
up to: status, participation, channels and how the promised feedback was
kept (P6, P7). The dialogues report and the annual summary both read them
here, so both give the same numbers.

Participation is read from the counters the feedback page's "We heard"
summary reads (participation/counters.py): people who took part online and
contributions per channel, rejected ones left out. Feedback is delivered on
the day its first final feedback page was published.

The cost is fixed whatever the number of dialogues: the status and the
delivery date are annotations, the counters one query for all of them.
"""

from dataclasses import dataclass

from django.db.models import Count, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ..blocks.charts import Chart, ChartRow, percent_of
from ..feedback.summary import channel_counts
from ..models import DialoguePage, InfluenceLevel, annotate_status
from ..models.status import live_final_feedback
from ..participation import counters
from ..planning.describe import describe


class FeedbackTiming:
    """How a dialogue kept its promised feedback date."""

    ON_TIME = "on_time"
    LATE = "late"
    NOT_DUE = "not_due"
    NO_PROMISE = "no_promise"

    #: In the order the reports list them.
    LABELS = {
        ON_TIME: gettext_lazy("On time"),
        LATE: gettext_lazy("Late"),
        NOT_DUE: gettext_lazy("Not yet due"),
        NO_PROMISE: gettext_lazy("No date promised"),
    }


def feedback_timing(promised_on, delivered_on, today=None):
    """On time when final feedback came on or before the promised date; late
    when it came after it, or has not come and the date has passed."""
    today = today or timezone.localdate()
    if promised_on is None:
        return FeedbackTiming.NO_PROMISE
    if delivered_on is not None:
        return (
            FeedbackTiming.ON_TIME
            if delivered_on <= promised_on
            else FeedbackTiming.LATE
        )
    return FeedbackTiming.LATE if promised_on < today else FeedbackTiming.NOT_DUE


def with_figures(queryset, now=None):
    """Dialogues annotated with what ``add_figures`` needs besides the
    counters: ``status`` and ``feedback_delivered_at``."""
    first_final_feedback = (
        live_final_feedback(OuterRef)
        .order_by("first_published_at", "pk")
        .values("first_published_at")[:1]
    )
    return annotate_status(queryset, now).annotate(
        feedback_delivered_at=Subquery(first_final_feedback)
    )


def iso(day):
    return day.isoformat() if day else ""


def add_figures(dialogues, today=None):
    """Set each dialogue's figures as attributes (the plan's words from
    ``describe``, then ``people_online``, ``contribution_count``,
    ``channels_text``, the feedback dates as ISO text, ``days_to_feedback``
    and ``feedback_timing``); the dialogues come from ``with_figures``.
    Returns them as a list."""
    today = today or timezone.localdate()
    dialogues = list(dialogues)
    counts = counters.dialogues_counts(dialogue.pk for dialogue in dialogues)
    for dialogue in dialogues:
        describe(dialogue, [])
        people, channels = counts.get(dialogue.pk, (0, {}))
        by_channel = channel_counts(channels)
        dialogue.people_online = people
        dialogue.contribution_count = sum(row.count for row in by_channel)
        dialogue.channels_text = ", ".join(
            f"{row.label} {row.count}" for row in by_channel
        )
        delivered_at = dialogue.feedback_delivered_at
        delivered_on = timezone.localdate(delivered_at) if delivered_at else None
        dialogue.feedback_delivered_on = delivered_on
        dialogue.feedback_promised_text = iso(dialogue.feedback_promised_on)
        dialogue.feedback_delivered_text = iso(delivered_on)
        dialogue.days_to_feedback = (
            (delivered_on - dialogue.closes_on).days if delivered_on else ""
        )
        dialogue.feedback_timing = feedback_timing(
            dialogue.feedback_promised_on, delivered_on, today
        )
        dialogue.feedback_timing_label = str(
            FeedbackTiming.LABELS[dialogue.feedback_timing]
        )
    return dialogues


@dataclass
class Totals:
    """What a report's dialogues add up to."""

    dialogues: int
    people_online: int
    contributions: int


def totals(dialogues):
    """``Totals`` of dialogues that carry their figures (``add_figures``)."""
    return Totals(
        dialogues=len(dialogues),
        people_online=sum(dialogue.people_online for dialogue in dialogues),
        contributions=sum(dialogue.contribution_count for dialogue in dialogues),
    )


def chart(title, labelled_counts, total, note=None):
    """A ``Chart`` of ``(label, count)`` rows out of ``total`` dialogues
    (or of what ``note`` says)."""
    if note is None:
        note = ngettext(
            "%(total)s dialogue in all.", "%(total)s dialogues in all.", total
        ) % {"total": total}
    return Chart(
        title=str(title),
        total=total,
        note=str(note),
        rows=[
            ChartRow(str(label), count, percent_of(count, total))
            for label, count in labelled_counts
        ],
    )


def dialogues_per_level(queryset):
    """A chart of the dialogues of ``queryset`` per step of the influence
    ladder, every step shown (also with none), in two queries."""
    per_level = dict(
        DialoguePage.objects.filter(pk__in=queryset.order_by().values("pk"))
        .order_by()
        .values_list("influence_level")
        .annotate(number=Count("pk"))
    )
    rows = [
        (level.name, per_level.pop(level.pk, 0))
        for level in InfluenceLevel.objects.order_by("sort_order", "pk")
    ]
    no_level = per_level.pop(None, 0)
    if no_level:
        # Drafts may not have chosen a level yet.
        rows.append((_("No influence level"), no_level))
    total = sum(count for _label, count in rows)
    return chart(_("Dialogues per influence level"), rows, total)


def feedback_timing_chart(dialogues):
    """A chart of how the dialogues (with their figures) kept their promised
    feedback dates."""
    rows = [
        (label, sum(1 for d in dialogues if d.feedback_timing == timing))
        for timing, label in FeedbackTiming.LABELS.items()
    ]
    return chart(_("Feedback kept on time"), rows, len(dialogues))
