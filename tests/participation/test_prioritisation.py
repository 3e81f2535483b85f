"""The prioritisation blocks (distribute points, rank options, participatory
budget), end to end through real HTTP: valid posts stored once and counted,
totals over the limit and invalid values refused with form errors and
nothing stored, results read from the counters."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import (
    assert_redirected_to_block,
    budget,
    error_summary,
    points,
    ranking,
    receipt_shown,
    submit,
    text_of,
)
from wagtail_delaktighet.models import Contribution, ContributionAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[points(), ranking(), budget()])


@pytest.fixture
def closed(consultation_dialogue):
    now = timezone.now()
    return consultation_dialogue(
        body=[points(), ranking(), budget()],
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )


def points_fields(block, *given):
    return {
        f"points_{option}": str(n)
        for option, n in zip(block.option_ids(), given, strict=True)
    }


def rank_fields(block, *ranks):
    return {
        f"rank_{option}": str(rank)
        for option, rank in zip(block.option_ids(), ranks, strict=True)
    }


def chart_rows(response, block):
    """{row label: row value text} of the block's results chart."""
    return {
        text_of(row.select_one(".dlk-results__label")): text_of(
            row.select_one(".dlk-results__value")
        )
        for row in block.section(response).select(".dlk-chart .dlk-results__row")
    }


def assert_refused(client, block, fields, *, error_field, error):
    before = (Contribution.objects.count(), ContributionAnswer.objects.count())
    response = block.post(client, fields)
    assert response.status_code == 200
    summary = error_summary(response, block)
    assert error in text_of(summary)
    link = summary.find("a")
    assert link["href"] == f"#{block.field_id(error_field)}"
    assert (Contribution.objects.count(), ContributionAnswer.objects.count()) == before
    return response


# -- distribute points ----------------------------------------------------------


def test_points_are_stored_and_counted(client, dialogue):
    block = dialogue.block("points")
    benches, lights, playground = block.option_ids()

    response = block.post(client, points_fields(block, 6, 0, 4))

    assert_redirected_to_block(response, block)
    receipt = receipt_shown(client, block)
    stored = Contribution.objects.get()
    assert stored.receipt == receipt
    assert stored.status == "private"
    assert stored.content == {
        f"points_{benches}": 6,
        f"points_{lights}": 0,
        f"points_{playground}": 4,
    }
    assert set(stored.answers.values_list("question_key", "value")) == {
        (f"points:{benches}", "6"),
        (f"points:{lights}", "0"),
        (f"points:{playground}", "4"),
    }
    # Who has taken part sees the results, not the form again.
    page = client.get(block.page.url)
    assert chart_rows(page, block) == {
        "Bänkar: 6 points in all, 6.0 on average": "100 % (1 answer)",
        "Belysning: 0 points in all, 0.0 on average": "0 % (0 answers)",
        "Lekplats: 4 points in all, 4.0 on average": "100 % (1 answer)",
    }
    assert block.section(page).find("form") is None


def test_blank_points_count_as_none(client, dialogue):
    block = dialogue.block("points")
    first = block.option_ids()[0]

    response = block.post(client, {f"points_{first}": "10"})

    assert_redirected_to_block(response, block)
    assert sum(Contribution.objects.get().content.values()) == 10


def test_points_over_the_limit_are_refused(client, dialogue):
    block = dialogue.block("points")
    first = block.option_ids()[0]

    assert_refused(
        client,
        block,
        points_fields(block, 6, 3, 2),
        error_field=f"points_{first}",
        error="You gave 11 points in all, 1 more than the 10 you have.",
    )


@pytest.mark.parametrize(
    ("given", "error"),
    [
        (("-1", "5", "0"), "Points cannot be negative."),
        (("2.5", "5", "0"), "Enter a whole number of points, such as 3."),
        (("tio", "5", "0"), "Enter a whole number of points, such as 3."),
        (("11", "0", "0"), "You have 10 points in all."),
        (("0", "0", "0"), "Give at least one point to one of the options."),
    ],
)
def test_points_that_are_not_whole_numbers_within_the_limit_are_refused(
    client, dialogue, given, error
):
    block = dialogue.block("points")
    first = block.option_ids()[0]

    assert_refused(
        client,
        block,
        points_fields(block, *given),
        error_field=f"points_{first}",
        error=error,
    )


def test_points_for_an_unknown_option_are_not_stored(client, dialogue):
    block = dialogue.block("points")
    fields = {**points_fields(block, 5, 0, 0), "points_not-an-option": "5"}

    assert_redirected_to_block(block.post(client, fields), block)

    stored = Contribution.objects.get()
    assert "points_not-an-option" not in stored.content
    assert not stored.answers.filter(question_key__contains="not-an-option").exists()


# -- rank options ---------------------------------------------------------------


def test_a_ranking_is_stored_and_counted(client, dialogue):
    block = dialogue.block("ranking")
    benches, lights, playground = block.option_ids()

    response = block.post(client, rank_fields(block, 2, 3, 1))

    assert_redirected_to_block(response, block)
    receipt_shown(client, block)
    stored = Contribution.objects.get()
    assert stored.content == {
        f"rank_{benches}": "2",
        f"rank_{lights}": "3",
        f"rank_{playground}": "1",
    }
    page = client.get(block.page.url)
    assert list(chart_rows(page, block)) == [
        "Bänkar: average rank 2.0, 2 points (Borda)",
        "Belysning: average rank 3.0, 1 points (Borda)",
        "Lekplats: average rank 1.0, 3 points (Borda)",
    ]


