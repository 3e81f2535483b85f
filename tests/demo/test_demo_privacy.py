"""The demo shows a privacy notice in Swedish where personal data is given."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache

from example_site.home.demo import consultation as demo
from wagtail_delaktighet.models import DialoguePage


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def test_the_open_dialogue_shows_the_privacy_notice(demo_site, db, client):
    dialogue = DialoguePage.objects.get(slug=demo.DIALOGUE_SLUG)

    response = client.get(dialogue.url, headers={"Accept-Language": "sv"})

    soup = BeautifulSoup(response.content, "html.parser")
    # With the contact fields of the forms that ask for them, and with the
    # follow form.
    identity_notices = soup.select(".dlk-form__identity .dlk-privacy-notice")
    follow_notices = soup.select(".dlk-follow__privacy + .dlk-privacy-notice")
    assert identity_notices and follow_notices
    for notice in identity_notices + follow_notices:
        assert "ansvarar för dina personuppgifter" in notice.text
