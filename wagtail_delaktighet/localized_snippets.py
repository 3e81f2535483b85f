"""Snippets shown in a page's locale: the translation where one exists,
else the snippet as it is (Wagtail's i18n, ``WAGTAIL_I18N_ENABLED``).

A page names snippets in whatever locale the editor chose them; a reader of
the page sees each in the page's language. Many snippets are localized at
once, with one query per model that has any in another locale, never one per
snippet; with i18n off, or everything in the page's locale, no query at all.
"""

from collections import defaultdict

from django.conf import settings


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def page_locale_id(page):
    """The locale a page's snippets are shown in; None if it has none."""
    return getattr(page, "locale_id", None)


def needs_translation(snippet, locale_id):
    return (
        snippet is not None
        and getattr(snippet, "translation_key", None) is not None
        and snippet.locale_id != locale_id
    )


def localize_all(snippets, locale_id):
    """``snippets`` (of any translatable models, None allowed), each
    replaced by its translation in ``locale_id`` where one exists; same order."""
    snippets = list(snippets)
    if not i18n_enabled() or locale_id is None:
        return snippets
    wanted = defaultdict(set)
    for snippet in snippets:
        if needs_translation(snippet, locale_id):
            wanted[snippet._meta.concrete_model].add(snippet.translation_key)
    found = {}
    for model, keys in wanted.items():
        for translation in model._default_manager.filter(
            locale_id=locale_id, translation_key__in=keys
        ):
            found[model, translation.translation_key] = translation
    return [
        found.get((snippet._meta.concrete_model, snippet.translation_key), snippet)
        if needs_translation(snippet, locale_id)
        else snippet
        for snippet in snippets
    ]


def localize(snippet, locale_id):
    """One snippet in ``locale_id``: its translation, else itself."""
    return localize_all([snippet], locale_id)[0]


def localize_related(rows, field_name, locale_id):
    """Replace each row's ``field_name`` (a foreign key to a translatable
    model) by its translation in ``locale_id``; rows whose value is not yet
    read (a translation just swapped in) have theirs read in one query."""
    if not i18n_enabled() or locale_id is None:
        return
    rows = [row for row in rows if getattr(row, f"{field_name}_id") is not None]
    if not rows:
        return
    field = rows[0]._meta.get_field(field_name)
    unread = {
        getattr(row, f"{field_name}_id") for row in rows if not field.is_cached(row)
    }
    read = field.related_model._default_manager.in_bulk(unread) if unread else {}
    values = [
        field.get_cached_value(row)
        if field.is_cached(row)
        else read[getattr(row, f"{field_name}_id")]
        for row in rows
    ]
    for row, snippet in zip(rows, localize_all(values, locale_id), strict=True):
        field.set_cached_value(row, snippet)


def one_per_translation(rows, locale_id):
    """[(original, shown), …]: one pair per translation key among ``rows``
    (of every locale), the original being the first row made with that key,
    shown in ``locale_id`` where translated; in the originals' order."""
    members = defaultdict(list)
    for row in rows:
        members[row.translation_key].append(row)
    pairs = []
    for group in members.values():
        original = min(group, key=lambda row: row.pk)
        shown = next((row for row in group if row.locale_id == locale_id), original)
        pairs.append((original, shown))
    position = {row.pk: n for n, row in enumerate(rows)}
    return sorted(pairs, key=lambda pair: position[pair[0].pk])


def localize_ladder(levels, locale_id):
    """The influence ladder in one locale, from the levels of every locale
    (ordered by step): one level a step, ordered as its original is, shown
    in ``locale_id`` where translated."""
    if not i18n_enabled():
        return list(levels)
    return [shown for _original, shown in one_per_translation(levels, locale_id)]


def active_locale_id():
    """The locale of the active language, where there is one (a query)."""
    from wagtail.models import Locale

    try:
        return Locale.get_active().pk
    except (LookupError, Locale.DoesNotExist):
        return None


def in_active_language(rows):
    """``rows`` of every locale as one list in the active language: each
    snippet once, translated where it is; as they are with i18n off."""
    rows = list(rows)
    if not i18n_enabled():
        return rows
    locale_id = active_locale_id()
    return [shown for _original, shown in one_per_translation(rows, locale_id)]


def localize_prefetched(rows, relation, locale_id):
    """Replace what ``prefetch_related(relation)`` read for each row by its
    translations in ``locale_id``, in one query per model."""
    if not i18n_enabled() or locale_id is None:
        return
    lists = [
        row._prefetched_objects_cache[relation]._result_cache
        for row in rows
        if relation in getattr(row, "_prefetched_objects_cache", {})
    ]
    lists = [found for found in lists if found]
    translated = iter(localize_all([s for found in lists for s in found], locale_id))
    for found in lists:
        found[:] = [next(translated) for _snippet in found]


def localize_rows(rows, locale_id, foreign_keys=(), prefetched=()):
    """Each row's foreign keys and prefetched relations to snippets, in
    ``locale_id`` where translated."""
    for field_name in foreign_keys:
        localize_related(rows, field_name, locale_id)
    for relation in prefetched:
        localize_prefetched(rows, relation, locale_id)
