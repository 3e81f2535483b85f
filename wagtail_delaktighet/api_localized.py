"""The pages API shows the snippets each dialogue names in the dialogue's
own locale where translated (localized_snippets.py), read for the whole
listing at once: a few queries per locale, none with i18n off."""

from collections import defaultdict

from .api import PREFETCHED_PREFIX
from .localized_snippets import (
    i18n_enabled,
    localize_all,
    localize_related,
    localize_rows,
)

#: The page's foreign keys to snippets the API fields serialize.
FOREIGN_KEYS = (
    "influence_level",
    "decision_body",
    "responsible_body",
    "scope_decided_by",
)

#: The lists the endpoint read in bulk (api_views.api_prefetches) of snippets.
SNIPPET_LISTS = (
    "coordinating_bodies",
    "target_groups",
    "areas",
    "topics",
    "strategic_goals",
    "methods",
)

#: The lists of rows pointing to a snippet: (list, foreign key).
ROW_LISTS = (
    ("activities", "method"),
    ("dialogue_contacts", "contact"),
    ("decisions", "body"),
)


def rows_of(dialogues, name):
    return [
        row
        for dialogue in dialogues
        for row in getattr(dialogue, PREFETCHED_PREFIX + name, None) or ()
    ]


def show_in_own_locale(dialogues, locale_id):
    localize_rows(dialogues, locale_id, foreign_keys=FOREIGN_KEYS)
    lists = [
        found
        for dialogue in dialogues
        for name in SNIPPET_LISTS
        if (found := getattr(dialogue, PREFETCHED_PREFIX + name, None))
    ]
    translated = iter(localize_all([s for found in lists for s in found], locale_id))
    for found in lists:
        found[:] = [next(translated) for _snippet in found]
    for name, field in ROW_LISTS:
        localize_related(rows_of(dialogues, name), field, locale_id)
    contacts = [row.contact for row in rows_of(dialogues, "dialogue_contacts")]
    localize_related(contacts, "body", locale_id)


def show_dialogues_in_their_locales(pages):
    """Each dialogue among ``pages`` with its snippets in its own locale."""
    from .models import DialoguePage

    if not i18n_enabled():
        return
    by_locale = defaultdict(list)
    for page in pages:
        if isinstance(page, DialoguePage):
            by_locale[page.locale_id].append(page)
    for locale_id, dialogues in by_locale.items():
        show_in_own_locale(dialogues, locale_id)
