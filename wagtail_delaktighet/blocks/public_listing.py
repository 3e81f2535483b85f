"""Paginated lists of public contributions under a block.

One query per block, whatever the number of contributions: one page of rows
carrying their total (pagination.py), so a page never loads more than one
page of them (rule 5) and the count needs no query of its own. Where a
counter keeps the total (published views), the rows carry the counter's
value: counting every published row would grow with the data.
"""

from ..conf import delaktighet_settings
from ..pagination import windowed_page


def page_parameter(block_id):
    return f"{block_id}-page"


def paginate(queryset, request, block_id, counter=None):
    """One page of ``queryset``; ``counter``: the row that keeps its total
    (``pagination.windowed_page``)."""
    page = windowed_page(
        queryset,
        delaktighet_settings.CONTRIBUTIONS_PER_PAGE,
        request.GET.get(page_parameter(block_id)) if request else None,
        counter=counter,
    )
    items = list(page.object_list)
    return {
        "page": page,
        "items": items,
        "total": page.paginator.count,
        "page_parameter": page_parameter(block_id),
    }
