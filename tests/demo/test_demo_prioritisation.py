"""The demo's youth budget and the centre's ranking: prioritisation blocks
with contributions from the web and from offline channels, counted, shown
once the dialogue has closed, and stored once however often the demo loads."""

import pytest
from bs4 import BeautifulSoup

from example_site.home.demo import prioritisation as demo
from tests.fixtures.demo import load_demo
from tests.participation.support import text_of
from wagtail_delaktighet.models import Channel, Contribution, DialoguePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def youth_budget(demo_site, db):
    return DialoguePage.objects.get(slug=demo.BUDGET_SLUG)


@pytest.fixture
def centre(demo_site, db):
    return DialoguePage.objects.get(slug=demo.RANKING_SLUG)


def test_the_youth_budget_uses_the_budget_block(youth_budget):
    [item] = list(youth_budget.consultation_blocks())
    assert item.block_id == demo.BUDGET_ID
    assert item.block.name == "budget"
    assert item.value["budget"] == 500_000


def test_ballots_came_from_the_web_and_the_youth_centre(youth_budget):
    ballots = Contribution.objects.filter(page=youth_budget, block_id=demo.BUDGET_ID)
    assert ballots.count() == len(demo.BALLOTS)
    assert set(ballots.values_list("channel", flat=True)) == {
        Channel.WEB,
        Channel.MEETING,
        Channel.PAPER,
    }


def test_the_closed_budget_shows_how_many_chose_each_proposal(client, youth_budget):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    response = client.get(youth_budget.url)

    section = BeautifulSoup(response.content, "html.parser").find(
        id=f"dlk-block-{demo.BUDGET_ID}"
    )
    rows = {
        text_of(row.select_one(".dlk-results__label")): text_of(
            row.select_one(".dlk-results__value")
        )
        for row in section.select(".dlk-results__row")
    }
    # Six of the ten ballots chose the outdoor gym.
    assert rows["Utegym vid Bergby fritidsgård (180,000 kr)"] == "60 % (6 answers)"
    assert rows["Padelbana vid skolan (250,000 kr)"] == "30 % (3 answers)"
    assert section.find("form") is None


def test_the_centre_has_a_ranking_entered_from_its_meetings(centre):
    rankings = Contribution.objects.filter(page=centre, block_id=demo.RANKING_ID)
    assert rankings.count() == len(demo.RANKINGS)
    assert set(rankings.values_list("channel", flat=True)) == {Channel.MEETING}


def test_loading_again_stores_no_prioritisation_twice(youth_budget, centre):
    before = Contribution.objects.filter(page__in=[youth_budget, centre]).count()
    load_demo()
    after = Contribution.objects.filter(page__in=[youth_budget, centre]).count()
    assert after == before


def test_the_upcoming_playground_dialogue_asks_for_points(client, demo_site, db):
    playground = DialoguePage.objects.get(slug=demo.POINTS_SLUG)
    [item] = list(playground.consultation_blocks())
    assert (item.block_id, item.block.name) == (demo.POINTS_ID, "points")
    assert item.value["points"] == 10

    response = client.get(playground.url)

    section = BeautifulSoup(response.content, "html.parser").find(
        id=f"dlk-block-{demo.POINTS_ID}"
    )
    # Upcoming: the block says when residents can take part, without a form.
    assert "Vad är viktigast på den nya lekplatsen?" in text_of(section)
    assert section.find("form") is None
