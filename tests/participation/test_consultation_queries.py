"""A dialogue page with many consultation blocks costs the same number of
queries whatever the number of contributions, and never reads more
contributions than one page of public ones (docs/architecture.md: results
that do not grow with the data).
"""

import re
from datetime import timedelta
from itertools import cycle

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.participation.support import (
    DialogueWithBlocks,
    every_block,
    poll,
    publish_body,
    question,
    survey,
    views,
)
from wagtail_delaktighet.blocks.form_cache import renew_generation
from wagtail_delaktighet.conf import delaktighet_settings
from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionAnswer,
    ContributionStatus,
    OfficialResponse,
)
from wagtail_delaktighet.participation import counters

pytestmark = pytest.mark.django_db

#: What every dialogue page asks, whatever its blocks: Wagtail's routing (the
#: site, the home page as its type, the index by slug and as its type, the
#: dialogue with its influence level and whether a view restriction may
#: apply: 5; models/view_restrictions.py) and the example site's menu (1).
#: The influence ladder, the snippets, the phases, activities, contacts,
#: documents and decisions and the site settings come from the cache
#: (views/dialogue_data.py).
PAGE_QUERIES = 6
#: A visitor who has taken part brings a session, read once.
SESSION_QUERIES = 1

#: Two of each built-in type; views published after moderation, polls showing
#: their results to whoever has voted.
EIGHT_BLOCKS = [
    survey(),
    survey(),
    poll("after_voting"),
    poll("after_voting"),
    views("after_moderation", heading="Tyck till om parken"),
    views("after_moderation", heading="Tyck till om lekplatsen"),
    question(),
    question(),
]

#: The contribution table, quoted as any supported database quotes it (the
#: answer and response tables have longer names, so they do not match).
CONTRIBUTION_TABLE = re.compile(r"""["`]wagtail_delaktighet_contribution["`]""")
AGGREGATE = re.compile(r"\b(COUNT|GROUP BY)\b", re.IGNORECASE)
LIMITED = re.compile(r"\bLIMIT\b", re.IGNORECASE)

#: Moderation outcomes cycled through, so some of everything is public.
VIEWS_STATUSES = [
    ContributionStatus.PUBLISHED,
    ContributionStatus.PENDING,
    ContributionStatus.PUBLISHED,
    ContributionStatus.REJECTED,
]
QUESTION_STATUSES = [
    ContributionStatus.PUBLISHED,
    ContributionStatus.PENDING,
    ContributionStatus.REJECTED,
]


@pytest.fixture
def official(body_factory):
    return Contact.objects.create(
        name="Eva Ek",
        kind=Contact.Kind.OFFICIAL,
        title="Landskapsarkitekt",
        body=body_factory("Stadsbyggnadsförvaltningen"),
    )


def row_for(block, n, now):
    """The n-th contribution, with the counted answers it gives and whether
    it gets a published official response."""
    round_ = n // 8
    common = {
        "page": block.page,
        "block_id": block.id,
        "block_type": block.block_type,
        "submission_key": f"bulk-{n}",
        "created_at": now - timedelta(minutes=n),
    }
    if block.block_type == "survey":
        _field, scale_id, _options = block.question("scale")
        value = str(round_ % 5 + 1)
        content = {"answers": {scale_id: value}}
        return (
            Contribution(**common, status=ContributionStatus.PRIVATE, content=content),
            [(scale_id, value)],
            False,
        )
    if block.block_type == "poll":
        options = block.option_ids()
        choice = options[round_ % len(options)]
        return (
            Contribution(
                **common, status=ContributionStatus.PRIVATE, content={"choice": choice}
            ),
            [("choice", choice)],
            False,
        )
    if block.block_type == "views":
        status = VIEWS_STATUSES[round_ % len(VIEWS_STATUSES)]
        content = {"text": f"Synpunkt nummer {n}.", "addressed_to": "both"}
        return Contribution(**common, status=status, content=content), [], False
    status = QUESTION_STATUSES[round_ % len(QUESTION_STATUSES)]
    content = {"question": f"Fråga nummer {n}?", "addressed_to": "elected"}
    answered = status == ContributionStatus.PUBLISHED and round_ % 2 == 0
    return Contribution(**common, status=status, content=content), [], answered


def add_contributions(dialogue, start, count, signed_by):
    """``count`` contributions spread over the blocks, in bulk."""
    now = timezone.now()
    rows = [
        row_for(block, n, now)
        for n, block in zip(range(start, start + count), cycle(dialogue.blocks))
    ]
    Contribution.objects.bulk_create([contribution for contribution, _a, _r in rows])
    # Not every database returns primary keys from a bulk insert.
    pks = dict(
        Contribution.objects.filter(
            submission_key__in=[c.submission_key for c, _a, _r in rows]
        ).values_list("submission_key", "pk")
    )
    ContributionAnswer.objects.bulk_create(
        ContributionAnswer(
            contribution_id=pks[contribution.submission_key],
            page=contribution.page,
            block_id=contribution.block_id,
            question_key=key,
            value=value,
        )
        for contribution, answers, _r in rows
        for key, value in answers
    )
    OfficialResponse.objects.bulk_create(
        OfficialResponse(
            contribution_id=pks[contribution.submission_key],
            signed_by=signed_by,
            text="Tack för frågan, vi svarar så här.",
            published_at=now,
        )
        for contribution, _a, answered in rows
        if answered
    )
    # Rows inserted in bulk go around the participation service, as rows of
    # an older version do: recount them as an upgrade does.
    counters.rebuild(page=dialogue.page)


