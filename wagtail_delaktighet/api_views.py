"""A pages endpoint for Wagtail's API v2 that lists dialogues in a fixed
number of queries.

Wagtail's ``PagesAPIViewSet`` reads each dialogue's related rows (snippets,
bodies, phases, activities, contacts, documents, decisions, final feedback)
one dialogue at a time. This endpoint loads them for the whole page of
results at once; URLs, parameters and output stay Wagtail's. See
docs/developers/api.md.
"""

from django.db.models import Prefetch
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.views import PagesAPIViewSet

from .api import PREFETCHED_PREFIX
from .api_filters import STATUS_PARAMETER, DialogueStatusFilter
from .api_localized import show_dialogues_in_their_locales
from .localized_snippets import i18n_enabled
from .models import (
    DialogueActivity,
    DialogueContact,
    DialogueDecision,
    DialogueDocument,
    DialoguePage,
    annotate_status,
)

#: Foreign keys that ``DialoguePage.api_fields`` serializes, and the page's
#: locale (its ``meta.locale``).
API_SELECT_RELATED = (
    "locale",
    "influence_level",
    "decision_body",
    "responsible_body",
    "scope_decided_by",
)


def api_prefetches():
    """Related lists that ``DialoguePage.api_fields`` serializes, each with
    the rows its serializer reads.

    Each list is left on a plain attribute (``RelatedListField`` reads it):
    Django's usual prefetch builds a manager and a queryset per dialogue and
    relation, which cost more than the queries themselves.
    """
    lists = {
        "coordinating_bodies": None,
        "target_groups": None,
        "areas": None,
        "topics": None,
        "strategic_goals": None,
        "methods": None,
        "phases": None,
        "activities": DialogueActivity.objects.select_related("method"),
        "dialogue_contacts": DialogueContact.objects.select_related("contact__body"),
        "documents": DialogueDocument.objects.select_related("document"),
        "decisions": DialogueDecision.objects.select_related("body"),
    }
    return tuple(
        Prefetch(name, queryset=queryset, to_attr=PREFETCHED_PREFIX + name)
        for name, queryset in lists.items()
    )


def with_api_relations(queryset):
    """Dialogues with what their API fields read, the status included (so
    no dialogue looks up its final feedback on its own)."""
    return (
        annotate_status(queryset)
        .select_related(*API_SELECT_RELATED)
        .prefetch_related(*api_prefetches())
    )


class DialoguePagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, with dialogues read in bulk.

    Register it in place of ``PagesAPIViewSet``::

        api_router.register_endpoint("pages", DialoguePagesAPIViewSet)

    Listings of dialogues take a ``status`` filter too (api_filters.py).
    """

    # Before Wagtail's search filter, which must come last.
    filter_backends = [
        *(f for f in PagesAPIViewSet.filter_backends if f is not SearchFilter),
        DialogueStatusFilter,
        SearchFilter,
    ]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        [STATUS_PARAMETER]
    )

    def get_queryset(self):
        # Wagtail asks for the queryset twice per listing (the second time
        # only for its model); build it, with the relations, once per request.
        if not hasattr(self, "_built_queryset"):
            queryset = super().get_queryset()
            if issubclass(queryset.model, DialoguePage):
                # Only when the listing asks for dialogues (?type=...): a
                # listing of plain Page rows serializes none of these fields.
                queryset = with_api_relations(queryset)
            self._built_queryset = queryset
        return self._built_queryset

    def get_object(self):
        # Wagtail calls this twice per detail view; load the dialogue once.
        if not hasattr(self, "_loaded_object"):
            page = super().get_object()
            if isinstance(page, DialoguePage):
                # The specific page comes without the relations above.
                page = with_api_relations(type(page).objects.filter(pk=page.pk)).get()
                show_dialogues_in_their_locales([page])
            self._loaded_object = page
        return self._loaded_object

    def paginate_queryset(self, queryset):
        pages = super().paginate_queryset(queryset)
        # With i18n off the rows are left to the serializer as they are.
        if (
            i18n_enabled()
            and pages is not None
            and issubclass(queryset.model, DialoguePage)
        ):
            pages = list(pages)
            show_dialogues_in_their_locales(pages)
        return pages
