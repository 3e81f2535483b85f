"""The ``status`` filter of the pages endpoint (api_views.py).

A dialogue's status is derived from its dates and its final feedback, never
stored, so ``?status=open`` filters in the database with the same rule as
``annotate_status`` (``status_condition``): the listing's count, limit and
offset stay the database's.
"""

from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from .models import DialoguePage, DialogueStatus
from .models.status import status_condition

STATUS_PARAMETER = "status"


class DialogueStatusFilter(BaseFilterBackend):
    """``?status=upcoming|open|closed|feedback_published`` on a listing of
    dialogues (``?type=wagtail_delaktighet.DialoguePage``)."""

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get(STATUS_PARAMETER)
        if value is None:
            return queryset
        if not issubclass(queryset.model, DialoguePage):
            # Other pages have no status; say so rather than ignore it.
            raise BadRequestError(
                "the status filter needs type=wagtail_delaktighet.DialoguePage"
            )
        if value not in DialogueStatus.values:
            expected = ", ".join(DialogueStatus.values)
            raise BadRequestError(
                f"field filter error. '{value}' is not a valid value for status "
                f"(expected one of: {expected})"
            )
        return queryset.filter(status_condition(value))
