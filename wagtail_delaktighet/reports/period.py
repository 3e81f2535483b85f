"""The period a report covers, and the dialogues in it.

A dialogue belongs to a period when its participation window meets it, as
in the dialogue plan; a report without a period covers the current calendar
year, the span of the municipality's annual evaluation.
"""

from datetime import date

from django.utils import timezone

from ..planning.plan import consultations_planned, narrowed


def current_year(today=None):
    today = today or timezone.localdate()
    return date(today.year, 1, 1), date(today.year, 12, 31)


def report_period(values, today=None):
    """(start, end) from a report's cleaned filter values; either end left
    empty falls back to the current year's."""
    start, end = current_year(today)
    return values.get("period_from") or start, values.get("period_to") or end


def dialogues_in(start, end, *, body=None, within=None):
    """The dated dialogues whose window meets ``start``–``end``, drafts too,
    narrowed to ``body`` (responsible or coordinating) and to the queryset
    ``within`` (such as the dialogues a user may edit)."""
    # A dialogue in several languages is one dialogue in a report.
    queryset = narrowed(consultations_planned(start, end), body=body)
    if within is not None:
        queryset = queryset.filter(pk__in=within.order_by().values("pk"))
    return queryset
