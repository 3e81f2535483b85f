"""Both APIs show the snippets a dialogue names in the dialogue's locale
where translated, its level keeping its step on the ladder."""

import pytest

from tests.rest.support import API
from tests.translated_snippets.support import english_dialogue, translate

pytestmark = pytest.mark.usefixtures("i18n")


@pytest.fixture
def page(english, ladder, make_dialogue, body_factory):
    page = english_dialogue(make_dialogue, body_factory, english)
    translate(page.influence_level, english, "Consultation")
    return page


def assert_in_english(dialogue):
    assert dialogue["influence_level"]["name"] == "Consultation"
    assert dialogue["influence_level"]["step"] == 2
    assert dialogue["influence_level"]["step_count"] == 5
    assert dialogue["responsible_body"]["name"].startswith("EN ")
    assert [topic["name"] for topic in dialogue["topics"]] == [
        "EN Parker och grönområden"
    ]
    assert [area["name"] for area in dialogue["areas"]] == ["Centrum"]


def test_the_pages_api_shows_a_dialogue_in_its_locale(client, page):
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert_in_english(detail)

    listing = client.get(
        "/api/v2/pages/",
        {"type": "wagtail_delaktighet.DialoguePage", "fields": "*"},
    ).json()
    [item] = [item for item in listing["items"] if item["id"] == page.pk]
    assert_in_english(item)


def test_the_rest_api_shows_a_dialogue_in_its_locale(client, page):
    assert_in_english(client.get(f"{API}dialogues/{page.pk}/").json())


def test_the_rest_taxonomies_list_each_snippet_once_in_the_asked_language(
    client, page, english
):
    from wagtail_delaktighet.models import Topic

    Topic.objects.create(name="Skolor")

    levels = client.get(f"{API}influence-levels/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [level["name"] for level in levels][:2] == ["Information", "Consultation"]
    assert [level["step"] for level in levels] == [1, 2, 3, 4, 5]

    topics = client.get(f"{API}topics/", HTTP_ACCEPT_LANGUAGE="en").json()
    assert [topic["name"] for topic in topics] == [
        "EN Parker och grönområden",
        "Skolor",
    ]
    swedish = client.get(f"{API}topics/", HTTP_ACCEPT_LANGUAGE="sv").json()
    assert [topic["name"] for topic in swedish] == ["Parker och grönområden", "Skolor"]