def vote_in_every_poll(client, dialogue):
    for block in dialogue.blocks:
        if block.block_type == "poll":
            response = block.post(client, {"choice": block.option_ids()[0]})
            assert response.status_code == 302


def render(client, dialogue):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(dialogue.page.url)
    assert response.status_code == 200
    return response, [query["sql"] for query in queries.captured_queries]


def without_csrf(response):
    """The page's HTML without what differs from view to view: the CSRF token
    and the forms' submission keys."""
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'(submission_key" value=)"[0-9a-f]{32}"', r"\1", html)


def unbounded_contribution_reads(sqls):
    """SELECTs reading the contribution table that neither aggregate nor
    stop at a page of rows."""
    return [
        sql
        for sql in sqls
        if sql.lstrip().upper().startswith("SELECT")
        and CONTRIBUTION_TABLE.search(sql)
        and not AGGREGATE.search(sql)
        and not LIMITED.search(sql)
    ]


def shown(response, dialogue):
    """{block id: (listed contributions, poll rows)} as rendered."""
    soup = BeautifulSoup(response.content, "html.parser")
    result = {}
    for block in dialogue.blocks:
        section = soup.find(id=block.anchor)
        assert section is not None, block.anchor
        result[block.id] = (
            section.select("li.dlk-contribution"),
            section.select(".dlk-results__row"),
        )
    return result


def public_count(block):
    published = block.contributions().filter(status=ContributionStatus.PUBLISHED)
    if block.block_type == "question":
        published = published.filter(responses__published_at__isnull=False).distinct()
    return published.count()


def test_the_page_costs_the_same_queries_for_10_or_10000_contributions(
    make_dialogue, official
):
    dialogue = publish_body(make_dialogue(), EIGHT_BLOCKS)
    assert sorted(b.block_type for b in dialogue.blocks) == sorted(
        ["survey", "poll", "views", "question"] * 2
    )
    client = Client(headers={"Accept-Language": "en"})
    # Voting shows this participant the polls' results.
    vote_in_every_poll(client, dialogue)
    add_contributions(dialogue, start=0, count=10, signed_by=official)
    render(client, dialogue)  # warm caches the first request fills
    few_response, few_queries = render(client, dialogue)
    # Each views and question block one page of rows with their total and
    # that page's published answers; each poll whether this visitor voted and
    # its counted votes; the page's results version, which its cached content
    # is kept under.
    assert len(few_queries) == PAGE_QUERIES + SESSION_QUERIES + 4 + 4 + 2 * 2 + 1, (
        "\n".join(few_queries)
    )
    # The next view of the same page is served from the cache: whether this
    # visitor voted in each poll and the results version, and the same page.
    cached_response, cached_queries = render(client, dialogue)
    assert len(cached_queries) == PAGE_QUERIES + SESSION_QUERIES + 2 + 1, "\n".join(
        cached_queries
    )
    assert without_csrf(cached_response) == without_csrf(few_response)

    add_contributions(dialogue, start=10, count=9_990, signed_by=official)
    assert Contribution.objects.filter(page=dialogue.page).count() == 10_002
    many_response, many_queries = render(client, dialogue)

    assert len(many_queries) == len(few_queries), "\n".join(
        ["10 contributions:", *few_queries, "", "10,000 contributions:", *many_queries]
    )
    for sqls in (few_queries, many_queries):
        assert unbounded_contribution_reads(sqls) == []

    per_page = delaktighet_settings.CONTRIBUTIONS_PER_PAGE
    few, many = shown(few_response, dialogue), shown(many_response, dialogue)
    for block in dialogue.blocks:
        listed, poll_rows = many[block.id]
        if block.block_type in ("views", "question"):
            # A full page of the public ones, newest first, and no more.
            assert public_count(block) > per_page
            assert len(listed) == per_page
            assert 1 <= len(few[block.id][0]) <= per_page
            assert (
                str(public_count(block))
                in listed[0].find_parent(class_="dlk-results").h3.get_text()
            )
        else:
            assert listed == []
        if block.block_type == "poll":
            # Counted in the database: every vote, one row per option.
            assert len(poll_rows) == len(block.option_ids())
            total = block.contributions().count()
            results_text = poll_rows[0].find_parent(class_="dlk-results").get_text()
            assert f"{total} votes so far" in " ".join(results_text.split())


