"""One dialogue in several languages is one consultation: what comes in
through any language version is stored against the one consultation page
and counted, shown, listed and exported there, from every version."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.participation.support import poll, publish_body, survey, valid_fields
from tests.rest.support import contribute, new_token
from tests.staff.contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
    listing_url,
    rows,
)
from wagtail_delaktighet.consultations import consultation_page
from wagtail_delaktighet.feedback.reminders import dialogues_to_remind
from wagtail_delaktighet.feedback.summary import dialogue_summary
from wagtail_delaktighet.models import Contribution
from wagtail_delaktighet.reports.period import dialogues_in

from .support import block_results_url, browser, translate_with_core, vote

pytestmark = pytest.mark.django_db


def test_votes_through_both_languages_count_in_one_poll(swedish_and_english):
    swedish, english = swedish_and_english
    swedish_voter, english_voter = browser("sv"), browser("en")

    assert vote(swedish_voter, swedish).status_code == 302
    assert vote(english_voter, english).status_code == 302

    stored = Contribution.objects.order_by("pk")
    assert [c.page_id for c in stored] == [swedish.page.pk] * 2
    assert [c.language for c in stored] == ["sv", "en"]
    # Each voter sees the one poll's results, in their own language.
    english_page = english.get(english_voter)
    assert "2 votes so far." in english.block("poll").section(english_page).text
    swedish_page = swedish.get(swedish_voter)
    assert "2 röster hittills." in swedish.block("poll").section(swedish_page).text


def test_a_person_counts_once_whichever_language_they_use(swedish_and_english):
    swedish, english = swedish_and_english
    voter = browser("sv")
    assert vote(voter, swedish).status_code == 302

    voter.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    again = vote(voter, english, option_index=1)

    assert again.status_code == 409
    assert "Each person answers once" in again.content.decode()
    assert Contribution.objects.count() == 1


def test_a_block_only_in_the_translation_is_refused(swedish_and_english):
    _swedish, english = swedish_and_english
    # An editor added a poll to the English version only.
    english = publish_body(
        english.page,
        [*english.page.body.raw_data, {"type": "poll", "value": poll()[1]}],
    )
    extra = english.blocks[-1]

    response = extra.post(browser("en"), {"choice": extra.option_ids()[0]})
    api_client = browser("en")
    through_api = contribute(
        api_client,
        extra,
        {"choice": extra.option_ids()[0]},
        token=new_token(api_client),
    )

    assert response.status_code == 409
    assert "only in this language version" in response.content.decode()
    assert through_api.status_code == 409
    assert through_api.json()["code"] == "not_in_consultation"
    assert not Contribution.objects.exists()


def test_staff_see_every_language_from_either_version(swedish_and_english, admin):
    swedish, english = swedish_and_english
    vote(browser("sv"), swedish)
    vote(browser("en"), english)

    for version in (swedish, english):
        listing = admin.get(listing_url(version))
        assert len(rows(listing)) == 2
    exported = as_dicts(csv_table(admin, english))
    assert sorted(row["Language"] for row in exported) == ["English", "Swedish"]
    detail = admin.get(detail_url(Contribution.objects.get(language="en")))
    assert "English" in detail.content.decode()


def test_the_api_and_the_summary_count_both(swedish_and_english, new_client):
    swedish, english = swedish_and_english
    for client, dialogue in ((browser("sv"), swedish), (browser("en"), english)):
        block = dialogue.block("survey")
        assert block.post(client, valid_fields(block)).status_code == 302

    for dialogue in (swedish, english):
        charts = new_client().get(block_results_url(dialogue, "survey")).json()
        assert 2 in {chart["total"] for chart in charts["charts"]}
        assert dialogue_summary(dialogue.page).contributions == 2


def test_without_translations_finding_the_consultation_costs_nothing(
    consultation_dialogue,
):
    page = consultation_dialogue(body=[survey()]).page
    with CaptureQueriesContext(connection) as queries:
        assert consultation_page(page) is page
    assert len(queries) == 0


def test_reports_and_reminders_take_a_translated_dialogue_once(
    translations_on, consultation_dialogue
):
    today = timezone.localdate()
    now = timezone.now()
    swedish = consultation_dialogue(
        body=[survey()],
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=5),
        feedback_promised_on=today,
    )
    translate_with_core(swedish.page)

    reported = dialogues_in(today - timedelta(days=30), today)
    reminded = dialogues_to_remind(today)

    assert [dialogue.pk for dialogue in reported] == [swedish.page.pk]
    assert [dialogue.pk for dialogue in reminded] == [swedish.page.pk]
