"""The dialogue index's listing as one query over ids joined to the page's
rows (views/index_results.py), and its cards from the cache
(views/index_card_cache.py): what a visitor sees is the same as from the
one query over whole rows and from cards rendered afresh, for every filter
and page."""

import itertools
import re
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection

from tests.feedback.support import make_feedback
from tests.participation.support import override_delaktighet
from wagtail_delaktighet import content_generation
from wagtail_delaktighet.views import index_results

from .test_index_page import (  # noqa: F401 (fixtures)
    NOW,
    card_of,
    catalogue,
    en_client,
    filter_params,
    frozen_clock,
    make_at,
)

RESULTS = re.compile(r'<section class="dlk-index__results".*?</section>', re.S)


def results(client, url, query):
    response = client.get(url, query)
    assert response.status_code == 200
    return RESULTS.search(response.content.decode()).group(0)


@pytest.fixture
def one_query_form():
    """The index reading its page as one query over whole rows, as where
    the outer part cannot be joined to the ids."""
    key = (connection.alias, connection.vendor)
    index_results.outer_sql(connection.alias)
    kept = index_results._outer[key]
    index_results._outer[key] = None
    yield
    index_results._outer[key] = kept


@pytest.fixture
def more_of_each_status(catalogue, make_at):  # noqa: F811
    """The catalogue, with a dialogue of every status besides, one of them
    with final feedback, and two that sort alike but for their ids."""
    make_feedback(make_at("Library", status="closed", days=3), summary="Built.")
    make_at("Square", status="closed", days=3)
    make_at("Harbour", status="upcoming", days=2)
    make_at("Bridge", status="open", days=9)


STATUSES = [None, "open", "upcoming", "closed", "feedback_published"]
SNIPPET_FILTERS = [
    {},
    {"topic": "Traffic"},
    {"area": "North"},
    {"body": "Education committee"},
    {"level": "Dialog"},
    {"target_group": "Old"},
    {"topic": "Traffic", "area": "North", "target_group": "Old"},
]


@pytest.mark.django_db
def test_every_filter_and_page_lists_the_same_as_one_query_over_whole_rows(
    client, more_of_each_status, dialogue_index, level, request
):
    queries = []
    for status, snippets, page in itertools.product(
        STATUSES, SNIPPET_FILTERS, ["1", "2", "9"]
    ):
        query = filter_params(level, **snippets) | {"page": page}
        if status:
            query["status"] = status
        queries.append(query)

    with override_delaktighet(DIALOGUES_PER_PAGE=2):
        joined = [results(client, dialogue_index.url, q) for q in queries]
        # Again: the cards from the cache this time.
        assert [results(client, dialogue_index.url, q) for q in queries] == joined
        request.getfixturevalue("one_query_form")
        with override_delaktighet(DIALOGUES_PER_PAGE=2, CONTENT_CACHE_TIMEOUT=0):
            whole = [results(client, dialogue_index.url, q) for q in queries]
    assert whole == joined
    assert "Built." in "".join(joined)


@pytest.mark.django_db
def test_a_cached_card_follows_the_clock_and_its_feedback(
    en_client,  # noqa: F811
    make_at,  # noqa: F811
    dialogue_index,
):
    page = make_at("Park", status="open", days=1)
    card = card_of(en_client.get(dialogue_index.url).content.decode(), "Park")
    assert "dlk-card__status--open" in card

    with time_machine.travel(NOW + timedelta(days=2), tick=False):
        card = card_of(en_client.get(dialogue_index.url).content.decode(), "Park")
        assert "dlk-card__status--closed" in card
        feedback = make_feedback(page, summary="A new playground.")
        card = card_of(en_client.get(dialogue_index.url).content.decode(), "Park")
        assert "dlk-card__status--feedback_published" in card
        assert f'href="{feedback.url}"' in card


@pytest.mark.django_db
def test_a_republished_dialogue_shows_at_once_whatever_the_generation(
    en_client,  # noqa: F811
    make_at,  # noqa: F811
    dialogue_index,
):
    page = make_at("Park")
    en_client.get(dialogue_index.url)
    marker = content_generation.current()
    page.title = "Park and playground"
    page.save_revision().publish()
    # Another process's cache may keep the generation it read for a while:
    # the card is keyed by the dialogue's live revision too.
    cache.set(content_generation.KEY, marker, None)
    html = en_client.get(dialogue_index.url).content.decode()
    assert ">Park and playground</a></h3>" in html
