"""Binding answers in the staff's views: the export and a contribution's page
say an answer was binding; which account gave it is personal data, shown to
those who may see personal data only."""

import pytest

from tests.participation.support import poll, survey, text_of, valid_fields, views
from wagtail_delaktighet.models import Contribution

from .contributions_support import as_dicts, csv_table, detail_url, logged_in, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def answers(committee_dialogues, consultation_dialogue, django_user_model):
    """A binding survey answer from the resident Anna and anonymous views,
    in a dialogue of committee A."""
    dialogue = consultation_dialogue(
        body=[("survey", {**survey()[1], "require_login": True}), views()],
        parent=committee_dialogues.index_a,
    )
    resident = django_user_model.objects.create_user("anna", password="x")
    resident_client = logged_in(resident)
    survey_block, views_block = dialogue.block("survey"), dialogue.block("views")
    survey_block.post(resident_client, valid_fields(survey_block))
    views_block.post(logged_in(resident), {"text": "Fler bänkar"})
    return dialogue, {c.block_type: c for c in Contribution.objects.all()}


def test_the_export_says_which_answers_were_binding_and_whose(answers, committee_staff):
    dialogue, _made = answers

    rows = {
        row["Type"]: row
        for row in as_dicts(csv_table(logged_in(committee_staff.registrar_a), dialogue))
    }

    assert rows["Survey"]["Binding answer"] == "Yes"
    assert rows["Survey"]["Resident's account"] == "anna"
    # Views anyone may send: not binding, whoever sent them.
    assert rows["Give your views"]["Binding answer"] == "No"
    assert rows["Give your views"]["Resident's account"] == ""


def test_the_account_is_left_out_without_the_personal_data_permission(
    answers, committee_staff
):
    dialogue, _made = answers

    table = csv_table(logged_in(committee_staff.moderator_a), dialogue)

    assert "Binding answer" in table[0]
    assert "Resident's account" not in table[0]
    assert "anna" not in str(table)


def test_an_export_without_binding_blocks_keeps_its_columns(
    committee_dialogues, committee_staff
):
    table = csv_table(logged_in(committee_staff.registrar_a), committee_dialogues.a)

    assert "Binding answer" not in table[0]
    assert "Resident's account" not in table[0]


def test_the_contribution_page_shows_a_binding_answer(answers, committee_staff):
    _dialogue, made = answers
    url = detail_url(made["survey"])

    def page_for(user):
        return text_of(soup(logged_in(user).get(url)).find("main"))

    with_personal_data = page_for(committee_staff.registrar_a)
    without = page_for(committee_staff.moderator_a)

    assert "Binding answer" in with_personal_data
    assert "(anna)" in with_personal_data
    assert "Binding answer" in without
    assert "anna" not in without


def test_a_deleted_account_is_named_as_deleted(answers, committee_staff):
    _dialogue, made = answers
    made["survey"].account.delete()

    page = text_of(
        soup(logged_in(committee_staff.registrar_a).get(detail_url(made["survey"])))
    )

    assert "(account deleted)" in page


def test_a_binding_poll_vote_is_binding_in_the_export(
    consultation_dialogue, committee_dialogues, committee_staff, django_user_model
):
    dialogue = consultation_dialogue(
        body=[("poll", {**poll()[1], "require_login": True})],
        parent=committee_dialogues.index_a,
    )
    block = dialogue.block("poll")
    block.post(
        logged_in(django_user_model.objects.create_user("bo")), valid_fields(block)
    )

    (row,) = as_dicts(csv_table(logged_in(committee_staff.registrar_a), dialogue))

    assert (row["Binding answer"], row["Resident's account"]) == ("Yes", "bo")
