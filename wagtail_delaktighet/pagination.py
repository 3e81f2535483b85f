"""One page of a queryset with its total counted in the same query.

Each row of the page carries the total (``COUNT(*) OVER ()``), so Django's
``Paginator`` needs no COUNT query of its own. Only a page past the end,
or a number below 1, counts separately and shows the last page, as
``Paginator.get_page`` does.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Subquery, Window
from django.db.models.functions import Coalesce

#: The annotation that carries the total on each row.
TOTAL = "listing_total"


def asked_number(number):
    """The page number asked for; 1 for no number or not a number."""
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1


def windowed_page(queryset, per_page, number, counter=None):
    """``Paginator(queryset, per_page).get_page(number)`` in one query.

    ``counter``: where the total is kept rather than counted, a queryset of
    the one row whose ``count`` it is (``counted_page``)."""
    if counter is not None:
        return counted_page(queryset, per_page, number, counter)

    def rows(start, stop):
        return list(queryset.annotate(**{TOTAL: Window(Count("*"))})[start:stop])

    return prepared_page(rows, lambda: queryset, per_page, number)


def counted_page(queryset, per_page, number, counter):
    """``windowed_page`` whose rows carry a kept total instead of a count
    over every row. The page reads one row more than it shows: where the
    list ends on this page the total is exact whatever the counter says,
    and where it goes on there is always a next page."""
    kept = Coalesce(Subquery(counter.values("count")[:1]), 0)

    def rows(start, stop):
        found = list(queryset.annotate(**{TOTAL: kept})[start : stop + 1])
        items = found[: stop - start]
        if items:
            shown = start + len(items)
            more = len(found) > len(items)
            total = max(getattr(items[0], TOTAL), shown + 1) if more else shown
            setattr(items[0], TOTAL, total)
        return items

    def count():
        return counter.values_list("count", flat=True).first() or 0

    return prepared_page(rows, lambda: queryset, per_page, number, count)


def prepared_page(rows, queryset, per_page, number, count=None):
    """``windowed_page`` for rows read by ``rows(start, stop)``, each
    carrying the total; ``queryset()`` builds the queryset that a number
    below 1 or past the end counts (or ``count()`` where given) and pages,
    as ``Paginator.get_page``."""
    number = asked_number(number)
    if number >= 1:
        start = (number - 1) * per_page
        items = rows(start, start + per_page)
        if items or number == 1:
            paginator = Paginator(items, per_page)
            # Known from the rows: Paginator reads it instead of counting.
            paginator.count = getattr(items[0], TOTAL) if items else 0
            page = paginator.get_page(number)
            page.object_list = items
            return page
    paginator = Paginator(queryset(), per_page)
    if count is not None:
        paginator.count = count()
    return paginator.get_page(number)
