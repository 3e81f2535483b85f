"""Wagtail's i18n turned on, with the locales the tests translate into."""

import pytest

from tests.translated_snippets.support import I18N


@pytest.fixture
def i18n(settings):
    for name, value in I18N.items():
        setattr(settings, name, value)


@pytest.fixture
def english(db):
    from wagtail.models import Locale

    return Locale.objects.get_or_create(language_code="en")[0]
