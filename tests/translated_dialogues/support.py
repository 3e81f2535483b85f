"""A dialogue in Swedish and English, as one consultation, taken part in
through both language versions with the test client."""

from django.test import Client
from wagtail.models import Locale, Site

from tests.participation.support import DialogueWithBlocks, poll, survey
from wagtail_delaktighet.models import DialoguePage

API = "/delaktighet/api/v1/"


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def browser(language):
    """A browser of its own (its own participant) reading ``language``."""
    return Client(headers={"Accept-Language": language})


def translate_with_core(page):
    """The English version of ``page``, made with Wagtail core's
    ``copy_for_translation`` (its parents copied as aliases) and published."""
    copy = page.copy_for_translation(english(), copy_parents=True)
    copy.save_revision().publish()
    # The English home page is a root of its own: Wagtail's cached list of
    # site roots must know it.
    Site.clear_site_root_paths_cache()
    return DialogueWithBlocks(DialoguePage.objects.get(pk=copy.pk))


def both_languages_body():
    return [poll(), survey()]


def vote(client, dialogue, option_index=0):
    block = dialogue.block("poll")
    return block.post(client, {"choice": block.option_ids()[option_index]})


def block_results_url(dialogue, block_type):
    block = dialogue.block(block_type)
    return f"{API}dialogues/{dialogue.page.pk}/blocks/{block.id}/results/"
