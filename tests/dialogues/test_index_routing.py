"""The dialogue index routes a path to the dialogue below it, reading the
dialogue once (as its own type), and still routes everything else as Wagtail
does: its own feeds, a draft, an unknown slug, a page of another type."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from example_site.home.models import HomePage

pytestmark = pytest.mark.django_db

#: A query reading a page by its slug, as routing does.
BY_SLUG = re.compile(r"""["`]?slug["`]? = """)


def slug_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    sqls = [query["sql"] for query in queries.captured_queries]
    return response, [sql for sql in sqls if BY_SLUG.search(sql)]


def test_a_dialogue_is_read_once_to_route_to_it(client, make_dialogue):
    page = make_dialogue(title="Parken")
    response, by_slug = slug_queries(client, page.url)

    assert response.status_code == 200
    assert response.context["page"].pk == page.pk
    # The home page finds the index by slug; the index reads its dialogue
    # with the dialogue's own columns, in the same query.
    assert len(by_slug) == 2, by_slug
    assert "wagtail_delaktighet_dialoguepage" in by_slug[1]


def test_a_dialogues_own_paths_are_routed(client, make_dialogue):
    page = make_dialogue()
    response = client.get(page.url + page.reverse_subpage("ical"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")


def test_the_index_feeds_come_before_a_dialogue_of_the_same_slug(
    client, make_dialogue, dialogue_index
):
    make_dialogue(slug="rss")
    response = client.get(dialogue_index.url + "rss/")
    assert response.status_code == 200
    assert "xml" in response["Content-Type"]


def test_a_draft_or_unknown_dialogue_is_not_found(client, make_dialogue):
    page = make_dialogue()
    url = page.url
    page.unpublish()
    assert client.get(url).status_code == 404
    assert client.get(url.replace(page.slug, "finns-inte")).status_code == 404


def test_a_page_of_another_type_below_the_index_is_served(client, dialogue_index):
    other = HomePage(title="Om dialogerna", slug="om")
    dialogue_index.add_child(instance=other)

    response = client.get(other.url)

    assert response.status_code == 200
    assert response.context["page"].pk == other.pk
    assert isinstance(response.context["page"], HomePage)
