"""A dialogue translated with wagtail-localize is one consultation: a vote
through the English translation and one through the Swedish source are two
votes of one poll, wherever they are read."""

import pytest

from tests.participation.support import valid_fields, views
from tests.staff.contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
    listing_url,
    rows,
    url,
)
from tests.translated_dialogues.support import (
    block_results_url,
    both_languages_body,
    browser,
    vote,
)
from wagtail_delaktighet.feedback.summary import dialogue_summary
from wagtail_delaktighet.models import Contribution

from .localize import translate_with_localize

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish_and_english(consultation_dialogue):
    swedish = consultation_dialogue(body=[*both_languages_body(), views()])
    return swedish, translate_with_localize(swedish.page)


@pytest.fixture
def one_vote_each(swedish_and_english):
    swedish, english = swedish_and_english
    swedish_voter, english_voter = browser("sv"), browser("en")
    assert vote(swedish_voter, swedish).status_code == 302
    assert vote(english_voter, english, option_index=1).status_code == 302
    return swedish_voter, english_voter


def test_the_translation_keeps_the_block_and_option_ids(swedish_and_english):
    swedish, english = swedish_and_english
    assert english.page.pk != swedish.page.pk
    assert english.page.locale.language_code == "en"
    for block_type in ("poll", "survey"):
        assert english.block(block_type).id == swedish.block(block_type).id
    assert english.block("poll").option_ids() == swedish.block("poll").option_ids()


def test_both_versions_show_two_votes(swedish_and_english, one_vote_each):
    swedish, english = swedish_and_english
    swedish_voter, english_voter = one_vote_each

    english_page = english.get(english_voter)
    swedish_page = swedish.get(swedish_voter)

    assert "2 votes so far." in english.block("poll").section(english_page).text
    assert "2 röster hittills." in swedish.block("poll").section(swedish_page).text
    stored = Contribution.objects.order_by("pk")
    assert [(c.page_id, c.language) for c in stored] == [
        (swedish.page.pk, "sv"),
        (swedish.page.pk, "en"),
    ]


def test_staff_see_both_languages(swedish_and_english, one_vote_each, admin):
    swedish, english = swedish_and_english
    swedish_voter, english_voter = one_vote_each
    # Views, which wait for moderation, one through each version.
    for client, dialogue in ((swedish_voter, swedish), (english_voter, english)):
        block = dialogue.block("views")
        assert block.post(client, {"text": "Fler bänkar."}).status_code == 302

    assert len(rows(admin.get(url("inbox")))) == 2
    for version in (swedish, english):
        assert len(rows(admin.get(listing_url(version)))) == 4
        exported = as_dicts(csv_table(admin, version))
        assert sorted(row["Language"] for row in exported) == [
            "English",
            "English",
            "Swedish",
            "Swedish",
        ]
    english_vote = Contribution.objects.filter(language="en").first()
    assert "English" in admin.get(detail_url(english_vote)).content.decode()


def test_both_apis_read_the_one_consultation(swedish_and_english, new_client):
    swedish, english = swedish_and_english
    for client, dialogue in ((browser("sv"), swedish), (browser("en"), english)):
        block = dialogue.block("survey")
        assert block.post(client, valid_fields(block)).status_code == 302

    reader = new_client()
    for dialogue in (swedish, english):
        # The REST API: the block's results, by either page's id.
        charts = reader.get(block_results_url(dialogue, "survey")).json()["charts"]
        assert 2 in {chart["total"] for chart in charts}
        assert dialogue_summary(dialogue.page).contributions == 2
        # The pages API: each version with the same block ids, so a front
        # end posts either version's blocks to the one consultation.
        body = reader.get(f"/api/v2/pages/{dialogue.page.pk}/").json()["body"]
        assert dialogue.block("survey").id in {child["id"] for child in body}
