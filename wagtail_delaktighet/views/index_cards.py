"""What the dialogue index's cards show beyond the listing's own columns,
set on the page's dialogues from what the request has read already: the
ladder, the filters' choices (bodies, areas), the index's URL."""

from urllib.parse import quote

from django.db.models import Aggregate, CharField, OuterRef, Subquery
from django.utils.http import RFC3986_SUBDELIMS
from wagtail.models import Site

from ..localized_snippets import i18n_enabled, localize_all, localize_related
from ..models import Area, DialoguePage, FeedbackPage

#: What Django's ``reverse`` leaves unquoted in a page's path.
URL_SAFE = RFC3986_SUBDELIMS + "/~:@"


class JoinedIds(Aggregate):
    """The ids, comma-separated, as one text (any order)."""

    function = "GROUP_CONCAT"  # SQLite, MySQL and MariaDB
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "STRING_AGG(CAST(%(expressions)s AS TEXT), ',')"
        return self.as_sql(compiler, connection, template=template, **extra)


def area_ids():
    """A dialogue's areas' ids as ``JoinedIds``, read in the listing's query:
    the database works it out for the rows of the page only."""
    through = DialoguePage._meta.get_field("areas").remote_field.through
    return Subquery(
        through.objects.filter(dialoguepage_id=OuterRef("pk"))
        .order_by()
        .values("dialoguepage_id")
        .annotate(ids=JoinedIds("area_id"))
        .values("ids")
    )


def attach_snippets(dialogues, levels, choices):
    """Set each dialogue's level, responsible body and areas from those
    already read (the ladder's {pk: level shown}, the filters' choices)."""
    bodies = {body.pk: body for body in choices["body"]}
    fields = [
        (DialoguePage._meta.get_field("influence_level"), levels),
        (DialoguePage._meta.get_field("responsible_body"), bodies),
    ]
    for dialogue in dialogues:
        for field, known in fields:
            pk = getattr(dialogue, field.attname)
            if pk is None or pk in known:
                field.set_cached_value(dialogue, known.get(pk))
    if not attach_listed_areas(dialogues, choices["area"]):
        attach_areas(dialogues)


def hold_areas(dialogue, areas):
    """``areas`` as the dialogue's in-memory relation: ``dialogue.areas.all()``
    reads them without a query (and filters them in memory)."""
    held = dialogue.__dict__.setdefault("_cluster_related_objects", {})
    held["areas"] = areas


def attach_listed_areas(dialogues, listed):
    """Each dialogue's areas from its ``area_ids`` and the filters' areas
    (``listed``, in the database's order of their unique names), in that
    order as ``attach_areas`` reads them. False, and nothing set, when an id is not
    among them (cached choices older than the dialogue)."""
    position = {area.pk: n for n, area in enumerate(listed)}
    found = {}
    for dialogue in dialogues:
        ids = [int(pk) for pk in (dialogue.area_ids or "").split(",") if pk]
        if any(pk not in position for pk in ids):
            return False
        found[dialogue] = [listed[position[pk]] for pk in sorted(ids, key=position.get)]
    for dialogue, areas in found.items():
        hold_areas(dialogue, areas)
    return True


def attach_areas(dialogues):
    """Each dialogue's areas, in one query for the page, held as its
    in-memory relation: ``dialogue.areas.all()`` reads them without a query
    (and filters them in memory). Django's prefetch would build a queryset
    of its own for each dialogue."""
    if not dialogues:
        return
    through = DialoguePage._meta.get_field("areas").remote_field.through
    links = (
        through.objects.filter(dialoguepage_id__in=[d.pk for d in dialogues])
        .select_related("area")
        .order_by(*(f"area__{name}" for name in Area._meta.ordering), "area__pk")
    )
    areas = {dialogue.pk: [] for dialogue in dialogues}
    for link in links:
        areas[link.dialoguepage_id].append(link.area)
    for dialogue in dialogues:
        hold_areas(dialogue, areas[dialogue.pk])


def set_card_urls(dialogues, index_page, index_url):
    """Each card's links (the dialogue's, its final feedback's) as Wagtail's
    ``get_url`` makes them, from the index's:
    the rest of the dialogue's ``url_path``, quoted as ``reverse`` quotes
    it, without working out the sites of each dialogue. Left to ``pageurl``
    (no ``card_url``) when a site's root lies below the index, or a path is
    not below the index's."""
    if index_url is None or not index_url.endswith("/"):
        # Not routable, or WAGTAIL_APPEND_SLASH = False: Wagtail's way.
        return
    below = index_page.url_path
    for root in Site.get_site_root_paths():
        if root.root_path.startswith(below) and root.root_path != below:
            return
    for dialogue in dialogues:
        # The final feedback too (attach_final_feedback), below the dialogue.
        for page in (dialogue, getattr(dialogue, "final_feedback", None)):
            if page is not None and page.url_path.startswith(below):
                rest = page.url_path[len(below) :]
                page.card_url = index_url + quote(rest, safe=URL_SAFE)


def attach_final_feedback(dialogues):
    """Set ``final_feedback`` on each dialogue annotated with its id, in one
    query for all of them (P6: the card shows what came of a finished
    dialogue)."""
    ids = {d.final_feedback_id for d in dialogues if d.final_feedback_id}
    feedback = FeedbackPage.objects.in_bulk(ids) if ids else {}
    for dialogue in dialogues:
        # Also for dialogues without one: the page would query on access.
        dialogue.final_feedback = feedback.get(dialogue.final_feedback_id)


def show_cards_in_locale(dialogues, locale_id):
    """Each card's responsible body and areas in the index's locale where
    translated: one query per model at most, none with i18n off."""
    if not i18n_enabled() or locale_id is None or not dialogues:
        return
    localize_related(dialogues, "responsible_body", locale_id)
    held = [
        dialogue.__dict__.get("_cluster_related_objects", {}).get("areas")
        for dialogue in dialogues
    ]
    held = [areas for areas in held if areas]
    translated = iter(localize_all([a for areas in held for a in areas], locale_id))
    for areas in held:
        areas[:] = [next(translated) for _area in areas]
