"""The participant evaluation block, end to end: three standard ratings and
a comment, stored privately and counted, shown to staff and on the feedback
page's summary, and averaged per dialogue in one query for evaluation
reports (P7)."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.feedback.support import make_feedback
from tests.staff.contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
)
from wagtail_delaktighet.blocks.evaluation import QUESTIONS, evaluation_averages
from wagtail_delaktighet.models import Contribution, ContributionStatus, DialoguePage

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    evaluation,
    receipt_shown,
    submit,
    text_of,
    views,
)

pytestmark = pytest.mark.django_db

# The pages and the admin answer these tests in English.
with translation.override("en"):
    PURPOSE, INFLUENCE, FEEDBACK = (str(question) for _key, question in QUESTIONS)


def rate(purpose, influence, expects, comment=""):
    return {
        "purpose_clear": str(purpose),
        "influence_understood": str(influence),
        "expects_feedback": str(expects),
        "comment": comment,
    }


@pytest.fixture
def evaluated(consultation_dialogue):
    return consultation_dialogue(body=[views(), evaluation()])


def test_an_evaluation_is_stored_privately_and_counted(client, evaluated):
    block = evaluated.block("evaluation")

    response = block.post(client, rate(4, 2, 5, "Bra möte!"))

    assert_redirected_to_block(response, block)
    assert receipt_shown(client, block)
    stored = Contribution.objects.get()
    assert stored.status == ContributionStatus.PRIVATE
    assert stored.content == rate(4, 2, 5, "Bra möte!")
    assert set(stored.answers.values_list("question_key", "value")) == {
        ("purpose_clear", "4"),
        ("influence_understood", "2"),
        ("expects_feedback", "5"),
    }


def test_the_form_asks_the_standard_questions_anonymously(client, evaluated):
    block = evaluated.block("evaluation")

    section = block.section(evaluated.get(client))

    legends = [text_of(legend) for legend in section.find_all("legend")]
    for question in (PURPOSE, INFLUENCE, FEEDBACK):
        assert f"{question} (required)" in legends
    assert section.find("textarea", attrs={"name": block.name("comment")})
    assert not section.find("input", attrs={"name": block.name("email")})


def test_a_missing_or_made_up_rating_is_a_form_error(client, evaluated):
    block = evaluated.block("evaluation")

    response = block.post(client, {"purpose_clear": "9", "influence_understood": "3"})

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["purpose_clear", "expects_feedback"])
    assert not Contribution.objects.exists()


def test_staff_read_it_in_the_detail_view_and_the_export(admin, evaluated):
    block = evaluated.block("evaluation")
    stored = submit(block, rate(5, 4, 3, "Tydligt syfte."))

    detail = text_of_response(admin.get(detail_url(stored)))
    [row] = [
        row
        for row in as_dicts(csv_table(admin, evaluated))
        if row["Receipt"] == stored.receipt
    ]

    assert PURPOSE in detail and "Tydligt syfte." in detail
    assert (row[PURPOSE], row[INFLUENCE], row[FEEDBACK]) == (
        "5 – completely",
        "4",
        "3",
    )
    assert row["Text"] == "Tydligt syfte."


def text_of_response(response):
    assert response.status_code == 200
    return text_of(BeautifulSoup(response.content, "html.parser"))


def test_the_feedback_summary_charts_the_ratings(client, evaluated):
    block = evaluated.block("evaluation")
    for ratings in (rate(5, 4, 3), rate(3, 4, 1)):
        submit(block, ratings)

    feedback = make_feedback(evaluated.page)
    page = text_of_response(client.get(feedback.url))

    for question in (PURPOSE, INFLUENCE, FEEDBACK):
        assert question in page


def test_the_averages_per_dialogue_take_one_query(consultation_dialogue):
    first = consultation_dialogue(body=[views(), evaluation()])
    second = consultation_dialogue(body=[evaluation()])
    unevaluated = consultation_dialogue(body=[views()])
    for ratings in (rate(5, 4, 3), rate(2, 4, 1), rate(2, 1, 1)):
        submit(first.block("evaluation"), ratings)
    submit(second.block("evaluation"), rate(4, 4, 4))
    pages = list(
        DialoguePage.objects.filter(
            pk__in=[first.page.pk, second.page.pk, unevaluated.page.pk]
        )
    )

    with CaptureQueriesContext(connection) as queries:
        averages = evaluation_averages(pages)

    assert len(queries) == 1
    first_averages = averages[first.page.pk]
    assert first_averages["purpose_clear"].mean == 3.0
    assert first_averages["influence_understood"].mean == 3.0
    assert first_averages["expects_feedback"].mean == round(5 / 3, 2)
    assert first_averages["purpose_clear"].respondents == 3
    assert averages[second.page.pk]["expects_feedback"].mean == 4.0
    assert averages[unevaluated.page.pk]["purpose_clear"].mean is None
    assert averages[unevaluated.page.pk]["purpose_clear"].respondents == 0
