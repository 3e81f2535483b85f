"""The prioritisation blocks' results come from the stored counters: the
aggregates equal figures computed by hand from what was sent, and the
queries a page view, the results and the feedback summary cost are the same
at 10 and at 10,000 contributions."""

from datetime import timedelta
from itertools import cycle

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.participation.support import budget, points, ranking, submit
from wagtail_delaktighet.feedback.summary import dialogue_summary
from wagtail_delaktighet.models import (
    Contribution,
    ContributionAnswer,
    ContributionStatus,
)
from wagtail_delaktighet.participation import counters

pytestmark = pytest.mark.django_db

#: What each block's results and summary charts read: one counters query.
RESULT_QUERIES = 1


@pytest.fixture
def closed(consultation_dialogue):
    now = timezone.now()
    return consultation_dialogue(
        body=[points(), ranking(), budget()],
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
    )


# -- what is sent, and the figures by hand ----------------------------------


def points_given(n):
    """The points the n-th participant gives the three options (at most 10)."""
    first = n % 11
    return (first, (10 - first) // 2, n % 2)


def ranks_given(n):
    orders = [(1, 2, 3), (2, 1, 3), (3, 1, 2), (1, 3, 2)]
    return orders[n % len(orders)]


def budget_chosen(n):
    """Option indexes within 100 000 kr (costs 40, 70 and 50 thousand)."""
    return [(0,), (1,), (0, 2), (2,), (0,)][n % 5]


def fields_for(block, n):
    options = block.option_ids()
    if block.block_type == "points":
        return {
            f"points_{option}": given
            for option, given in zip(options, points_given(n), strict=True)
        }
    if block.block_type == "ranking":
        return {
            f"rank_{option}": str(rank)
            for option, rank in zip(options, ranks_given(n), strict=True)
        }
    return {"chosen": [options[index] for index in budget_chosen(n)]}


def sent_to(dialogue, count):
    """{block type: [n, …]}: which participant numbers each block got."""
    sent = {block.block_type: [] for block in dialogue.blocks}
    for n, block in zip(range(count), cycle(dialogue.blocks)):
        sent[block.block_type].append(n)
    return sent


def expected_figures(sent):
    """The aggregates computed by hand from what was sent."""
    given = [points_given(n) for n in sent["points"]]
    ranks = [ranks_given(n) for n in sent["ranking"]]
    chosen = [budget_chosen(n) for n in sent["budget"]]
    return {
        "points": [sum(row[i] for row in given) for i in range(3)],
        "points_people": [sum(1 for row in given if row[i]) for i in range(3)],
        "ranking": [sum(row[i] for row in ranks) / len(ranks) for i in range(3)],
        "borda": [sum(4 - row[i] for row in ranks) for i in range(3)],
        "first": [sum(1 for row in ranks if row[i] == 1) for i in range(3)],
        "budget": [sum(1 for row in chosen if i in row) for i in range(3)],
        "respondents": {kind: len(numbers) for kind, numbers in sent.items()},
    }


# -- storing them ---------------------------------------------------------------


def send_through_the_service(dialogue, count):
    for n, block in zip(range(count), cycle(dialogue.blocks)):
        submit(block, fields_for(block, n), channel="paper")


def insert_in_bulk(dialogue, start, stop):
    """What the service stores, built by each block from its own form's
    cleaned data, inserted in bulk; then the counters are rebuilt, as after
    any import around the service."""
    now = timezone.now()
    rows = []
    blocks = cycle(dialogue.blocks)
    for _skipped in range(start % len(dialogue.blocks)):
        next(blocks)
    form_fields = {
        block.id: block.child.block.form_fields(block.value)
        for block in dialogue.blocks
    }
    for n, block in zip(range(start, stop), blocks, strict=False):
        # Cleaned by the block's own form fields, stored as the block says.
        cleaned = {
            name: form_fields[block.id][name].clean(value)
            for name, value in fields_for(block, n).items()
        }
        data = block.child.block.contribution_from_form(block.value, cleaned)
        contribution = Contribution(
            page=block.page,
            block_id=block.id,
            block_type=block.block_type,
            status=ContributionStatus.PRIVATE,
            channel="paper",
            content=data.content,
            submission_key=f"bulk-{n}",
            created_at=now,
        )
        rows.append((contribution, data.answers))
    Contribution.objects.bulk_create([c for c, _a in rows], batch_size=2000)
    # Not every database returns primary keys from a bulk insert.
    pks = dict(
        Contribution.objects.filter(
            page=dialogue.page, submission_key__startswith="bulk-"
        ).values_list("submission_key", "pk")
    )
    ContributionAnswer.objects.bulk_create(
        (
            ContributionAnswer(
                contribution_id=pks[contribution.submission_key],
                page=contribution.page,
                block_id=contribution.block_id,
                question_key=key,
                value=value,
            )
            for contribution, answers in rows
            for key, value in answers
        ),
        batch_size=2000,
    )
    counters.rebuild(page=dialogue.page)


# -- reading them -----------------------------------------------------------------


def figures(dialogue):
    """The aggregates as the blocks report them (their charts)."""
    charts = {}
    for block in dialogue.blocks:
        [chart] = block.child.block.summary_charts(
            block.value, page=dialogue.page, block_id=block.id
        )
        charts[block.block_type] = chart
    return charts


def assert_figures_match(dialogue, expected):
    charts = figures(dialogue)
    assert {kind: chart.total for kind, chart in charts.items()} == expected[
        "respondents"
    ]
    options = ["Bänkar", "Belysning", "Lekplats"]
    people = expected["respondents"]["points"]
    for i, option in enumerate(options):
        total = expected["points"][i]
        average = f"{total / people:.1f}"
        row = charts["points"].rows[i]
        assert row.label == f"{option}: {total} points in all, {average} on average"
        assert row.count == expected["points_people"][i]

        row = charts["ranking"].rows[i]
        average = f"{expected['ranking'][i]:.1f}"
        borda = expected["borda"][i]
        assert row.label == f"{option}: average rank {average}, {borda} points (Borda)"
        assert row.count == expected["first"][i]

        row = charts["budget"].rows[i]
        assert row.count == expected["budget"][i]
    assert [row.label for row in charts["budget"].rows] == [
        "Bänkar (40,000 kr)",
        "Belysning (70,000 kr)",
        "Lekplats (50,000 kr)",
    ]


def test_the_figures_equal_those_computed_by_hand(closed):
    send_through_the_service(closed, 10)

    expected = expected_figures(sent_to(closed, 10))
    # Written out for the first ten, as checked on paper: participants 0, 3,
    # 6, 9 gave points (0,5,0), (3,3,1), (6,2,0), (9,0,1); participants 2, 5, 8
    # chose options (1, 3), (1), (3).
    assert expected["points"] == [18, 10, 2]
    assert expected["budget"] == [2, 0, 2]
    assert_figures_match(closed, expected)


def test_a_rebuild_after_a_bulk_insert_gives_the_same_figures(closed):
    insert_in_bulk(closed, 0, 10)

    assert_figures_match(closed, expected_figures(sent_to(closed, 10)))


def page_view_queries(client, dialogue):
    """The queries of a page view rendered afresh (nothing in the cache)."""
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(dialogue.page.url)
    assert response.status_code == 200
    return len(queries)


def check_bounded(client, dialogue, count, django_assert_max_num_queries):
    """The figures are right, each block's results and the feedback summary
    cost a fixed number of queries; the page view's number of queries."""
    assert Contribution.objects.count() == count
    # The dialogue's status once (are results public?), then the counters.
    with django_assert_max_num_queries(1 + 3 * RESULT_QUERIES):
        assert_figures_match(dialogue, expected_figures(sent_to(dialogue, count)))
    for block in dialogue.blocks:
        with django_assert_max_num_queries(RESULT_QUERIES):
            block.child.block.results(
                block.value, page=dialogue.page, block_id=block.id
            )
    with django_assert_max_num_queries(1 + 3 * RESULT_QUERIES):
        dialogue_summary(dialogue.page)
    return page_view_queries(client, dialogue)


def test_results_cost_the_same_queries_at_10_and_10000(
    client, closed, django_assert_max_num_queries
):
    # Once before, so that what a process builds once is built.
    page_view_queries(client, closed)
    insert_in_bulk(closed, 0, 10)
    at_ten = check_bounded(client, closed, 10, django_assert_max_num_queries)

    insert_in_bulk(closed, 10, 10_000)
    at_ten_thousand = check_bounded(
        client, closed, 10_000, django_assert_max_num_queries
    )

    assert at_ten_thousand == at_ten
