"""The rows a published dialogue page shows besides its own fields — the
snippets it names (dialogue_facets.py), its phases, activities, contacts,
documents and decisions — read in six queries, or taken from Django's
default cache.

They change only when the page is saved or a snippet or document they name
is, and each of those renews the content generation
(content_generation.py) under which they are kept; ``CONTENT_CACHE_TIMEOUT``
bounds how long an entry is read where the cache is each process's own. Not
cached: a preview, a page not live, a page holding relations in memory.
"""

from .. import content_generation
from ..localized_snippets import localize_all, localize_related, page_locale_id
from .dialogue_facets import BODY_KEYS, dialogue_facets, held_in_memory


def read_data(page):
    # Also fills the page's foreign keys to bodies.
    facets = dialogue_facets(page)
    data = {
        "facets": facets,
        "bodies": {
            key: getattr(page, key)
            for key in BODY_KEYS
            if getattr(page, f"{key}_id") is not None
        },
        # Chronological; the editor's order breaks ties (sort is stable).
        "phases": sorted(page.phases.all(), key=lambda phase: phase.starts_on),
        "activities": list(
            page.activities.select_related("method").order_by("starts_at")
        ),
        "contacts": list(
            page.dialogue_contacts.select_related("contact", "contact__body")
        ),
        "documents": list(page.documents.select_related("document")),
        "decisions": list(page.decisions.select_related("body")),
    }
    show_in_page_locale(data, page_locale_id(page))
    for name, body in data["bodies"].items():
        page._meta.get_field(name).set_cached_value(page, body)
    return data


def show_in_page_locale(data, locale_id):
    """Each snippet the data names, in the page's locale where translated:
    one query per model with snippets in another locale (none with i18n
    off), then one for the bodies of translated contacts."""
    facets, bodies = data["facets"], data["bodies"]
    related = [
        (data["activities"], "method"),
        (data["contacts"], "contact"),
        (data["decisions"], "body"),
    ]
    held = [
        (row, field)
        for rows, field in related
        for row in rows
        if getattr(row, f"{field}_id") is not None
    ]
    snippets = [
        *(snippet for name in facets for snippet in facets[name]),
        *bodies.values(),
        *(getattr(row, field) for row, field in held),
    ]
    translated = iter(localize_all(snippets, locale_id))
    for name in facets:
        facets[name] = [next(translated) for _snippet in facets[name]]
    for key in bodies:
        bodies[key] = next(translated)
    for row, field in held:
        row._meta.get_field(field).set_cached_value(row, next(translated))
    localize_related([row.contact for row in data["contacts"]], "body", locale_id)


def cacheable(request, page):
    """Whether the page's data may come from the cache: a live page served
    from the database, not a preview."""
    if getattr(request, "is_preview", False) or held_in_memory(page):
        return False
    return page.live and page.live_revision_id is not None


def dialogue_data(request, page):
    """{"facets", "bodies", "phases", "activities", "contacts", "documents",
    "decisions"} of the page; its foreign keys to bodies filled on the way,
    so reading them later costs no query."""
    if not cacheable(request, page):
        return read_data(page)
    data = content_generation.cached(
        request,
        ("page-data", page.pk, page.live_revision_id),
        lambda: read_data(page),
    )
    for name, body in data["bodies"].items():
        page._meta.get_field(name).set_cached_value(page, body)
    return data
