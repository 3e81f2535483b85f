"""The demo's open dialogue has an ideas block with ideas, supports and
official statuses with signed answers; loading the demo again stores
nothing twice."""

import pytest
from django.core.cache import cache

from example_site.home.demo import ideas as demo
from tests.fixtures.demo import load_demo
from wagtail_delaktighet.models import (
    Contribution,
    DialoguePage,
    OfficialResponse,
    ResultCount,
)


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(demo_site, db):
    return DialoguePage.objects.get(slug=demo.DIALOGUE_SLUG)


def test_ideas_have_supports_and_every_official_status(dialogue):
    ideas = Contribution.objects.filter(
        page=dialogue, block_id=demo.IDEAS_ID, content__has_key="title"
    )
    supports = Contribution.objects.filter(
        page=dialogue, block_id=demo.IDEAS_ID, content__has_key="supports"
    )
    assert ideas.count() == len(demo.IDEAS)
    assert supports.count() == sum(idea.supporters for idea in demo.IDEAS)
    outcomes = set(
        OfficialResponse.objects.filter(
            contribution__block_id=demo.IDEAS_ID
        ).values_list("outcome", flat=True)
    )
    assert outcomes == {"under_review", "accepted", "partly_accepted", "not_possible"}
    counted = ResultCount.objects.filter(
        page=dialogue, block_id=demo.IDEAS_ID, question_key="support"
    )
    assert sum(counted.values_list("count", flat=True)) == supports.count()


def test_the_page_shows_the_ideas_with_status_and_supports(dialogue, client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    html = client.get(dialogue.url).content.decode()

    assert "Gångfartsområde på Skolvägen" in html
    assert "Partly accepted" in html
    assert "7 supports" in html
    # Waiting for a moderator.
    assert "Skolpatrull vid övergångsstället" not in html


def test_loading_the_demo_again_stores_nothing_twice(dialogue):
    before = Contribution.objects.filter(block_id=demo.IDEAS_ID).count()
    responses = OfficialResponse.objects.count()

    load_demo()

    assert Contribution.objects.filter(block_id=demo.IDEAS_ID).count() == before
    assert OfficialResponse.objects.count() == responses
