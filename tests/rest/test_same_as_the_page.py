"""A contribution sent through the REST API reads everywhere staff and the
public read contributions exactly like the same answers sent from the page:
the admin's listing, the contribution's detail view, the CSV export and the
feedback page's automatic summary. Only the receipt, the channel, the time
and the id may differ."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import (
    assert_redirected_to_block,
    every_block,
    text_of,
    valid_fields,
)
from tests.staff.contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
    listing_url,
    rows,
)
from wagtail_delaktighet.models import Channel

from .support import contribute, new_token

pytestmark = pytest.mark.django_db

#: What tells the two contributions apart in the listing, detail and export.
DIFFERING = {"Receipt", "Channel", "Created"}

#: Each consultation block of every_block(), by its type.
BLOCKS = {entry[0]: entry for entry in every_block() if entry[0] != "paragraph"}
BLOCK_TYPES = list(BLOCKS)


def all_answers(block):
    """Valid answers to every field of the block, optional ones too, so
    that every kind of answer is compared."""
    fields = valid_fields(block)
    if block.block_type == "survey":
        several, _id, activities = block.question("multiple_choice")
        fields |= {
            block.question("short_text")[0]: "Parkvägen",
            several: activities[:2],
            block.question("yes_no")[0]: "yes",
        }
    return fields


@pytest.fixture
def sent_both_ways(consultation_dialogue, new_client, block_type):
    """The dialogue and its block, answered once from the page and once
    through the API with the same answers: (dialogue, block, web, api)."""
    # The block alone, so that every chart of the summary is its own.
    dialogue = consultation_dialogue(body=[BLOCKS[block_type]])
    block = dialogue.block(block_type)
    fields = all_answers(block)

    assert_redirected_to_block(block.post(new_client(), fields), block)
    api_client = new_client(enforce_csrf_checks=True)
    response = contribute(api_client, block, fields, token=new_token(api_client))
    assert response.status_code == 201, response.content

    web = block.contributions().get(channel=Channel.WEB)
    api = block.contributions().get(channel=Channel.API)
    assert response.json()["receipt"] == api.receipt
    return dialogue, block, web, api


def without_differing(row):
    return {key: value for key, value in row.items() if key not in DIFFERING}


def detail_pairs(admin, contribution):
    """Each (term, description) of the detail view, and its quoted text,
    leaving out what tells the two apart."""
    response = admin.get(detail_url(contribution))
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    detail = page.select_one(".dlk-contribution-detail")
    pairs = [
        (text_of(dt), text_of(dt.find_next_sibling("dd")))
        for dt in detail.select("dl > dt")
        if text_of(dt) not in DIFFERING
    ]
    quoted = [text_of(quote) for quote in detail.select("blockquote")]
    assert "No answers were given." not in text_of(detail)
    return pairs, quoted


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_the_listing_shows_both_alike(admin, sent_both_ways):
    dialogue, _block, web, api = sent_both_ways

    by_receipt = {row["Receipt"]: row for row in rows(admin.get(listing_url(dialogue)))}

    assert set(by_receipt) == {web.receipt, api.receipt}
    assert by_receipt[web.receipt]["Channel"] == "Website"
    assert by_receipt[api.receipt]["Channel"] == "API"
    assert by_receipt[web.receipt]["Content"]
    assert without_differing(by_receipt[api.receipt]) == without_differing(
        by_receipt[web.receipt]
    )


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_the_detail_view_shows_both_alike(admin, sent_both_ways):
    _dialogue, _block, web, api = sent_both_ways

    web_pairs, web_quoted = detail_pairs(admin, web)
    api_pairs, api_quoted = detail_pairs(admin, api)

    assert api_pairs == web_pairs
    assert api_quoted == web_quoted


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_the_export_has_both_alike(admin, sent_both_ways):
    dialogue, _block, web, api = sent_both_ways

    by_receipt = {row["Receipt"]: row for row in as_dicts(csv_table(admin, dialogue))}

    assert set(by_receipt) == {web.receipt, api.receipt}
    assert (by_receipt[web.receipt]["Channel"], by_receipt[api.receipt]["Channel"]) == (
        "Website",
        "API",
    )
    assert without_differing(by_receipt[api.receipt]) == without_differing(
        by_receipt[web.receipt]
    )


def chart_totals(figure):
    """The counts of a chart's data table, by row label."""
    return {
        tr.find("th").get_text(strip=True): int(tr.find_all("td")[0].get_text())
        for tr in figure.select("details table tbody tr")
    }


def after_closing():
    """A moment after the dialogue has closed, when final feedback may be
    published."""
    return time_machine.travel(timezone.now() + timedelta(days=20), tick=False)


def we_heard(response):
    """The feedback page's "what we heard" section, its automatic summary."""
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return page.find(id="dlk-we-heard-heading").find_parent("section")


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_the_feedback_summary_counts_both(new_client, sent_both_ways):
    dialogue, _block, _web, _api = sent_both_ways

    with after_closing():
        feedback = make_feedback(dialogue.page)
        heard = we_heard(new_client().get(feedback.url))

    numbers = text_of(heard.select_one(".dlk-feedback__numbers"))
    assert "2 people took part online." in numbers
    assert "2 contributions in total" in numbers
    channels = heard.select_one("table.dlk-feedback__channels")
    assert {
        text_of(tr.find("th")): int(text_of(tr.find("td")))
        for tr in channels.select("tbody tr")
    } == {"Website": 1, "API": 1}
    # Each chart counts the answer both times: every count is even, and
    # the answers given (the same two) make at least one count of 2.
    for figure in heard.select("figure.dlk-chart"):
        counts = chart_totals(figure)
        assert all(count % 2 == 0 for count in counts.values()), counts
        assert 2 in counts.values(), counts
        assert "2 answered." in text_of(figure.select_one("figcaption"))
