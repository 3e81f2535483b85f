"""The dialogue index's filter choices and ladder, kept in Django's cache
(views/index_cache.py): every change that could alter them shows at once,
and the listing itself always answers from the database."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from wagtail_delaktighet import content_generation
from wagtail_delaktighet.models import (
    Area,
    DialogueIndexPage,
    DialoguePage,
    InfluenceLevel,
    Topic,
)

from .test_index_page import CARD_TITLE, card_titles


@pytest.fixture
def en_client():
    return Client(headers={"accept-language": "en"})


def options(response, name):
    field = response.context["filter_form"].fields[name]
    return [label for _, label in field.choices][1:]


def topic_reads(client, url, query=None):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return sum("wagtail_delaktighet_topic" in q["sql"] for q in queries), response


@pytest.mark.django_db
def test_choices_are_read_once_then_from_the_cache(
    en_client, make_dialogue, dialogue_index
):
    make_dialogue(title="Parkerna", topics=[Topic.objects.create(name="Parker")])
    reads, response = topic_reads(en_client, dialogue_index.url)
    assert reads == 1
    for query in ({}, {"status": "open"}, {"page": "1"}):
        reads, response = topic_reads(en_client, dialogue_index.url, query)
        assert reads == 0
        assert options(response, "topic") == ["Parker"]
        assert card_titles(response) == ["Parkerna"]


@pytest.mark.django_db
def test_publishing_and_unpublishing_show_at_once(
    en_client, make_dialogue, dialogue_index
):
    make_dialogue(title="Parkerna", topics=[Topic.objects.create(name="Parker")])
    assert options(en_client.get(dialogue_index.url), "topic") == ["Parker"]

    # A new dialogue with a new topic, published as an editor would.
    schools = Topic.objects.create(name="Skolor")
    draft = make_dialogue(title="Skolorna", topics=[schools])
    draft.unpublish()
    assert options(en_client.get(dialogue_index.url), "topic") == ["Parker"]
    draft = DialoguePage.objects.get(pk=draft.pk)
    draft.save_revision().publish()
    response = en_client.get(dialogue_index.url)
    assert options(response, "topic") == ["Parker", "Skolor"]
    assert sorted(card_titles(response)) == ["Parkerna", "Skolorna"]

    DialoguePage.objects.get(pk=draft.pk).unpublish()
    response = en_client.get(dialogue_index.url)
    assert options(response, "topic") == ["Parker"]
    assert card_titles(response) == ["Parkerna"]


@pytest.mark.django_db
def test_a_new_relation_published_on_a_listed_dialogue_shows_at_once(
    en_client, make_dialogue, dialogue_index
):
    page = make_dialogue(title="Parkerna")
    assert options(en_client.get(dialogue_index.url), "area") == []
    page = DialoguePage.objects.get(pk=page.pk)
    page.areas = [Area.objects.create(name="Centrum")]
    page.save_revision().publish()
    response = en_client.get(dialogue_index.url)
    assert options(response, "area") == ["Centrum"]
    assert "Centrum" in response.content.decode()


@pytest.mark.django_db
def test_a_view_restriction_hides_the_choice_at_once(
    en_client, editor, make_dialogue, dialogue_index
):
    # Signed in, so the index itself shows when restricted (as Wagtail's
    # ``public()``, nothing below a restriction is listed even then).
    en_client.force_login(editor)
    make_dialogue(title="Öppen", topics=[Topic.objects.create(name="Parker")])
    private = make_dialogue(
        title="Privat", topics=[Topic.objects.create(name="Hemligt")]
    )
    assert options(en_client.get(dialogue_index.url), "topic") == [
        "Hemligt",
        "Parker",
    ]
    for restricted in (private, dialogue_index):
        restriction = PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.LOGIN
        )
        response = en_client.get(dialogue_index.url)
        assert "Hemligt" not in options(response, "topic")
        restriction.delete()
        assert "Hemligt" in options(en_client.get(dialogue_index.url), "topic")


@pytest.mark.django_db
def test_moving_and_deleting_a_dialogue_show_at_once(
    en_client, make_dialogue, dialogue_index, home_page
):
    other = home_page.add_child(instance=DialogueIndexPage(title="A", slug="a"))
    page = make_dialogue(title="Parkerna", topics=[Topic.objects.create(name="Parker")])
    assert options(en_client.get(dialogue_index.url), "topic") == ["Parker"]
    assert options(en_client.get(other.url), "topic") == []

    page.move(other, pos="last-child")
    assert options(en_client.get(dialogue_index.url), "topic") == []
    assert options(en_client.get(other.url), "topic") == ["Parker"]

    DialoguePage.objects.get(pk=page.pk).delete()
    assert options(en_client.get(other.url), "topic") == []


@pytest.mark.django_db
def test_snippet_and_ladder_changes_show_at_once(
    en_client, make_dialogue, dialogue_index
):
    topic = Topic.objects.create(name="Parker")
    make_dialogue(title="Parkerna", topics=[topic])
    response = en_client.get(dialogue_index.url)
    assert options(response, "topic") == ["Parker"]
    levels = options(response, "level")

    topic.name = "Parker och torg"
    topic.save()
    response = en_client.get(dialogue_index.url)
    assert options(response, "topic") == ["Parker och torg"]

    InfluenceLevel.objects.create(name="Nytt steg", promise="p", explanation="e")
    response = en_client.get(dialogue_index.url)
    assert options(response, "level") == [*levels, "Nytt steg"]

    topic.delete()
    assert options(en_client.get(dialogue_index.url), "topic") == []


def stale_cache(dialogue_index, rows):
    """Stand in for another process's older cache: its choices are ``rows``."""
    cache.set(content_generation.key(None, "index-choices", dialogue_index.pk), rows)


