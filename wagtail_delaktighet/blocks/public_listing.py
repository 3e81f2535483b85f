"""Paginated lists of public contributions under a block.

Two queries per block (a count and one page of rows), whatever the number of
contributions: a page never loads more than one page of them (rule 5).
"""

from django.core.paginator import Paginator

from ..conf import delaktighet_settings


def page_parameter(block_id):
    return f"{block_id}-page"


def paginate(queryset, request, block_id):
    paginator = Paginator(queryset, delaktighet_settings.CONTRIBUTIONS_PER_PAGE)
    number = request.GET.get(page_parameter(block_id)) if request else None
    page = paginator.get_page(number)
    return {
        "page": page,
        "items": list(page.object_list),
        "total": paginator.count,
        "page_parameter": page_parameter(block_id),
    }
