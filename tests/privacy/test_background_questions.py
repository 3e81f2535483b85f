"""Voluntary background questions (age band, district …): defined once in
the site's settings, asked with every form of a dialogue that turns them on,
optional with "prefer not to say", stored apart from the content, never
public, exported only with the personal-data permission, in the person's
own data, and removed with the personal data while counts remain."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from tests.participation.support import (
    poll,
    submit,
    valid_fields,
    views,
)
from tests.staff.contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
    logged_in,
)
from wagtail_delaktighet.data_requests.erasure import erase
from wagtail_delaktighet.data_requests.report import collect
from wagtail_delaktighet.models import (
    BackgroundAnswer,
    BackgroundCount,
    Contribution,
)
from wagtail_delaktighet.participation.background import (
    PREFER_NOT_TO_SAY,
    background_counts,
)
from wagtail_delaktighet.retention.anonymise import run

from .background_support import AGE, DISTRICT, answers, define_questions

pytestmark = pytest.mark.django_db

LEGEND = "About you (voluntary)"


@pytest.fixture
def asking(consultation_dialogue):
    """An open dialogue with every block that asks the background questions."""
    dialogue = consultation_dialogue(ask_background_questions=True)
    return dialogue, define_questions(dialogue.page)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_every_blocks_form_asks_them_when_the_dialogue_does(client, asking):
    dialogue, questions = asking

    page = soup(dialogue.get(client))

    for block in dialogue.blocks:
        section = page.find(id=block.anchor)
        fieldset = section.find("fieldset", class_="dlk-form__background")
        assert fieldset is not None, block.block_type
        assert fieldset.legend.get_text(strip=True) == LEGEND
        assert "never shown publicly" in fieldset.get_text()
        for text in (AGE, DISTRICT):
            field, _options = questions[text]
            choices = fieldset.select(f"input[name={block.name(field)}]")
            labels = [
                section.find("label", attrs={"for": c["id"]}).get_text()
                for c in choices
            ]
            assert "Prefer not to say" in labels
            assert not any(choice.has_attr("required") for choice in choices)


def test_a_dialogue_that_does_not_ask_shows_no_questions(client, consultation_dialogue):
    dialogue = consultation_dialogue()
    define_questions(dialogue.page)

    assert LEGEND not in dialogue.get(client).content.decode()


def test_answers_are_stored_apart_from_the_content(client, asking):
    dialogue, questions = asking
    block = dialogue.block("views")

    response = block.post(
        client,
        {
            **valid_fields(block),
            **answers(questions, age="20–64", district="Prefer not to say"),
        },
    )

    assert response.status_code == 302
    contribution = block.contributions().get()
    assert contribution.content == {
        "text": "Fler bänkar vid dammen.",
        "addressed_to": "both",
    }
    rows = {
        row.question: (row.answer_key, row.answer)
        for row in contribution.background_answers.all()
    }
    assert rows[AGE] == (questions[AGE][1]["20–64"], "20–64")
    assert rows[DISTRICT] == (PREFER_NOT_TO_SAY, "Prefer not to say")


@pytest.mark.parametrize("block_type", ["survey", "poll", "suggestion_box"])
def test_every_block_type_stores_them(client, asking, block_type):
    dialogue, questions = asking
    block = dialogue.block(block_type)

    response = block.post(
        client, {**valid_fields(block), **answers(questions, district="Norrby")}
    )

    assert response.status_code == 302
    [row] = BackgroundAnswer.objects.filter(contribution__block_id=block.id)
    assert (row.question, row.answer) == (DISTRICT, "Norrby")


def test_skipping_them_stores_the_contribution_alone(client, asking):
    dialogue, _questions = asking
    block = dialogue.block("views")

    response = block.post(client, valid_fields(block))

    assert response.status_code == 302
    assert block.contributions().count() == 1
    assert not BackgroundAnswer.objects.exists()


def test_an_option_not_offered_is_a_form_error_and_nothing_is_stored(client, asking):
    dialogue, questions = asking
    block = dialogue.block("views")
    age_field, _options = questions[AGE]

    response = block.post(client, {**valid_fields(block), age_field: "über-70"})

    assert response.status_code == 200
    page = soup(response)
    summary = page.find(id=f"{block.anchor}-errors")
    assert summary.find("a", href=f"#{block.field_id(age_field)}") is not None
    assert "Choose one of the answers offered" in page.get_text()
    assert not Contribution.objects.exists()
    assert not BackgroundAnswer.objects.exists()


def test_they_are_never_in_the_public_page_or_the_page_api(client, asking):
    dialogue, questions = asking
    block = dialogue.block("views")
    contribution = submit(
        block,
        {
            "text": "Fler bänkar.",
            **answers(questions, age="65 år och äldre", district="Norrby"),
        },
    )
    contribution.status = "published"
    contribution.save()
    page = dialogue.page
    page.ask_background_questions = False
    page.save_revision().publish()

    html = dialogue.get(client).content.decode()
    api = client.get(f"/api/v2/pages/{page.pk}/").content.decode()

    assert "Fler bänkar." in html
    # Texts that no timestamp or id can contain by chance.
    for text in ("65 år och äldre", "Norrby", AGE):
        assert text not in html
        assert text not in api
    assert "background" not in api


def test_offline_input_records_them_in_the_admin(admin, asking):
    dialogue, questions = asking
    block = dialogue.block("survey")
    given_at = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    enter_url = reverse("wagtail_delaktighet_admin:offline", args=[dialogue.page.pk])
    source = {"block": block.id, "channel": "paper", "given_at": given_at}

    form_page = soup(admin.get(enter_url, source))
    assert "About the participant (voluntary)" in form_page.get_text()
    age_field, _options = questions[AGE]
    assert form_page.find("input", attrs={"name": block.name(age_field)})

    response = admin.post(
        enter_url,
        {
            **source,
            **block.form_data(
                {**valid_fields(block), **answers(questions, age="Under 20")}
            ),
        },
    )

    assert response.status_code == 302
    contribution = Contribution.objects.get(block_id=block.id)
    assert contribution.channel == "paper"
    assert background_of(contribution) == {AGE: "Under 20"}


def background_of(contribution):
    return {row.question: row.answer for row in contribution.background_answers.all()}


@pytest.fixture
def exported(committee_dialogues, committee_staff):
    dialogue = committee_dialogues.a
    page = dialogue.page
    page.ask_background_questions = True
    page.save_revision().publish()
    questions = define_questions(page)
    contribution = submit(
        dialogue.block("views"),
        {
            "text": "Fler bänkar.",
            **answers(questions, age="65 år och äldre", district="Norrby"),
        },
    )
    return dialogue, contribution


def test_the_export_has_them_only_with_the_personal_data_permission(
    exported, committee_staff
):
    dialogue, contribution = exported

    with_permission = as_dicts(
        csv_table(logged_in(committee_staff.registrar_a), dialogue)
    )
    without = csv_table(logged_in(committee_staff.moderator_a), dialogue)

    [row] = [r for r in with_permission if r["Receipt"] == contribution.receipt]
    assert (row[AGE], row[DISTRICT]) == ("65 år och äldre", "Norrby")
    assert AGE not in without[0] and DISTRICT not in without[0]
    cells = {cell for line in without for cell in line}
    assert not {"65 år och äldre", "Norrby"} & cells


def test_the_detail_view_shows_them_only_with_the_permission(exported, committee_staff):
    _dialogue, contribution = exported

    shown = logged_in(committee_staff.registrar_a).get(detail_url(contribution))
    hidden = logged_in(committee_staff.moderator_a).get(detail_url(contribution))

    assert "Norrby" in soup(shown).get_text()
    assert "Norrby" not in soup(hidden).get_text()


@pytest.fixture
def karin(asking):
    dialogue, questions = asking
    block = dialogue.block("views")
    contribution = submit(
        block,
        {
            "text": "Fler bänkar.",
            "name": "Karin Berg",
            "email": "karin@example.com",
            "consent": "on",
            **answers(questions, age="20–64", district="Centrum"),
        },
    )
    other = submit(
        block,
        {"text": "Belysning.", **answers(questions, age="20–64", district="Norrby")},
    )
    return dialogue, questions, contribution, other


def test_a_persons_own_data_includes_them(karin):
    _dialogue, _questions, contribution, _other = karin

    report = collect("karin@example.com").as_json()

    [item] = report["contributions"]
    assert item["receipt"] == contribution.receipt
    assert item["background"] == [[AGE, "20–64"], [DISTRICT, "Centrum"]]


def test_erasure_removes_them_and_keeps_the_counts(karin):
    dialogue, questions, contribution, other = karin
    before = background_counts(dialogue.page)

    erase("karin@example.com")

    assert not contribution.background_answers.exists()
    assert background_of(other) == {AGE: "20–64", DISTRICT: "Norrby"}
    assert background_counts(dialogue.page) == before
    age_key, age_options = questions[AGE]
    assert before[age_key.removeprefix("background_")] == {age_options["20–64"]: 2}


def test_retention_removes_them_and_keeps_the_counts(karin):
    dialogue, _questions, _contribution, _other = karin
    before = background_counts(dialogue.page)

    report = run(now=timezone.now() + timedelta(days=14 + 400))

    [(_page, counts)] = report.dialogues
    assert counts["background_answers"] == 4
    assert not BackgroundAnswer.objects.exists()
    assert BackgroundCount.objects.filter(page_id=dialogue.page.pk).count() == 3
    assert background_counts(dialogue.page) == before
    # A second run folds nothing twice.
    run(now=timezone.now() + timedelta(days=14 + 400))
    assert background_counts(dialogue.page) == before


def test_a_site_without_questions_asks_none(client, consultation_dialogue):
    dialogue = consultation_dialogue(
        body=[poll(), views()], ask_background_questions=True
    )
    # No questions defined on the site: the dialogue's switch asks nothing.
    for block in dialogue.blocks:
        assert block.post(client, valid_fields(block)).status_code == 302
    assert LEGEND not in dialogue.get(client).content.decode()


def test_a_change_to_the_settings_shows_at_the_next_view(client, consultation_dialogue):
    dialogue = consultation_dialogue(body=[views()], ask_background_questions=True)
    assert LEGEND not in dialogue.get(client).content.decode()

    define_questions(dialogue.page)

    html = dialogue.get(client).content.decode()
    assert LEGEND in html and DISTRICT in html


def test_editors_define_the_questions_in_the_participation_settings(admin, home_page):
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit",
        args=["wagtail_delaktighet", "delaktighetsettings", site.pk],
    )

    response = admin.get(url)

    assert response.status_code == 200
    assert "Background questions" in response.content.decode()
