"""The site's privacy notice where personal data is collected: with each
consultation block's contact fields and with the follow form, linking to the
full notice; and a dialogue page served from the cache shows a changed
notice at the next view."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client
from wagtail.models import Page, Site

from tests.participation.support import views
from wagtail_delaktighet.models import DelaktighetSettings
from wagtail_delaktighet.views.dialogue_content_cache import CACHED_CONTENT

pytestmark = pytest.mark.django_db

NOTICE = "<p>Kommunstyrelsen ansvarar för dina <b>personuppgifter</b>.</p>"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[views()])


@pytest.fixture
def privacy_page(home_page):
    return home_page.add_child(instance=Page(title="Personuppgifter", slug="pu"))


def set_notice(notice, privacy_page=None):
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.privacy_notice = notice
    site_settings.privacy_page = privacy_page
    site_settings.save()


def soup_of(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def notices(soup):
    return soup.select(".dlk-privacy-notice")


def test_the_notice_shows_with_the_contact_fields_and_the_follow_form(
    dialogue, privacy_page
):
    set_notice(NOTICE, privacy_page)

    soup = soup_of(Client().get(dialogue.page.url))

    identity = soup.select_one(".dlk-form__identity")
    follow_form = soup.select_one(".dlk-follow__form").parent
    for where in (identity, follow_form):
        [notice] = notices(where)
        assert "Kommunstyrelsen ansvarar för dina personuppgifter." in notice.text
        assert notice.select_one("b").text == "personuppgifter"
        [link] = notice.select("a")
        assert link["href"] == privacy_page.url
    # The notice carries the link: it is not given twice.
    assert len(soup.select(f'a[href="{privacy_page.url}"]')) == 2


def test_without_a_notice_only_the_link_is_shown(dialogue, privacy_page):
    set_notice("", privacy_page)

    soup = soup_of(Client().get(dialogue.page.url))

    assert notices(soup) == []
    assert soup.select_one(".dlk-form__privacy a")["href"] == privacy_page.url
    assert soup.select_one(".dlk-follow__privacy a")["href"] == privacy_page.url


def test_a_notice_without_a_privacy_page_shows_without_a_link(dialogue):
    set_notice(NOTICE)

    soup = soup_of(Client().get(dialogue.page.url))

    assert len(notices(soup)) == 2
    assert all(notice.select("a") == [] for notice in notices(soup))


def test_a_changed_notice_is_on_the_cached_page_at_the_next_view(dialogue):
    set_notice(NOTICE)
    client = Client()
    client.get(dialogue.page.url)
    cached = client.get(dialogue.page.url)
    assert cached.context.get(CACHED_CONTENT) is not None
    assert "Kommunstyrelsen ansvarar" in cached.text

    set_notice("<p>Tekniska nämnden ansvarar för uppgifterna.</p>")

    fresh = client.get(dialogue.page.url)
    assert fresh.context.get(CACHED_CONTENT) is None
    assert "Tekniska nämnden ansvarar" in fresh.text
    assert "Kommunstyrelsen ansvarar" not in fresh.text
