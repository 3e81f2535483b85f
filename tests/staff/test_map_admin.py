"""The map block reads in the staff's views through its own plugin interface
(blocks/map.py), as every block does: the listing, the detail view, the
exports, the searches and the feedback page's summary, with no code outside
the block's module that knows it."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone, translation

from tests.feedback.support import make_feedback
from tests.participation.support import map_block, submit, text_of
from wagtail_delaktighet.models import Channel

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

HEADING = "Markera på kartan"


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[map_block()])


@pytest.fixture
def block(dialogue):
    return dialogue.block("map")


def category(block, n=0):
    return block.option_ids(block.value["categories"])[n]


@pytest.fixture
def pin(block):
    return submit(
        block,
        {
            "category": category(block),
            "comment": "Mörkt vid dammen",
            "place": "Dammen i parken",
            "latitude": "59.5",
            "longitude": "17.75",
        },
    )


@pytest.fixture
def words_only(block):
    return submit(
        block,
        {"category": category(block, 1), "comment": "Bänkar", "place": "Torget"},
    )


def test_the_listing_names_the_block_and_shows_the_comment(admin, dialogue, pin):
    [row] = rows(admin.get(listing_url(dialogue)))

    assert row["Block"] == HEADING
    assert row["Type"] == "Map"
    assert row["Content"] == "Mörkt vid dammen"


def test_the_detail_view_shows_the_category_the_place_and_the_point(
    admin, dialogue, pin
):
    page = soup(admin.get(detail_url(pin)))

    answers = page.select_one("dl.dlk-contribution-answers")
    assert [text_of(dt) for dt in answers.find_all("dt")] == [
        "Category",
        "The place in words",
        "Position on the map",
    ]
    assert [text_of(dd) for dd in answers.find_all("dd")] == [
        "Otryggt",
        "Dammen i parken",
        "59.500000, 17.750000",
    ]
    assert "Mörkt vid dammen" in text_of(page)


def test_the_detail_view_of_a_place_in_words_has_no_point(admin, words_only):
    page = soup(admin.get(detail_url(words_only)))

    answers = page.select_one("dl.dlk-contribution-answers")
    assert [text_of(dt) for dt in answers.find_all("dt")] == [
        "Category",
        "The place in words",
    ]


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_the_export_has_a_column_per_answer_and_the_point_as_numbers(
    admin, dialogue, pin, words_only, read
):
    exported = {row["Receipt"]: row for row in as_dicts(read(admin, dialogue))}

    row = exported[pin.receipt]
    assert row["Block"] == HEADING
    assert row["Type"] == "Map"
    assert row["Text"] == "Mörkt vid dammen"
    assert row["Category"] == "Otryggt"
    assert row["The place in words"] == "Dammen i parken"
    assert str(row["Latitude"]) == "59.5"
    assert str(row["Longitude"]) == "17.75"
    assert row["Answers to questions no longer on the page"] == ""
    other = exported[words_only.receipt]
    assert other["Category"] == "Idé"
    assert (other["Latitude"], other["Longitude"]) == ("", "")


def test_the_listing_finds_a_place_by_its_comment_or_its_words(
    admin, dialogue, pin, words_only
):
    def found(query):
        return sorted(
            row["Receipt"]
            for row in rows(admin.get(listing_url(dialogue), {"q": query}))
        )

    assert found("dammen") == [pin.receipt]
    assert found("torget") == [words_only.receipt]
    assert found("bänkar") == [words_only.receipt]
    # Coordinates are no text to search.
    assert found("59.5") == []


def test_the_moderation_inbox_finds_a_place_by_its_words(admin, pin, words_only):
    found = rows(admin.get(url("inbox"), {"q": "torget"}))

    assert [row["Receipt"] for row in found] == [words_only.receipt]
    assert found[0]["Block"] == HEADING
    assert found[0]["Type"] == "Map"


def test_the_input_schema_gives_the_point_as_numbers_within_the_area(block):
    schema = block.child.block.input_schema(block.value)

    fields = {field["key"]: field for field in schema["fields"]}
    assert list(fields) == [
        "category",
        "comment",
        "place",
        "latitude",
        "longitude",
        "display_name",
    ]
    assert fields["place"]["required"] is False
    assert fields["latitude"]["type"] == "number"
    assert (fields["latitude"]["min_value"], fields["latitude"]["max_value"]) == (
        59.0,
        60.0,
    )
    assert (fields["longitude"]["min_value"], fields["longitude"]["max_value"]) == (
        17.0,
        18.5,
    )
    assert [choice["label"] for choice in fields["category"]["choices"]] == [
        "Otryggt",
        "Idé",
    ]


def test_the_feedback_summary_charts_the_categories(client, dialogue, block):
    for n in (0, 1, 0):
        submit(block, {"category": category(block, n), "comment": "x", "place": "y"})
    submit(
        block,
        {"category": category(block, 1), "comment": "Möte", "place": "Biblioteket"},
        channel=Channel.MEETING,
    )

    with time_machine.travel(timezone.now() + timedelta(days=20), tick=False):
        feedback = make_feedback(dialogue.page)
        page = soup(client.get(feedback.url))

    heard = page.find(id="dlk-we-heard-heading").find_parent("section")
    [section] = [
        section
        for section in heard.select(".dlk-feedback__block")
        if section.select_one("h4") and text_of(section.select_one("h4")) == HEADING
    ]
    [figure] = section.select("figure.dlk-chart")
    with translation.override("sv"):
        title = str(translation.gettext("Category"))
    assert text_of(figure.select_one(".dlk-chart__title")) == title
    table = [
        (text_of(tr.find("th")), [text_of(td) for td in tr.find_all("td")])
        for tr in figure.select("details table tbody tr")
    ]
    assert table == [("Otryggt", ["2", "50 %"]), ("Idé", ["2", "50 %"])]


def test_offline_input_takes_a_place_in_words(admin, dialogue, block):
    from django.urls import reverse

    from wagtail_delaktighet.models import Contribution

    enter_url = reverse("wagtail_delaktighet_admin:offline", args=[dialogue.page.pk])
    given_at = timezone.localtime() - timedelta(days=1)
    choices = {
        "block": block.id,
        "channel": "walk",
        "given_at": given_at.strftime("%Y-%m-%dT%H:%M"),
    }

    form_page = soup(admin.get(enter_url, choices))
    refused = admin.post(
        enter_url,
        {**choices, **block.form_data({"category": category(block), "comment": "x"})},
    )
    response = admin.post(
        enter_url,
        {
            **choices,
            **block.form_data(
                {
                    "category": category(block),
                    "comment": "Mörkt under bron",
                    "place": "Gångtunneln vid skolan",
                }
            ),
        },
    )

    assert form_page.find("input", attrs={"name": block.name("place")})
    assert refused.status_code == 200
    assert "Mark the place on the map, or describe it in words." in (
        refused.content.decode()
    )
    assert response.status_code == 302
    stored = Contribution.objects.get(block_id=block.id)
    assert stored.channel == Channel.WALK
    assert stored.content["place"] == "Gångtunneln vid skolan"
