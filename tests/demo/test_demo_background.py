"""The demo defines the site's background questions and has participants
evaluate its open dialogue, some answering the background questions; loading
it again stores nothing twice."""

import pytest
from django.core.cache import cache

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
