"""The demo's English dialogue: "Trygga skolvägar i Bergby" in English under
/en/, made by the demo loader's last step on a multilingual site (the
example site's settings), one consultation with the Swedish page."""

import re

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import Site

from example_site.home.demo import consultation as demo
from example_site.home.demo.english import build_english
from example_site.home.demo.site import HOME_SLUG
from example_site.home.models import HomePage
from wagtail_delaktighet.models import Contribution, DialoguePage

ENGLISH_URL = "/en/dialogues/safe-routes-to-bergby-school/"

MULTILINGUAL = {
    "WAGTAIL_I18N_ENABLED": True,
    "WAGTAIL_CONTENT_LANGUAGES": [("sv", "Svenska"), ("en", "English")],
    "ROOT_URLCONF": "tests.demo.multilingual_urls",
}


@pytest.fixture
def multilingual_demo(demo_site, db):
    """The demo with its English step run as on the example site."""
    cache.clear()
    with override_settings(**MULTILINGUAL):
        home = HomePage.objects.get(slug=HOME_SLUG)
        build_english(home)
        yield DialoguePage.objects.get(slug=demo.DIALOGUE_SLUG)
    # The English root must not stay in Wagtail's cached site roots.
    Site.clear_site_root_paths_cache()
    cache.clear()


def poll_form(html):
    """(action, {field: value}) of the poll's form, its first option chosen."""
    form = re.search(
        rf'<form[^>]*action="([^"#]*/{demo.POLL_ID}/[^"#]*)[^"]*"[^>]*>(.*?)</form>',
        html,
        flags=re.DOTALL,
    )
    assert form is not None
    action, inner = form.groups()
    key = re.search(r'name="([^"]*submission_key)" value="([^"]*)"', inner)
    choice = re.search(r'name="([^"]*-choice)"[^>]*value="([^"]*)"', inner)
    if choice is None:
        choice = re.search(r'value="([^"]*)"[^>]*name="([^"]*-choice)"', inner)
        choice = (choice.group(2), choice.group(1))
    else:
        choice = choice.groups()
    return action, {key.group(1): key.group(2), choice[0]: choice[1]}


def test_the_english_dialogue_is_at_its_english_address_in_english(
    multilingual_demo,
):
    swedish = multilingual_demo
    english = swedish.get_translations().get().specific
    assert english.url == ENGLISH_URL
    revisions = english.revisions.count()
    # Loaded again, as ``load_demo_data`` is: nothing new to publish.
    build_english(HomePage.objects.get(slug=HOME_SLUG))
    assert english.revisions.count() == revisions

    response = Client().get(ENGLISH_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Safe routes to school in Bergby" in html
    assert "Which measure is the most important to do first?" in html
    assert "A safer crossing on Skolvägen" in html
    assert "Urban Planning Committee" in html
    assert "Consultation" in html
    assert '<html lang="en"' in html
    # The Swedish page keeps its address and its Swedish.
    swedish_html = Client().get(swedish.url).content.decode()
    assert swedish.url == "/dialoger/trygga-skolvagar-i-bergby/"
    assert "Vilken åtgärd är viktigast att göra först?" in swedish_html


def test_a_vote_through_the_english_page_counts_on_the_swedish_page(
    multilingual_demo,
):
    swedish = multilingual_demo
    votes_before = Contribution.objects.filter(
        page=swedish, block_id=demo.POLL_ID
    ).count()
    voter = Client()
    action, fields = poll_form(voter.get(ENGLISH_URL).content.decode())
    assert action.startswith("/en/")

    response = voter.post(action, fields, follow=True)

    assert response.status_code == 200
    assert "votes so far" in response.content.decode()
    stored = Contribution.objects.filter(page=swedish, block_id=demo.POLL_ID)
    assert stored.count() == votes_before + 1
    assert stored.order_by("pk").last().language == "en"
    # The voter sees the results on the Swedish page, their vote among them.
    swedish_html = voter.get(swedish.url).content.decode()
    assert f"{votes_before + 1} röster hittills" in swedish_html
