"""A dialogue translated with Wagtail core, with translations enabled."""

import pytest

from .support import both_languages_body, translate_with_core


@pytest.fixture
def translations_on(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES


@pytest.fixture
def swedish_and_english(translations_on, consultation_dialogue):
    """(the Swedish dialogue, its English translation), with a poll and a
    survey."""
    swedish = consultation_dialogue(body=both_languages_body())
    return swedish, translate_with_core(swedish.page)
