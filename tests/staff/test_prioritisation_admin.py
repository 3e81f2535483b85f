"""The prioritisation blocks read in the staff's views as every block does,
through the plugin interface alone: the listing, the detail view, the
exports, the searches and offline entry show points, ranks and chosen budget
options by the options' texts."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.participation.support import budget, points, ranking, submit, text_of
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


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[points(), ranking(), budget()])


@pytest.fixture
def sent(dialogue):
    def fields(block_type):
        block = dialogue.block(block_type)
        first, second, third = block.option_ids()
        if block_type == "points":
            return {f"points_{first}": 7, f"points_{third}": 3}
        if block_type == "ranking":
            return {f"rank_{first}": "3", f"rank_{second}": "1", f"rank_{third}": "2"}
        return {"chosen": [first, third]}

    return {
        block_type: submit(dialogue.block(block_type), fields(block_type))
        for block_type in ("points", "ranking", "budget")
    }


def test_the_listing_names_each_block_and_shows_its_answers(admin, dialogue, sent):
    listed = {row["Type"]: row for row in rows(admin.get(listing_url(dialogue)))}

    assert listed["Distribute points"]["Block"] == "Fördela poängen"
    assert listed["Distribute points"]["Content"] == (
        "Bänkar: 7; Belysning: 0; Lekplats: 3"
    )
    assert listed["Rank options"]["Content"] == "Bänkar: 3; Belysning: 1; Lekplats: 2"
    assert listed["Participatory budget"]["Content"] == (
        "Choose within 100,000 kr: Bänkar – 40,000 kr; Lekplats – 50,000 kr"
    )


def test_the_detail_view_shows_each_option_with_its_answer(admin, sent):
    page = soup(admin.get(detail_url(sent["ranking"])))

    answers = page.select_one("dl.dlk-contribution-answers")
    assert [text_of(dt) for dt in answers.find_all("dt")] == [
        "Bänkar",
        "Belysning",
        "Lekplats",
    ]
    assert [text_of(dd) for dd in answers.find_all("dd")] == ["3", "1", "2"]


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_the_export_fills_a_column_per_option(admin, dialogue, sent, read):
    exported = {row["Type"]: row for row in as_dicts(read(admin, dialogue))}

    assert str(exported["Distribute points"]["Bänkar"]) == "7"
    assert str(exported["Distribute points"]["Belysning"]) == "0"
    # Two blocks with the same options: the second's columns name the block.
    assert str(exported["Rank options"]["Rangordna förslagen: Belysning"]) == "1"
    assert exported["Rank options"]["Belysning"] == ""
    assert exported["Participatory budget"]["Choose within 100,000 kr"] == (
        "Bänkar – 40,000 kr; Lekplats – 50,000 kr"
    )
    for row in exported.values():
        assert row["Answers to questions no longer on the page"] == ""


def test_the_listing_finds_a_contribution_by_its_receipt_the_inbox_never(
    admin, dialogue, sent
):
    receipt = sent["budget"].receipt

    found = rows(admin.get(listing_url(dialogue), {"q": receipt}))
    in_inbox = rows(admin.get(url("inbox"), {"q": receipt}))

    assert [row["Receipt"] for row in found] == [receipt]
    # Counted, never published: nothing for a moderator.
    assert in_inbox == []


def test_offline_input_stores_a_paper_ballot(admin, dialogue):
    block = dialogue.block("budget")
    enter_url = reverse("wagtail_delaktighet_admin:offline", args=[dialogue.page.pk])
    given_at = timezone.localtime() - timedelta(days=1)
    choices = {
        "block": block.id,
        "channel": "paper",
        "given_at": given_at.strftime("%Y-%m-%dT%H:%M"),
    }
    benches, lights, playground = block.option_ids()

    form = soup(admin.get(enter_url, choices))
    over = admin.post(
        enter_url, {**choices, **block.form_data({"chosen": [benches, lights]})}
    )
    response = admin.post(
        enter_url, {**choices, **block.form_data({"chosen": [lights]})}
    )

    assert len(form.find_all("input", attrs={"name": block.name("chosen")})) == 3
    assert over.status_code == 200
    assert "more than the budget" in text_of(soup(over))
    assert response.status_code == 302
    stored = Contribution.objects.get(block_id=block.id)
    assert stored.channel == Channel.PAPER
    assert stored.content == {"chosen": [lights]}
