"""Answer stuffing: an option sent many times in one post is counted once at
most, an option not offered is refused, and results never pass 100 % of the
people who answered."""

from datetime import timedelta
from importlib import import_module

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.apps import apps as django_apps
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.testapp.blocks import WISHES
from wagtail_delaktighet.models import Contribution, ContributionAnswer

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    poll,
    survey,
    text_of,
    valid_fields,
    wish_list,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def parkenkat(consultation_dialogue):
    """An open dialogue with the park survey."""
    return consultation_dialogue(body=[survey()]).block("survey")


def stuffed(block, repeat=50):
    """A valid survey whose multiple-choice answer is one option sent
    ``repeat`` times."""
    fields = valid_fields(block)
    multiple, _id, activities = block.question("multiple_choice")
    fields[multiple] = [activities[0]] * repeat
    return fields


def test_an_option_sent_many_times_is_refused_with_the_input_kept(client, parkenkat):
    multiple, _id, activities = parkenkat.question("multiple_choice")

    response = parkenkat.post(client, stuffed(parkenkat))

    assert response.status_code == 200
    assert_errors_link_to(response, parkenkat, [multiple])
    section = parkenkat.section(response)
    assert "Choose each option at most once." in text_of(section)
    kept = section.find("input", attrs={"value": activities[0]})
    assert kept.has_attr("checked")
    long = parkenkat.question("long_text")[0]
    assert section.find(id=parkenkat.field_id(long)).get_text().strip() == (
        "Mörk om kvällarna."
    )
    assert not Contribution.objects.exists()
    assert not ContributionAnswer.objects.exists()


def test_an_option_not_offered_among_offered_ones_is_refused(client, parkenkat):
    fields = valid_fields(parkenkat)
    multiple, _id, activities = parkenkat.question("multiple_choice")
    fields[multiple] = [activities[0], "ett-eget-alternativ"]

    response = parkenkat.post(client, fields)

    assert response.status_code == 200
    assert_errors_link_to(response, parkenkat, [multiple])
    assert not Contribution.objects.exists()


def test_the_database_refuses_the_same_answer_twice_in_one_contribution(
    client, parkenkat
):
    fields = valid_fields(parkenkat)
    assert_redirected_to_block(parkenkat.post(client, fields), parkenkat)
    answer = ContributionAnswer.objects.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        ContributionAnswer.objects.create(
            contribution=answer.contribution,
            page=answer.page,
            block_id=answer.block_id,
            question_key=answer.question_key,
            value=answer.value,
        )


def test_a_project_block_that_lets_a_repeat_through_still_counts_it_once(
    client, consultation_dialogue
):
    """A project's block built on Django's own MultipleChoiceField, which
    accepts a repeated option: the service stores it once."""
    wishes = consultation_dialogue(body=[wish_list()]).block("wish_list")
    shade = WISHES[2][0]

    response = wishes.post(client, {"wishes": [shade, shade, shade]})

    assert_redirected_to_block(response, wishes)
    assert list(ContributionAnswer.objects.values_list("question_key", "value")) == [
        ("wish", shade)
    ]


def test_long_option_values_that_begin_alike_stay_two_answers(
    client, consultation_dialogue
):
    wishes = consultation_dialogue(body=[wish_list()]).block("wish_list")
    north, south = WISHES[0][0], WISHES[1][0]
    assert north[:64] == south[:64]

    response = wishes.post(client, {"wishes": [north, south]})

    assert_redirected_to_block(response, wishes)
    stored = list(ContributionAnswer.objects.values_list("value", flat=True))
    assert len(stored) == 2
    assert len(set(stored)) == 2
    assert all(len(value) <= 64 for value in stored)
    assert Contribution.objects.get().content == {"wishes": [north, south]}


def chart_rows(soup, title):
    """(count, percent) of each row of the feedback chart titled ``title``,
    and the number who answered."""
    for figure in soup.select("figure.dlk-chart"):
        if text_of(figure.select_one(".dlk-chart__title")) == title:
            rows = []
            for tr in figure.select("details table tbody tr"):
                count, percent = (td.get_text(strip=True) for td in tr("td"))
                rows.append((int(count), int(percent.removesuffix(" %"))))
            total = int(figure.select_one("details table tfoot td").get_text())
            return rows, total
    raise AssertionError(f"no chart titled {title!r}")


