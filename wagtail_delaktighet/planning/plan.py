"""Which dialogues the plan holds, and where two of them ask the same people
at the same time.

Two dialogues overlap when their participation windows meet and they share a
target group or an area: the same residents would be asked twice in the same
weeks. The comparison runs over the plan's dialogues, which are read with
their tags in a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from ..consultations import only_consultation_pages
from ..models import DialoguePage

#: The period the plan shows unless asked for another: a quarter back, a
#: year ahead.
DEFAULT_PAST = timedelta(days=90)
DEFAULT_AHEAD = timedelta(days=365)


@dataclass
class Overlap:
    """Another dialogue of the plan that asks the same people at once."""

    other: DialoguePage
    target_groups: list = field(default_factory=list)
    areas: list = field(default_factory=list)

    @property
    def shared(self):
        return [*self.target_groups, *self.areas]


def default_period(today=None):
    today = today or timezone.localdate()
    return today - DEFAULT_PAST, today + DEFAULT_AHEAD


def plan_dialogues(start, end, *, live_only=False):
    """The dialogues whose participation window meets ``start``–``end``
    (dates, both included), drafts too unless ``live_only``, in the order
    they open, with what the plan shows of each."""
    queryset = DialoguePage.objects.filter(
        opens_at__isnull=False,
        closes_at__isnull=False,
        opens_at__lt=_start_of(end + timedelta(days=1)),
        closes_at__gte=_start_of(start),
    )
    if live_only:
        queryset = queryset.live().public()
    return (
        queryset.select_related(
            "responsible_body",
            "scope_decided_by",
            "influence_level",
            "involvement_assessment",
        )
        .prefetch_related("target_groups", "areas")
        .order_by("opens_at", "pk")
    )


def consultations_planned(start, end):
    """``plan_dialogues`` (drafts too) for the coordinators' plan and the
    reports: a dialogue in several languages once, as its consultation page,
    which holds every contribution."""
    return only_consultation_pages(plan_dialogues(start, end))


def narrowed(queryset, *, body=None, area=None, target_group=None):
    """The plan narrowed to one body (responsible or coordinating), area or
    target group."""
    if body is not None:
        queryset = queryset.filter(
            Q(responsible_body=body) | Q(coordinating_bodies=body)
        ).distinct()
    if area is not None:
        queryset = queryset.filter(areas=area)
    if target_group is not None:
        queryset = queryset.filter(target_groups=target_group)
    return queryset


def find_overlaps(dialogues, candidates=None):
    """``{dialogue pk: [Overlap, ...]}`` for each of ``dialogues`` that meets
    another of ``candidates`` (default: the same dialogues) in time and
    shares a target group or an area with it. Both lists carry their tags
    prefetched."""
    candidates = dialogues if candidates is None else candidates
    overlaps = {}
    for dialogue in dialogues:
        found = []
        for other in candidates:
            if other.pk == dialogue.pk or not _windows_meet(dialogue, other):
                continue
            groups = _shared(dialogue.target_groups.all(), other.target_groups.all())
            areas = _shared(dialogue.areas.all(), other.areas.all())
            if groups or areas:
                found.append(Overlap(other, groups, areas))
        if found:
            overlaps[dialogue.pk] = found
    return overlaps


def _windows_meet(first, second):
    return first.opens_at < second.closes_at and second.opens_at < first.closes_at


def _shared(mine, theirs):
    their_ids = {item.pk for item in theirs}
    return [item for item in mine if item.pk in their_ids]


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time()))
