"""One dialogue in several languages is one consultation.

A dialogue page translated (Wagtail's ``copy_for_translation`` or
wagtail-localize) is a group of pages sharing a ``translation_key``. Every
contribution is stored against one page of the group, the *consultation
page*, and every reader of contributions and results reads that page, so
three votes in English and two in Swedish are five votes of one poll.

The consultation page is the oldest page of the group (the lowest id): the
page the others were translated from. Adding a translation never changes it,
so the contributions already stored stay where they are.

With ``WAGTAIL_I18N_ENABLED`` off (the default) a page is its own
consultation and finding it costs no query.
"""

from __future__ import annotations

from django.conf import settings

#: Where a page instance keeps its consultation page, found once per instance.
_CACHE_ATTRIBUTE = "_dlk_consultation_page"


def translations_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def consultation_page(page):
    """The page whose contributions ``page`` stores and shows: ``page``
    itself unless it is a translation of an older page."""
    if page is None or not translations_enabled():
        return page
    cached = page.__dict__.get(_CACHE_ATTRIBUTE)
    if cached is not None:
        return cached
    found = _oldest_translation(page)
    page.__dict__[_CACHE_ATTRIBUTE] = found
    return found


def consultation_page_id(page):
    found = consultation_page(page)
    return found.pk if found is not None else None


def is_consultation_page(page):
    return consultation_page(page).pk == page.pk


def _oldest_translation(page):
    from wagtail.models import Page

    first_pk = (
        Page.objects.filter(translation_key=page.translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
        .first()
    )
    if first_pk is None or first_pk == page.pk:
        return page
    return page.specific_class.objects.get(pk=first_pk)


def translation_pages(page):
    """Every page of ``page``'s translation group (``page`` alone without
    translations enabled), oldest first."""
    if not translations_enabled():
        return [page]
    from wagtail.models import Page

    return list(
        Page.objects.filter(translation_key=page.translation_key).order_by("pk")
    )


def only_consultation_pages(queryset):
    """``queryset`` of pages without the translations of older pages: each
    consultation once."""
    if not translations_enabled():
        return queryset
    from django.db.models import Exists, OuterRef
    from wagtail.models import Page

    older = Page.objects.filter(
        translation_key=OuterRef("translation_key"), pk__lt=OuterRef("pk")
    )
    return queryset.filter(~Exists(older))


def translation_for(page, language):
    """The live version of ``page`` in ``language`` (``Contribution.language``,
    ``Subscription.language``), specific; else ``page``: an email links to the
    dialogue in the language its reader used."""
    if not language or not translations_enabled():
        return page
    from django.utils.translation import get_supported_language_variant
    from wagtail.models import Locale

    try:
        code = get_supported_language_variant(language)
    except LookupError:
        return page
    if (
        page.locale_id
        and Locale.objects.filter(pk=page.locale_id, language_code=code).exists()
    ):
        return page
    found = (
        page.get_translations()
        .live()
        .filter(locale__language_code=code)
        .specific()
        .first()
    )
    return found or page


def one_version_each(pages, locale_id):
    """``pages`` (of every locale, already read) with each consultation
    once: its version in ``locale_id`` where one is among them, else the
    oldest (the consultation page where it is among them); in the order the
    chosen pages' oldest versions came. No query; with translations off,
    ``pages`` as they are."""
    pages = list(pages)
    if not translations_enabled():
        return pages
    from .localized_snippets import one_per_translation

    return [shown for _oldest, shown in one_per_translation(pages, locale_id)]
