"""Translating a dialogue with wagtail-localize's programmatic API. Importing
this skips the importing test module unless the tests run under
tests/settings_i18n.py with wagtail-localize installed (``make test-i18n``)."""

import pytest
from django.apps import apps

if not apps.is_installed("wagtail_localize"):
    pytest.skip(
        "Needs wagtail-localize and the i18n settings: run `make test-i18n` "
        "(pytest --ds=tests.settings_i18n tests/i18n).",
        allow_module_level=True,
    )

from django.test import TestCase
from wagtail.models import Site
from wagtail_localize.models import TranslationSource

from tests.participation.support import DialogueWithBlocks
from tests.translated_dialogues.support import english
from wagtail_delaktighet.models import DialoguePage


def translate_with_localize(page):
    """The English translation of ``page``, made and published by
    wagtail-localize (its parent pages copied as well). No string is
    translated yet, so it falls back to the Swedish text, as a translation
    under way does; its block and option ids are the source's."""
    source, _created = TranslationSource.get_or_create_from_instance(page)
    # wagtail-localize publishes once the transaction commits.
    with TestCase.captureOnCommitCallbacks(execute=True):
        translation, _created = source.create_or_update_translation(
            english(), copy_parent_pages=True, fallback=True
        )
    Site.clear_site_root_paths_cache()
    return DialogueWithBlocks(DialoguePage.objects.get(pk=translation.pk))