def test_a_later_page_of_views_is_one_page_too(make_dialogue, official):
    dialogue = publish_body(make_dialogue(), EIGHT_BLOCKS)
    add_contributions(dialogue, start=0, count=2_000, signed_by=official)
    views_block = dialogue.block("views")
    per_page = delaktighet_settings.CONTRIBUTIONS_PER_PAGE
    client = Client(headers={"Accept-Language": "en"})

    with CaptureQueriesContext(connection) as queries:
        response = client.get(dialogue.page.url, {f"{views_block.id}-page": "3"})

    assert response.status_code == 200
    assert (
        unbounded_contribution_reads(
            [query["sql"] for query in queries.captured_queries]
        )
        == []
    )
    listed = views_block.section(response).select("li.dlk-contribution")
    third_page = (
        views_block.contributions()
        .filter(status=ContributionStatus.PUBLISHED)
        .order_by("-created_at", "-pk")[2 * per_page : 3 * per_page]
    )
    assert [
        li.select_one(".dlk-contribution__text").get_text(strip=True) for li in listed
    ] == [contribution.content["text"] for contribution in third_page]


def test_a_listing_reads_its_page_and_its_total_in_one_query(make_dialogue, official):
    dialogue = publish_body(make_dialogue(), EIGHT_BLOCKS)
    add_contributions(dialogue, start=0, count=400, signed_by=official)
    client = Client(headers={"Accept-Language": "en"})
    render(client, dialogue)  # warm caches the first request fills
    renew_generation()  # but render the page afresh
    response, sqls = render(client, dialogue)

    listings = [
        sql
        for sql in sqls
        if CONTRIBUTION_TABLE.search(sql)
        and LIMITED.search(sql)
        and re.search(r"\bOVER\b|wagtail_delaktighet_resultcount", sql)
    ]
    # The views' total is their block's counter: no count over their rows.
    windowed = [sql for sql in listings if re.search(r"\bOVER\b", sql)]
    counts = [
        sql
        for sql in sqls
        if CONTRIBUTION_TABLE.search(sql)
        and re.match(r"\s*SELECT COUNT\(\*\)", sql, re.IGNORECASE)
    ]
    # Two views and two question blocks, each one page with its total.
    assert len(listings) == 4, sqls
    assert len(windowed) == 2, listings
    assert counts == []
    for block in dialogue.blocks:
        if block.block_type in ("views", "question"):
            heading = block.section(response).select_one(".dlk-results__heading")
            assert str(public_count(block)) in heading.get_text()


def test_a_page_past_the_end_shows_the_last_page(make_dialogue, official):
    dialogue = publish_body(make_dialogue(), EIGHT_BLOCKS)
    add_contributions(dialogue, start=0, count=400, signed_by=official)
    views_block = dialogue.block("views")
    per_page = delaktighet_settings.CONTRIBUTIONS_PER_PAGE
    client = Client(headers={"Accept-Language": "en"})
    published = (
        views_block.contributions()
        .filter(status=ContributionStatus.PUBLISHED)
        .order_by("-created_at", "-pk")
    )
    pages = -(-published.count() // per_page)
    last_page = list(published[(pages - 1) * per_page :])

    for asked in ("999", str(pages)):
        response = client.get(dialogue.page.url, {f"{views_block.id}-page": asked})
        assert response.status_code == 200
        listed = views_block.section(response).select("li.dlk-contribution")
        assert [
            li.select_one(".dlk-contribution__text").get_text(strip=True)
            for li in listed
        ] == [contribution.content["text"] for contribution in last_page]
        assert f"Page {pages} of {pages}" in views_block.section(response).get_text()


def test_every_block_costs_a_fixed_number_of_queries(make_dialogue):
    dialogue = DialogueWithBlocks(make_dialogue(body=every_block()))
    anonymous = Client(headers={"Accept-Language": "en"})
    render(anonymous, dialogue)  # warm caches the first request fills
    _response, anonymous_queries = render(anonymous, dialogue)
    voter = Client(headers={"Accept-Language": "en"})
    vote_in_every_poll(voter, dialogue)
    # Back from voting, the receipt shows, with the offer to follow unless
    # the visitor gave an email with consent (one query for that).
    _response, receipt_queries = render(voter, dialogue)
    _response, voter_queries = render(voter, dialogue)

    # The views, question, ideas and map blocks' listings (4), the
    # suggestion box's counted moods (1); no feedback pages, the dialogue has none.
    assert len(anonymous_queries) == PAGE_QUERIES + 5, "\n".join(anonymous_queries)
    # Whether the visitor voted in the poll and its counted votes (2);
    # whether they took part in each prioritisation block (3: not yet).
    assert len(voter_queries) == PAGE_QUERIES + SESSION_QUERIES + 5 + 2 + 3, "\n".join(
        voter_queries
    )
    assert len(receipt_queries) == len(voter_queries) + 1, "\n".join(receipt_queries)
    assert not [sql for sql in voter_queries if "feedbackpage" in sql]