def test_the_form_offers_a_select_per_option_with_every_rank(client, dialogue):
    block = dialogue.block("ranking")
    section = block.section(client.get(block.page.url))

    selects = section.select("select")
    assert len(selects) == 3
    for select in selects:
        assert [option["value"] for option in select.find_all("option")] == [
            "",
            "1",
            "2",
            "3",
        ]
        assert section.find("label", attrs={"for": select["id"]}) is not None


def test_a_rank_given_twice_is_refused_on_both_options(client, dialogue):
    block = dialogue.block("ranking")
    benches, lights, _playground = block.option_ids()

    response = assert_refused(
        client,
        block,
        rank_fields(block, 1, 1, 2),
        error_field=f"rank_{benches}",
        error="Rank 1 is given to more than one option.",
    )

    links = [a["href"] for a in error_summary(response, block).find_all("a")]
    assert f"#{block.field_id(f'rank_{lights}')}" in links


@pytest.mark.parametrize("rank", ["", "0", "4", "1.5", "-1"])
def test_a_missing_or_unknown_rank_is_refused(client, dialogue, rank):
    block = dialogue.block("ranking")
    first = block.option_ids()[0]
    fields = {**rank_fields(block, 1, 2, 3), f"rank_{first}": rank}

    assert_refused(client, block, fields, error_field=f"rank_{first}", error="rank")


# -- participatory budget -------------------------------------------------------


def test_a_budget_within_the_total_is_stored_and_counted(client, dialogue):
    block = dialogue.block("budget")
    benches, _lights, playground = block.option_ids()

    response = block.post(client, {"chosen": [benches, playground]})

    assert_redirected_to_block(response, block)
    receipt_shown(client, block)
    stored = Contribution.objects.get()
    assert stored.content == {"chosen": [benches, playground]}
    assert set(stored.answers.values_list("question_key", "value")) == {
        ("chosen", benches),
        ("chosen", playground),
    }
    page = client.get(block.page.url)
    assert chart_rows(page, block) == {
        "Bänkar (40,000 kr)": "100 % (1 answer)",
        "Belysning (70,000 kr)": "0 % (0 answers)",
        "Lekplats (50,000 kr)": "100 % (1 answer)",
    }


def test_a_budget_over_the_total_is_refused(client, dialogue):
    block = dialogue.block("budget")
    benches, lights, _playground = block.option_ids()

    assert_refused(
        client,
        block,
        {"chosen": [benches, lights]},
        error_field="chosen",
        error=(
            "What you chose costs 110,000 kr, 10,000 kr more than the budget "
            "of 100,000 kr."
        ),
    )


@pytest.mark.parametrize(
    ("chosen", "error"),
    [
        ([], "Choose at least one option."),
        (["not-an-option"], "Select a valid choice."),
        ("twice", "Choose each option at most once."),
    ],
)
def test_an_empty_unknown_or_repeated_budget_choice_is_refused(
    client, dialogue, chosen, error
):
    block = dialogue.block("budget")
    if chosen == "twice":
        chosen = [block.option_ids()[0]] * 2

    assert_refused(client, block, {"chosen": chosen}, error_field="chosen", error=error)


# -- one answer each, results for everyone once closed ---------------------------


def test_each_participant_prioritises_once(client, dialogue):
    block = dialogue.block("points")
    assert_redirected_to_block(block.post(client, points_fields(block, 5, 5, 0)), block)

    response = block.post(client, points_fields(block, 0, 5, 5))

    assert response.status_code == 409
    assert block.contributions().count() == 1


def test_results_are_hidden_until_taking_part_and_public_once_closed(
    client, dialogue, closed
):
    open_block = dialogue.block("budget")
    section = open_block.section(client.get(open_block.page.url))
    assert section.select(".dlk-chart") == []
    assert "once you have taken part" in text_of(section)

    block = closed.block("budget")
    submit(block, {"chosen": [block.option_ids()[1]]}, channel="paper")
    page = client.get(block.page.url)
    assert chart_rows(page, block)["Belysning (70,000 kr)"] == "100 % (1 answer)"
    assert block.section(page).find("form") is None


# -- for machines and for the feedback page ----------------------------------------


def test_the_input_schema_gives_the_limits(dialogue):
    points_block, ranking_block, budget_block = (
        dialogue.block(kind) for kind in ("points", "ranking", "budget")
    )

    def schema(block):
        return block.child.block.input_schema(block.value, page=block.page)

    assert schema(points_block)["points"] == 10
    assert schema(points_block)["fields"][0]["max_value"] == 10
    assert [
        choice["id"] for choice in schema(ranking_block)["fields"][0]["choices"]
    ] == [
        "1",
        "2",
        "3",
    ]
    benches, lights, playground = budget_block.option_ids()
    assert schema(budget_block)["budget"] == 100_000
    assert schema(budget_block)["costs"] == {
        benches: 40_000,
        lights: 70_000,
        playground: 50_000,
    }


def test_the_feedback_page_charts_the_closed_blocks(client, closed):
    block = closed.block("points")
    submit(block, points_fields(block, 4, 4, 2), channel="meeting")
    submit(block, points_fields(block, 0, 10, 0), channel="paper")
    feedback = make_feedback(closed.page)

    page = BeautifulSoup(client.get(feedback.url).content, "html.parser")

    titles = [text_of(title) for title in page.select(".dlk-chart__title")]
    assert titles == ["Fördela poängen"]
    table = [
        [text_of(cell) for cell in row.find_all(["th", "td"])]
        for row in page.select(".dlk-chart details tbody tr")
    ]
    # The figures by hand: 4 + 0, 4 + 10, 2 + 0 points from two people.
    assert [row[1:] for row in table] == [["1", "50 %"], ["2", "100 %"], ["1", "50 %"]]
    assert table[1][0] == "Belysning: 14 points in all, 7.0 on average"
