"""A block type registered by a project (tests.testapp's suggestion box and
notice board) reads in the staff's views as a built-in block does: the
listing, the detail view, the exports, the searches, offline entry and the
feedback page's summary all ask the block, through its plugin interface."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import submit, suggestion_box, text_of
from wagtail_delaktighet.models import Channel, Contribution

from .contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
    listing_url,
    rows,
    soup,
    url,
    xlsx_table,
)

pytestmark = pytest.mark.django_db

PROMPT = "Vad föreslår du?"
MOOD = "Hur känner du dig?"


def notice_board():
    return ("notice_board", {"prompt": "Vad ska anslås?"})


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[suggestion_box(), notice_board()])


@pytest.fixture
def suggestion(dialogue):
    box = dialogue.block("suggestion_box")
    return submit(box, {"suggestion": "Bygg en scen vid dammen", "mood": "worried"})


def test_the_listing_names_the_block_and_shows_its_answers(admin, dialogue, suggestion):
    [row] = rows(admin.get(listing_url(dialogue)))

    assert row["Block"] == PROMPT
    assert row["Type"] == "Suggestion box"
    assert row["Content"] == f"{PROMPT}: Bygg en scen vid dammen; {MOOD}: Orolig"


def test_the_listing_filters_by_the_blocks_titles(admin, dialogue):
    page = soup(admin.get(listing_url(dialogue)))

    labels = [text_of(radio.parent) for radio in page.select("input[name=block_id]")]
    assert f"{PROMPT} (Suggestion box)" in labels
    assert "Vad ska anslås? (Notice board)" in labels


def test_the_detail_view_shows_each_answer_with_its_question(
    admin, dialogue, suggestion
):
    page = soup(admin.get(detail_url(suggestion)))

    answers = page.select_one("dl.dlk-contribution-answers")
    assert [text_of(dt) for dt in answers.find_all("dt")] == [PROMPT, MOOD]
    assert [text_of(dd) for dd in answers.find_all("dd")] == [
        "Bygg en scen vid dammen",
        "Orolig",
    ]
    assert f"{PROMPT} (Suggestion box)" in text_of(page)


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_the_export_fills_a_column_per_answer(admin, dialogue, suggestion, read):
    [row] = as_dicts(read(admin, dialogue))

    assert row["Block"] == PROMPT
    assert row["Type"] == "Suggestion box"
    assert row[PROMPT] == "Bygg en scen vid dammen"
    assert row[MOOD] == "Orolig"
    assert row["Answers to questions no longer on the page"] == ""


def test_the_dialogue_listing_finds_a_suggestion_by_its_text(
    admin, dialogue, suggestion
):
    found = rows(admin.get(listing_url(dialogue), {"q": "scen"}))
    missed = rows(admin.get(listing_url(dialogue), {"q": "gungor"}))

    assert [row["Receipt"] for row in found] == [suggestion.receipt]
    assert missed == []


def test_the_moderation_inbox_finds_a_notice_by_its_text(admin, dialogue):
    board = dialogue.block("notice_board")
    notice = submit(board, {"suggestion": "Loppis på lördag", "mood": "happy"})
    submit(board, {"suggestion": "Städdag i maj", "mood": "happy"})

    found = rows(admin.get(url("inbox"), {"q": "loppis"}))

    assert [row["Receipt"] for row in found] == [notice.receipt]
    assert found[0]["Block"] == "Vad ska anslås?"
    assert found[0]["Type"] == "Notice board"


def test_offline_input_offers_the_block_and_stores_its_form(admin, dialogue):
    box = dialogue.block("suggestion_box")
    enter_url = reverse("wagtail_delaktighet_admin:offline", args=[dialogue.page.pk])
    given_at = timezone.localtime() - timedelta(days=1)
    choices = {
        "block": box.id,
        "channel": "meeting",
        "given_at": given_at.strftime("%Y-%m-%dT%H:%M"),
    }

    step_one = soup(admin.get(enter_url))
    step_two = soup(admin.get(enter_url, choices))
    response = admin.post(
        enter_url,
        {**choices, **box.form_data({"suggestion": "Fler bänkar", "mood": "happy"})},
    )

    options = [text_of(o) for o in step_one.select("select[name=block] option")]
    assert options[:2] == [
        f"1. Suggestion box: {PROMPT}",
        "2. Notice board: Vad ska anslås?",
    ]
    assert step_two.find("input", attrs={"name": box.name("suggestion")})
    assert len(step_two.find_all("input", attrs={"name": box.name("mood")})) == 3
    assert response.status_code == 302
    stored = Contribution.objects.get(block_id=box.id)
    assert stored.channel == Channel.MEETING
    assert stored.content == {"suggestion": "Fler bänkar", "mood": "happy"}


def test_the_feedback_summary_charts_the_counted_moods(client, dialogue, editor):
    box = dialogue.block("suggestion_box")
    for mood in ("happy", "worried", "happy"):
        submit(box, {"suggestion": "Något", "mood": mood})
    submit(box, {"suggestion": "Möte", "mood": "unsure"}, channel=Channel.MEETING)

    with time_machine.travel(timezone.now() + timedelta(days=20), tick=False):
        feedback = make_feedback(dialogue.page)
        page = soup(client.get(feedback.url))

    heard = page.find(id="dlk-we-heard-heading").find_parent("section")
    [block] = [
        block
        for block in heard.select(".dlk-feedback__block")
        if block.select_one("h4") and text_of(block.select_one("h4")) == PROMPT
    ]
    [figure] = block.select("figure.dlk-chart")
    assert text_of(figure.select_one(".dlk-chart__title")) == MOOD
    # The public page speaks Swedish: "4 svarade."
    assert text_of(figure.select_one(".dlk-chart__total")).startswith("4 ")
    table = [
        (text_of(tr.find("th")), [text_of(td) for td in tr.find_all("td")])
        for tr in figure.select("details table tbody tr")
    ]
    assert table == [
        ("Glad", ["2", "50 %"]),
        ("Osäker", ["1", "25 %"]),
        ("Orolig", ["1", "25 %"]),
    ]
