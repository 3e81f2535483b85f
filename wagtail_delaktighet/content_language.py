"""The language and writing direction of what a public page shows: the
page's locale with Wagtail's i18n on, else the active language. Templates put
them on the element that holds the page's content (``lang`` and ``dir``), so
an Arabic dialogue reads right to left whatever the site's base template
says."""

from django.utils.translation import get_language, get_language_info

from .localized_snippets import i18n_enabled


def page_language_code(page):
    """The page's locale's language code with i18n on (one query the first
    time a page's locale is read), else the active language."""
    if i18n_enabled() and getattr(page, "locale_id", None) is not None:
        return page.locale.language_code
    return get_language() or "sv"


def is_right_to_left(language_code):
    """Whether Django knows the language as written right to left; a code it
    does not know (``ar-x-ml``) is looked up by its base language."""
    for code in (language_code, language_code.split("-")[0]):
        try:
            return get_language_info(code)["bidi"]
        except KeyError:
            continue
    return False


def content_language(page):
    """(language code, "rtl" or "ltr") for the page's content."""
    code = page_language_code(page)
    return code, "rtl" if is_right_to_left(code) else "ltr"
