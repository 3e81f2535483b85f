"""One page of a queryset with its total counted in the same query.

Each row of the page carries the total (``COUNT(*) OVER ()``), so Django's
``Paginator`` needs no COUNT query of its own. Only a page past the end,
or a number below 1, counts separately and shows the last page, as
``Paginator.get_page`` does.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window

#: The annotation that carries the total on each row.
TOTAL = "listing_total"


def asked_number(number):
    """The page number asked for; 1 for no number or not a number."""
    try:
        return int(number)
    except (TypeError, ValueError):
        return 1


def windowed_page(queryset, per_page, number):
    """``Paginator(queryset, per_page).get_page(number)`` in one query."""

    def rows(start, stop):
        return list(queryset.annotate(**{TOTAL: Window(Count("*"))})[start:stop])

    return prepared_page(rows, lambda: queryset, per_page, number)


def prepared_page(rows, queryset, per_page, number):
    """``windowed_page`` for rows read by ``rows(start, stop)``, each
    carrying the total; ``queryset()`` builds the queryset that a number
    below 1 or past the end counts and pages, as ``Paginator.get_page``."""
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
    return Paginator(queryset(), per_page).get_page(number)
