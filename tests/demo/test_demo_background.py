"""The demo defines the site's background questions and has participants
evaluate its open dialogue, some answering the background questions; loading
it again stores nothing twice."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.urls import reverse

from example_site.home.demo import background as demo
from tests.fixtures.demo import load_demo
from wagtail_delaktighet.blocks.evaluation import evaluation_averages
from wagtail_delaktighet.models import (
    BackgroundAnswer,
    Contribution,
    DelaktighetSettings,
    DialoguePage,
)
from wagtail_delaktighet.participation.background import (
    background_counts,
    site_questions,
)


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(demo_site, db):
    return DialoguePage.objects.get(slug=demo.DIALOGUE_SLUG)


def test_the_site_asks_three_background_questions(dialogue):
    questions = site_questions(DelaktighetSettings.for_site(dialogue.get_site()))

    assert [question.text for question in questions] == [
        text for _key, text, _options in demo.QUESTIONS
    ]
    assert dialogue.ask_background_questions


def test_the_open_dialogue_is_evaluated_with_background_answers(dialogue):
    evaluations = Contribution.objects.filter(block_id=demo.EVALUATION_ID)
    assert evaluations.count() == len(demo.EVALUATIONS)
    assert BackgroundAnswer.objects.filter(contribution__in=evaluations).count() == 11
    age = background_counts(dialogue)[demo._id("age")]
    assert age[demo._id("age-2")] == 1
    averages = evaluation_averages([dialogue])[dialogue.pk]
    assert averages["purpose_clear"].respondents == len(demo.EVALUATIONS)
    assert averages["purpose_clear"].mean == 4.2


def test_loading_again_stores_nothing_twice(dialogue):
    before = (Contribution.objects.count(), BackgroundAnswer.objects.count())

    load_demo()

    after = (Contribution.objects.count(), BackgroundAnswer.objects.count())
    assert after == before


def test_the_questions_give_the_residents_shares_and_their_source(dialogue):
    questions = site_questions(DelaktighetSettings.for_site(dialogue.get_site()))

    age = questions[0]
    assert age.population_source == demo.SOURCES["age"]
    assert sum(share for _key, share in age.population_shares) == 100


def test_the_representativeness_report_shows_the_demos_figures(admin, dialogue):
    centre = DialoguePage.objects.get(slug=demo.CENTRE_SLUG)

    response = admin.get(
        reverse("wagtail_delaktighet_admin:representativeness"),
        {"dialogue": centre.pk},
    )

    assert response.status_code == 200
    rows = {
        row.th.get_text(strip=True): [
            cell.get_text(strip=True) for cell in row.find_all("td")
        ]
        for row in BeautifulSoup(response.content, "html.parser").select(
            ".dlk-representativeness__question tbody tr"
        )
    }
    # 35–64: 14 online and 8 at meetings, of 53 who chose an age band.
    assert rows["35–64 år"][:4] == ["37.0 %", "22", "41.5 %", "+4.5"]
