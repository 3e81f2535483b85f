"""Paginated lists of public contributions under a block.

One query per block, whatever the number of contributions: one page of rows,
each carrying the total (``COUNT(*) OVER ()``), so a page never loads more
than one page of them (rule 5) and the count needs no query of its own. Only
a page past the end, which has no row to carry it, counts separately.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Window

from ..conf import delaktighet_settings

#: The annotation that carries the total on each row.
TOTAL = "listing_total"


def page_parameter(block_id):
    return f"{block_id}-page"


def asked_number(number):
    """The page number asked for, or 1 for anything else (as
    ``Paginator.get_page`` reads it)."""
    try:
        asked = int(number)
    except (TypeError, ValueError):
        return 1
    return asked if asked >= 1 else 1


def paginate(queryset, request, block_id):
    per_page = delaktighet_settings.CONTRIBUTIONS_PER_PAGE
    paginator = Paginator(queryset, per_page)
    number = asked_number(
        request.GET.get(page_parameter(block_id)) if request else None
    )
    start = (number - 1) * per_page
    items = list(
        queryset.annotate(**{TOTAL: Window(Count("*"))})[start : start + per_page]
    )
    if items or number == 1:
        # Known from the rows: Paginator reads it instead of counting.
        paginator.count = getattr(items[0], TOTAL) if items else 0
        page = paginator.get_page(number)
        page.object_list = items
    else:
        # Past the end: Paginator counts and shows the last page.
        page = paginator.get_page(number)
        items = list(page.object_list)
    return {
        "page": page,
        "items": items,
        "total": paginator.count,
        "page_parameter": page_parameter(block_id),
    }