def test_a_stuffed_post_cannot_push_a_feedback_chart_above_100_percent(
    new_client, parkenkat
):
    multiple, _id, activities = parkenkat.question("multiple_choice")
    honest = {**valid_fields(parkenkat), multiple: [activities[0]]}
    assert_redirected_to_block(parkenkat.post(new_client(), honest), parkenkat)
    parkenkat.post(new_client(), stuffed(parkenkat))

    with time_machine.travel(timezone.now() + timedelta(days=20), tick=False):
        feedback = make_feedback(parkenkat.page)
        response = new_client().get(feedback.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")

    rows, total = chart_rows(soup, "Vad gör du i parken?")
    # Before the fix: "2550 % (51 answers)" of 2 who answered.
    assert all(count <= total and percent <= 100 for count, percent in rows)
    assert total == 1
    assert rows == [(1, 100), (0, 0), (0, 0)]
    for title in ("Vilken entré använder du?", "Hur trygg känner du dig?"):
        rows, total = chart_rows(soup, title)
        assert all(count <= total and percent <= 100 for count, percent in rows)


@pytest.mark.parametrize("kind", ["single_choice", "scale", "yes_no"])
def test_a_one_answer_question_sent_many_times_counts_one_answer(
    client, parkenkat, kind
):
    """A radio group holds one value: the form reads one, as Django does for
    every single-value field, so nothing is counted twice."""
    field, question_id, options = parkenkat.question(kind)
    value = options[0] if options else {"scale": "2", "yes_no": "yes"}[kind]
    fields = {**valid_fields(parkenkat), field: [value] * 30}

    response = parkenkat.post(client, fields)

    assert_redirected_to_block(response, parkenkat)
    assert list(
        ContributionAnswer.objects.filter(question_key=question_id).values_list(
            "value", flat=True
        )
    ) == [value]


def test_a_vote_sent_many_times_in_one_post_counts_once(client, consultation_dialogue):
    dialogue = consultation_dialogue(body=[poll()])
    ballot = dialogue.block("poll")
    choice = ballot.option_ids()[1]

    response = ballot.post(client, {"choice": [choice] * 30})

    assert_redirected_to_block(response, ballot)
    assert list(ContributionAnswer.objects.values_list("value", flat=True)) == [choice]


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_one_of_each_answer_stored_twice(home_page, monkeypatch):
    """Sites that took stuffed posts before the constraint existed: the
    migration that adds it first removes the repeats. Its two operations run
    on a table without the constraint, as such a site has (unapplying and
    applying the migrations of every app would cost seconds more)."""
    migration = import_module(
        "wagtail_delaktighet.migrations.0009_answer_once_per_contribution"
    ).Migration
    remove_repeats, add_constraint = migration.operations
    assert add_constraint.constraint.name == "dlk_answer_once_per_contribution"
    constraints = ContributionAnswer._meta.constraints
    with monkeypatch.context() as before_the_migration:
        # SQLite drops a constraint by remaking the table as the model says.
        before_the_migration.setattr(
            ContributionAnswer._meta,
            "constraints",
            [c for c in constraints if c.name != add_constraint.constraint.name],
        )
        with connection.schema_editor() as editor:
            editor.remove_constraint(ContributionAnswer, add_constraint.constraint)
    try:

        def contribution_with(*values):
            contribution = Contribution.objects.create(
                page_id=home_page.pk, block_id="b", block_type="survey", content={}
            )
            for value in values:
                ContributionAnswer.objects.create(
                    contribution=contribution,
                    page_id=home_page.pk,
                    block_id="b",
                    question_key="q",
                    value=value,
                )
            return contribution.pk

        stuffed = contribution_with("a", "a", "a", "b")
        honest = contribution_with("a")
    finally:
        with connection.schema_editor() as editor:
            remove_repeats.code(django_apps, editor)
            editor.add_constraint(ContributionAnswer, add_constraint.constraint)

    def values(pk):
        answers = ContributionAnswer.objects.filter(contribution_id=pk)
        return sorted(answers.values_list("value", flat=True))

    assert values(stuffed) == ["a", "b"]
    assert values(honest) == ["a"]
