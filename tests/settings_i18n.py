"""The test settings with translated content: Wagtail's i18n on and
wagtail-localize installed (``make test-i18n`` runs tests/i18n with these).

wagtail-localize is not a dependency of the package: ``make test-i18n`` and
CI install it."""

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS, LANGUAGES

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

# wagtail-localize's own locales app in place of wagtail.locales (which the
# test settings do not install).
INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "wagtail.locales"] + [
    "wagtail_localize",
    "wagtail_localize.locales",
]
