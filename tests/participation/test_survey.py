"""The survey block, end to end through real HTTP."""

import pytest

from wagtail_delaktighet.models import Contribution, ContributionAnswer

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    override_delaktighet,
    receipt_shown,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(consultation_dialogue):
    return consultation_dialogue().block("survey")


def answers_to_every_question(survey):
    """A filled-in survey: form fields, and what each question should store."""
    short, short_id, _ = survey.question("short_text")
    long, long_id, _ = survey.question("long_text")
    single, single_id, entrances = survey.question("single_choice")
    multiple, multiple_id, activities = survey.question("multiple_choice")
    scale, scale_id, _ = survey.question("scale")
    yes_no, yes_no_id, _ = survey.question("yes_no")
    fields = {
        short: "Parkgatan",
        long: "Mörk om kvällarna.",
        single: entrances[1],
        multiple: [activities[0], activities[2]],
        scale: "4",
        yes_no: "yes",
    }
    stored = {
        short_id: "Parkgatan",
        long_id: "Mörk om kvällarna.",
        single_id: entrances[1],
        multiple_id: [activities[0], activities[2]],
        scale_id: "4",
        yes_no_id: "yes",
    }
    counted = {
        (single_id, entrances[1]),
        (multiple_id, activities[0]),
        (multiple_id, activities[2]),
        (scale_id, "4"),
        (yes_no_id, "yes"),
    }
    return fields, stored, counted


def test_valid_survey_is_stored_privately_with_counted_answers(client, survey):
    fields, stored, counted = answers_to_every_question(survey)

    response = survey.post(client, fields)

    assert_redirected_to_block(response, survey)
    receipt = receipt_shown(client, survey)
    contribution = Contribution.objects.get()
    assert contribution.receipt == receipt
    assert contribution.block_id == survey.id
    assert contribution.block_type == "survey"
    assert contribution.status == "private"
    assert contribution.channel == "web"
    assert contribution.content == {"answers": stored}
    # Text answers are content only; choices, scale and yes/no are counted
    # rows, one per chosen option of a multiple-choice question.
    rows = ContributionAnswer.objects.filter(contribution=contribution)
    assert {(row.question_key, row.value) for row in rows} == counted
    assert rows.count() == len(counted)
    assert {row.block_id for row in rows} == {survey.id}


def test_optional_questions_may_be_left_empty(client, survey):
    long, long_id, _ = survey.question("long_text")
    single, single_id, entrances = survey.question("single_choice")
    scale, scale_id, _ = survey.question("scale")

    response = survey.post(client, {long: "Fin", single: entrances[0], scale: "1"})

    assert_redirected_to_block(response, survey)
    contribution = Contribution.objects.get()
    assert contribution.content == {
        "answers": {long_id: "Fin", single_id: entrances[0], scale_id: "1"}
    }
    assert contribution.answers.count() == 2


def test_missing_required_answers_are_listed_and_input_kept(client, survey):
    short = survey.question("short_text")[0]
    long = survey.question("long_text")[0]
    single = survey.question("single_choice")[0]
    multiple, _, activities = survey.question("multiple_choice")
    scale = survey.question("scale")[0]

    response = survey.post(client, {short: "Parkgatan", multiple: [activities[1]]})

    assert response.status_code == 200
    assert_errors_link_to(response, survey, [long, single, scale])
    section = survey.section(response)
    assert section.find(id=survey.field_id(short))["value"] == "Parkgatan"
    kept = section.find("input", attrs={"value": activities[1]})
    assert kept.has_attr("checked")
    assert not Contribution.objects.exists()
    assert not ContributionAnswer.objects.exists()


@pytest.mark.parametrize("kind", ["single_choice", "multiple_choice"])
def test_an_option_that_does_not_exist_is_refused(client, survey, kind):
    fields, _, _ = answers_to_every_question(survey)
    field = survey.question(kind)[0]
    fields[field] = "no-such-option" if kind == "single_choice" else ["no-such"]

    response = survey.post(client, fields)

    assert response.status_code == 200
    assert_errors_link_to(response, survey, [field])
    long = survey.question("long_text")[0]
    kept = survey.section(response).find(id=survey.field_id(long)).get_text()
    assert kept.strip() == "Mörk om kvällarna."
    assert not Contribution.objects.exists()


def test_a_scale_answer_outside_1_to_5_is_refused(client, survey):
    fields, _, _ = answers_to_every_question(survey)
    scale = survey.question("scale")[0]
    fields[scale] = "6"

    response = survey.post(client, fields)

    assert response.status_code == 200
    assert_errors_link_to(response, survey, [scale])
    assert not Contribution.objects.exists()


@override_delaktighet(MAX_TEXT_LENGTH=20)
def test_oversized_text_is_refused_and_kept_for_shortening(client, survey):
    fields, _, _ = answers_to_every_question(survey)
    long = survey.question("long_text")[0]
    fields[long] = "x" * 21

    response = survey.post(client, fields)

    assert response.status_code == 200
    assert_errors_link_to(response, survey, [long])
    section = survey.section(response)
    assert "at most 20 characters (it has 21)" in section.get_text()
    assert section.find(id=survey.field_id(long)).get_text().strip() == "x" * 21
    assert not Contribution.objects.exists()