@pytest.mark.django_db
def test_an_id_older_cached_choices_lack_is_checked_against_the_database(
    en_client, make_dialogue, dialogue_index
):
    topic = Topic.objects.create(name="Parker")
    make_dialogue(title="Parkerna", topics=[topic])
    make_dialogue(title="Skolorna")
    en_client.get(dialogue_index.url)
    stale_cache(dialogue_index, [])
    response = en_client.get(dialogue_index.url, {"topic": topic.pk})
    assert not response.context["filter_form"].errors
    assert card_titles(response) == ["Parkerna"]
    assert options(response, "topic") == ["Parker"]


@pytest.mark.django_db
def test_a_choice_older_cached_choices_still_offer_filters_in_the_database(
    en_client, make_dialogue, dialogue_index
):
    gone = Topic.objects.create(name="Borta")
    make_dialogue(title="Parkerna")
    en_client.get(dialogue_index.url)
    stale_cache(dialogue_index, [("topic", gone.pk, gone.name, "", "", "")])
    response = en_client.get(dialogue_index.url, {"topic": gone.pk})
    # The listing is the database's: nothing listed uses that topic.
    assert card_titles(response) == []


@pytest.mark.django_db
def test_the_version_is_renewed_again_when_the_change_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Topic.objects.create(name="Parker")
    before_commit = content_generation.current()
    for callback in callbacks:
        callback()
    assert content_generation.current() != before_commit


@pytest.mark.django_db
@override_settings(WAGTAIL_DELAKTIGHET={"CONTENT_CACHE_TIMEOUT": 0})
def test_no_cache_reads_the_choices_on_every_request(
    en_client, make_dialogue, dialogue_index
):
    make_dialogue(title="Parkerna", topics=[Topic.objects.create(name="Parker")])
    for _ in range(2):
        reads, response = topic_reads(en_client, dialogue_index.url)
        assert reads == 1
        assert options(response, "topic") == ["Parker"]


@pytest.mark.django_db
def test_cards_show_their_areas_in_order_of_name(
    en_client, make_dialogue, dialogue_index
):
    names = ["Öster", "Centrum", "Älvstranden", "Norr"]
    areas = [Area.objects.create(name=name) for name in names]
    make_dialogue(title="Parkerna", areas=list(reversed(areas)))
    expected = [area.name for area in Area.objects.order_by("name")]
    for _ in range(2):  # from the database, then from the cache
        response = en_client.get(dialogue_index.url)
        held = response.context["dialogues"][0].areas.all()
        assert [area.name for area in held] == expected
        assert ", ".join(expected) in response.content.decode()


@pytest.mark.django_db
def test_an_area_older_cached_choices_lack_is_read_from_the_database(
    en_client, make_dialogue, dialogue_index
):
    make_dialogue(title="Parkerna", areas=[Area.objects.create(name="Centrum")])
    en_client.get(dialogue_index.url)
    stale_cache(dialogue_index, [])
    response = en_client.get(dialogue_index.url)
    assert "Centrum" in response.content.decode()


# -- The cards' links --------------------------------------------------------


@pytest.mark.django_db
def test_card_links_are_wagtails_urls(en_client, make_dialogue, dialogue_index):
    pages = [
        make_dialogue(title="Skolgården", slug="skolgården"),
        make_dialogue(title="Parkerna", slug="parkerna"),
    ]
    response = en_client.get(dialogue_index.url)
    found = CARD_TITLE.findall(response.content.decode())
    links = {title: href for href, title in found}
    for page in pages:
        assert links[page.title] == page.get_url(response.wsgi_request)
    assert links["Skolgården"].endswith("/skolg%C3%A5rden/")
    assert en_client.get(links["Skolgården"]).status_code == 200


@pytest.mark.django_db
def test_a_site_rooted_below_the_index_keeps_wagtails_links(
    en_client, make_dialogue, dialogue_index
):
    page = make_dialogue(title="Parkerna", slug="parkerna")
    Site.objects.create(hostname="parkerna.example", root_page=page)
    response = en_client.get(dialogue_index.url)
    [(href, _title)] = CARD_TITLE.findall(response.content.decode())
    # Wagtail's own choice of site, as every card's before.
    assert href == page.get_url(response.wsgi_request)
    assert not hasattr(response.context["dialogues"][0], "card_url")
