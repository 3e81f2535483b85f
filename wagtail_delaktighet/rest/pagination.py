"""Pages of a listing, with the total counted in the same query as the rows
(pagination.py), and the links to the pages around it."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from ..pagination import windowed_page

MAX_PAGE_SIZE = 100
PAGE_SIZE_RANGE = _("Enter a whole number from 1 to %(max)s.")
PAGE_NUMBER_RANGE = _("Enter a whole number from 1.")


def page_size(request, default):
    """The ``page_size`` asked for, 1 to ``MAX_PAGE_SIZE``; ``default`` when
    none is asked for."""
    raw = request.query_params.get("page_size")
    if raw in (None, ""):
        return default
    try:
        size = int(raw)
    except ValueError:
        size = 0
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError({"page_size": [PAGE_SIZE_RANGE % {"max": MAX_PAGE_SIZE}]})
    return size


def page_number(request):
    raw = request.query_params.get("page")
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except ValueError:
        number = 0
    if number < 1:
        raise ValidationError({"page": [PAGE_NUMBER_RANGE]})
    return number


def paginated(request, queryset, *, per_page, counter=None):
    """``(items, envelope)``: one page of ``queryset`` and the listing's
    ``count``, ``next`` and ``previous`` (``results`` is the caller's)."""
    size = page_size(request, per_page)
    asked = page_number(request)
    page = windowed_page(queryset, size, asked, counter=counter)
    items = list(page.object_list) if page.number == asked else []
    url = request.build_absolute_uri()

    def link(number):
        from rest_framework.utils.urls import replace_query_param

        return replace_query_param(url, "page", number)

    last = page.paginator.num_pages
    return items, {
        "count": page.paginator.count,
        "page": asked,
        "pages": last,
        "next": link(asked + 1) if asked < last else None,
        "previous": link(asked - 1) if 1 < asked <= last + 1 else None,
    }


class PageEnvelope(serializers.Serializer):
    """The fields every paginated listing has besides ``results``."""

    count = serializers.IntegerField()
    page = serializers.IntegerField()
    pages = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
