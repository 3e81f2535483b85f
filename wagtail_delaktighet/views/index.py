"""The dialogue index: filtered, ordered by status and paginated in the
database, so its query count does not grow with the number of dialogues."""

from urllib.parse import urlencode

from django.utils import timezone

from ..conf import delaktighet_settings
from ..forms.index_filters import DialogueFilterForm
from ..models import DialoguePage, DialogueStatus, FeedbackPage, order_by_status
from ..models.influence import ladder_for
from ..models.status import annotate_status_order, set_status
from ..pagination import windowed_page

#: Fields of a dialogue the index's cards never read.
CARD_UNUSED = [
    "body",
    "can_influence",
    "cannot_influence",
    "input_handling",
    "adaptations",
]


def listed_dialogues(index_page):
    """The dialogues an index shows to the public: live, public children."""
    return DialoguePage.objects.child_of(index_page).live().public()


def subpage_url(request, index_page, route_name):
    base = index_page.get_url(request)
    if base is None:
        return None
    return base + index_page.reverse_subpage(route_name)


def attach_final_feedback(dialogues):
    """Set ``final_feedback`` on each dialogue annotated with its id, in one
    query for all of them (P6: the card shows what came of a finished
    dialogue)."""
    ids = {d.final_feedback_id for d in dialogues if d.final_feedback_id}
    feedback = FeedbackPage.objects.in_bulk(ids) if ids else {}
    for dialogue in dialogues:
        # Also for dialogues without one: the page would query on access.
        dialogue.final_feedback = feedback.get(dialogue.final_feedback_id)


def index_context(request, index_page):
    dialogues = listed_dialogues(index_page)
    form = DialogueFilterForm(request.GET, dialogues=dialogues)
    form.read_choices(ladder_for({"request": request}))
    now = timezone.now()
    # Status and lateness are worked out in Python for the page's dialogues
    # only; the database orders by dates and filters on the columns.
    results = form.filter(order_by_status(annotate_status_order(dialogues, now)), now)
    results = (
        results.select_related("influence_level", "responsible_body")
        .prefetch_related("areas")
        # The cards show none of the long texts: not read, not parsed.
        .defer(*CARD_UNUSED)
    )

    page_obj = windowed_page(
        results, delaktighet_settings.DIALOGUES_PER_PAGE, request.GET.get("page")
    )
    paginator = page_obj.paginator
    set_status(page_obj, now)
    for dialogue in page_obj:
        dialogue.status_label = DialogueStatus(dialogue.status).label
    attach_final_feedback(page_obj)

    filter_items = form.querystring_items()
    return {
        "filter_form": form,
        "filters_applied": bool(filter_items),
        "filter_querystring": urlencode(filter_items),
        "dialogues": page_obj,
        "paginator": paginator,
        "page_range": paginator.get_elided_page_range(page_obj.number),
        "rss_url": subpage_url(request, index_page, "rss"),
        "activities_ical_url": subpage_url(request, index_page, "activities_ical"),
    }
