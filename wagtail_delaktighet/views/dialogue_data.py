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

from django.core.cache import cache

from .. import __version__, content_generation
from ..conf import delaktighet_settings
from .dialogue_facets import BODY_KEYS, dialogue_facets, held_in_memory


def read_data(page):
    # Also fills the page's foreign keys to bodies.
    facets = dialogue_facets(page)
    return {
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


def cache_key(request, page):
    """The key of the page's data, or None where it is not cached."""
    if not delaktighet_settings.CONTENT_CACHE_TIMEOUT:
        return None
    if getattr(request, "is_preview", False) or held_in_memory(page):
        return None
    if not page.live or page.live_revision_id is None:
        return None
    return ":".join(
        [
            "wagtail_delaktighet:page-data",
            __version__,
            content_generation.current(request),
            str(page.pk),
            str(page.live_revision_id),
        ]
    )


def dialogue_data(request, page):
    """{"facets", "bodies", "phases", "activities", "contacts", "documents",
    "decisions"} of the page; its foreign keys to bodies filled on the way,
    so reading them later costs no query."""
    key = cache_key(request, page)
    data = cache.get(key) if key else None
    if data is None:
        data = read_data(page)
        if key:
            cache.set(key, data, delaktighet_settings.CONTENT_CACHE_TIMEOUT)
        return data
    for name, body in data["bodies"].items():
        page._meta.get_field(name).set_cached_value(page, body)
    return data
