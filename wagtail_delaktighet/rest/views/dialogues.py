"""Reading dialogues: the listing with the index's filters, and one
dialogue with every public field."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from ...api_localized import show_dialogues_in_their_locales
from ...conf import delaktighet_settings
from ...localized_snippets import i18n_enabled
from ..base import PublicAPIView, documented
from ..dialogues import DialogueFilters, public_dialogue, public_dialogues
from ..errors import ErrorSerializer, error_response, form_errors
from ..pagination import paginated
from ..serializers.dialogues import (
    DialogueDetailSerializer,
    DialogueListSerializer,
    DialogueSummarySerializer,
)

INVALID_FILTER = _("A filter is not valid.")

FILTER_PARAMETERS = [
    OpenApiParameter(
        "status", str, enum=["upcoming", "open", "closed", "feedback_published"]
    ),
    *(
        OpenApiParameter(
            name, int, description=f"Only dialogues with this {name} (id)."
        )
        for name in ("topic", "area", "body", "level", "target_group")
    ),
    OpenApiParameter(
        "q", str, description="Words in the title, summary, purpose or question."
    ),
    OpenApiParameter("page", int),
    OpenApiParameter("page_size", int),
]


class DialogueList(PublicAPIView):
    """Published, public dialogues in the index's order, filtered as on a
    dialogue index, one page at a time."""

    @documented(
        operation_id="dialogues_list",
        parameters=FILTER_PARAMETERS,
        responses={
            200: DialogueListSerializer,
            400: ErrorSerializer,
        },
    )
    def get(self, request):
        filters = DialogueFilters(request.query_params)
        if not filters.is_valid():
            return error_response(
                "invalid_filter",
                INVALID_FILTER,
                400,
                errors=form_errors(filters),
            )
        queryset = filters.filter(public_dialogues())
        items, envelope = paginated(
            request, queryset, per_page=delaktighet_settings.DIALOGUES_PER_PAGE
        )
        if i18n_enabled():
            items = list(items)
            show_dialogues_in_their_locales(items)
        results = DialogueSummarySerializer(
            items, many=True, context={"request": request}
        ).data
        return Response({**envelope, "results": results})


class DialogueDetail(PublicAPIView):
    """One dialogue with every public field."""

    @documented(
        operation_id="dialogues_retrieve", responses={200: DialogueDetailSerializer}
    )
    def get(self, request, page_id):
        page = public_dialogue(page_id)
        show_dialogues_in_their_locales([page])
        return Response(
            DialogueDetailSerializer(page, context={"request": request}).data
        )
