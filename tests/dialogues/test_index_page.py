"""The dialogue index through real HTTP: filters, ordering, pagination and
its query count; feedback on the cards (P6, docs/explanation/principles.md)."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.feedback.support import make_feedback
from wagtail_delaktighet import content_generation
from wagtail_delaktighet.models import (
    Area,
    Body,
    DialogueIndexPage,
    FeedbackKind,
    InfluenceLevel,
    TargetGroup,
    Topic,
)

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
CARD_TITLE = re.compile(r'<h3 class="dlk-card__title"><a href="([^"]+)">([^<]+)</a>')


@pytest.fixture
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def en_client():
    # English, so assertions do not depend on the Swedish catalogue.
    return Client(headers={"accept-language": "en"})


@pytest.fixture
def make_at(make_dialogue, frozen_clock):
    """Make a dialogue whose status (at the frozen NOW) is the one asked for;
    ``days`` is how far its relevant date lies from NOW."""

    def make(title, status="open", days=7, **fields):
        if status == "open":
            opens, closes = NOW - timedelta(days=1), NOW + timedelta(days=days)
        elif status == "upcoming":
            opens = NOW + timedelta(days=days)
            closes = opens + timedelta(days=14)
        else:
            closes = NOW - timedelta(days=days)
            opens = closes - timedelta(days=14)
        values = {
            "title": title,
            "slug": re.sub(r"[^a-z0-9]+", "-", title.lower()),
            "opens_at": opens,
            "closes_at": closes,
            "feedback_promised_on": (closes + timedelta(days=30)).date(),
        }
        values.update(fields)
        return make_dialogue(**values)

    return make


def card_titles(response):
    assert response.status_code == 200
    return [title for _, title in CARD_TITLE.findall(response.content.decode())]


# -- What the index lists ----------------------------------------------------


@pytest.mark.django_db
def test_lists_only_live_public_children_of_this_index(
    client, make_dialogue, dialogue_index, home_page
):
    make_dialogue(title="Listed")
    make_dialogue(title="Unpublished").unpublish()
    private = make_dialogue(title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    other_index = DialogueIndexPage(title="Other dialogues", slug="other")
    home_page.add_child(instance=other_index)
    make_dialogue(title="Elsewhere", parent=other_index)

    assert card_titles(client.get(dialogue_index.url)) == ["Listed"]


@pytest.mark.django_db
def test_card_shows_title_link_summary_status_dates_areas_body_and_badge(
    en_client, make_at, dialogue_index, level, body_factory
):
    page = make_at(
        "Cycle paths",
        summary="Where should the new cycle paths go?",
        influence_level=level("Dialog"),
        responsible_body=body_factory(name="Traffic committee"),
        areas=[Area.objects.create(name="Centre"), Area.objects.create(name="North")],
    )
    response = en_client.get(dialogue_index.url)
    html = response.content.decode()

    assert CARD_TITLE.findall(html) == [(page.url, "Cycle paths")]
    assert "Where should the new cycle paths go?" in html
    assert '<span class="dlk-card__status dlk-card__status--open">Open</span>' in html
    assert (
        f'<time datetime="{page.opens_at.astimezone(NOW.tzinfo).isoformat()}">' in html
    )
    assert (
        f'<time datetime="{page.closes_at.astimezone(NOW.tzinfo).isoformat()}">' in html
    )
    assert "<dd>Centre, North</dd>" in html
    assert "<dd>Traffic committee</dd>" in html
    assert '<strong class="dlk-badge__name">Dialog</strong>' in html
    assert "step 3 of 5" in html


@pytest.mark.django_db
def test_card_without_summary_shows_the_purpose(client, make_at, dialogue_index):
    make_at("No summary", summary="", purpose="To learn what the park needs.")
    html = client.get(dialogue_index.url).content.decode()
    assert '<p class="dlk-card__summary">To learn what the park needs.</p>' in html


@pytest.mark.django_db
def test_status_is_written_out_for_every_status(en_client, make_at, dialogue_index):
    make_at("Soon", status="upcoming")
    make_at("Now", status="open")
    make_at("Past", status="closed")
    html = en_client.get(dialogue_index.url).content.decode()
    for status, label in [
        ("upcoming", "Upcoming"),
        ("open", "Open"),
        ("closed", "Closed"),
    ]:
        assert (
            f'<span class="dlk-card__status dlk-card__status--{status}">{label}</span>'
            in html
        )


@pytest.mark.django_db
def test_empty_index_says_so(en_client, dialogue_index):
    response = en_client.get(dialogue_index.url)
    assert response.status_code == 200
    assert "There are no dialogues here yet." in response.content.decode()
    assert "0 dialogues found" in response.content.decode()


# -- Ordering ----------------------------------------------------------------


@pytest.mark.django_db
def test_open_first_closing_soonest_then_upcoming_then_closed(
    client, make_at, dialogue_index
):
    # Created in a scrambled order so that creation order cannot pass the test.
    make_at("Closed long ago", status="closed", days=60)
    make_at("Upcoming later", status="upcoming", days=30)
    make_at("Open closing later", status="open", days=20)
    make_at("Closed recently", status="closed", days=2)
    make_at("Upcoming soon", status="upcoming", days=3)
    make_at("Open closing soon", status="open", days=2)

    assert card_titles(client.get(dialogue_index.url)) == [
        "Open closing soon",
        "Open closing later",
        "Upcoming soon",
        "Upcoming later",
        "Closed recently",
        "Closed long ago",
    ]


@pytest.mark.django_db
def test_order_follows_the_clock(client, make_at, dialogue_index):
    make_at("First", status="open", days=2)
    make_at("Second", status="upcoming", days=5)
    assert card_titles(client.get(dialogue_index.url)) == ["First", "Second"]
    # Ten days on, the first has closed and the second is open.
    with time_machine.travel(NOW + timedelta(days=10), tick=False):
        assert card_titles(client.get(dialogue_index.url)) == ["Second", "First"]


# -- Filters -----------------------------------------------------------------


@pytest.fixture
def catalogue(make_at, level, body_factory):
    """Four dialogues that differ in every filtered property."""
    traffic, school = (Topic.objects.create(name=n) for n in ["Traffic", "School"])
    centre, north = (Area.objects.create(name=n) for n in ["Centre", "North"])
    young, old = (TargetGroup.objects.create(name=n) for n in ["Young", "Old"])
    planning = body_factory(name="Planning committee")
    education = body_factory(name="Education committee")
    make_at(
        "Cycle paths",
        status="open",
        days=3,
        topics=[traffic],
        areas=[centre],
        responsible_body=planning,
        influence_level=level("Konsultation"),
        target_groups=[young],
    )
    make_at(
        "Schoolyard",
        status="open",
        days=9,
        topics=[school],
        areas=[north],
        responsible_body=education,
        influence_level=level("Dialog"),
        target_groups=[young],
    )
    make_at(
        "Bus lines",
        status="upcoming",
        topics=[traffic],
        areas=[north],
        responsible_body=planning,
        influence_level=level("Dialog"),
        target_groups=[old],
    )
    make_at(
        "Park",
        status="closed",
        areas=[centre],
        responsible_body=education,
        influence_level=level("Konsultation"),
        target_groups=[old],
    )


def filter_params(level_of, **named):
    """Turn {"topic": "Traffic"} into {"topic": <its id>}."""
    models = {
        "topic": Topic,
        "area": Area,
        "body": Body,
        "target_group": TargetGroup,
    }
    params = {}
    for name, value in named.items():
        if name == "level":
            params[name] = level_of(value).pk
        elif name in models:
            params[name] = models[name].objects.get(name=value).pk
        else:
            params[name] = value
    return params


ALL = {"Cycle paths", "Schoolyard", "Bus lines", "Park"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ALL),
        ({"status": "open"}, {"Cycle paths", "Schoolyard"}),
        ({"status": "upcoming"}, {"Bus lines"}),
        ({"status": "closed"}, {"Park"}),
        ({"topic": "Traffic"}, {"Cycle paths", "Bus lines"}),
        ({"area": "North"}, {"Schoolyard", "Bus lines"}),
        ({"body": "Education committee"}, {"Schoolyard", "Park"}),
        ({"level": "Dialog"}, {"Schoolyard", "Bus lines"}),
        ({"target_group": "Old"}, {"Bus lines", "Park"}),
        ({"status": "open", "topic": "Traffic"}, {"Cycle paths"}),
        (
            {"area": "North", "level": "Dialog", "target_group": "Young"},
            {"Schoolyard"},
        ),
        ({"body": "Planning committee", "status": "closed"}, set()),
    ],
)
def test_filters_narrow_the_list(
    client, catalogue, dialogue_index, level, filters, expected
):
    response = client.get(dialogue_index.url, filter_params(level, **filters))
    titles = card_titles(response)
    assert set(titles) == expected
    assert len(titles) == len(expected)
    assert not response.context["filter_form"].errors


@pytest.mark.django_db
def test_no_match_says_so_and_offers_to_clear(
    en_client, catalogue, dialogue_index, level
):
    params = filter_params(level, body="Planning committee", status="closed")
    html = en_client.get(dialogue_index.url, params).content.decode()
    assert "No dialogues match these filters." in html
    assert f'<a class="dlk-filters__clear" href="{dialogue_index.url}">' in html


@pytest.mark.django_db
def test_clear_link_only_when_something_is_filtered(client, catalogue, dialogue_index):
    assert "dlk-filters__clear" not in client.get(dialogue_index.url).content.decode()
    filtered = client.get(dialogue_index.url, {"status": "open"})
    assert "dlk-filters__clear" in filtered.content.decode()


@pytest.mark.django_db
def test_filter_form_is_labelled_and_keeps_the_chosen_values(
    en_client, catalogue, dialogue_index, level
):
    params = filter_params(level, status="open", topic="Traffic")
    response = en_client.get(dialogue_index.url, params)
    html = response.content.decode()
    assert f'action="{dialogue_index.url}"' in html
    assert 'method="get"' in html
    for name in ["status", "topic", "area", "body", "level", "target_group"]:
        assert f'<label for="dlk-filter-{name}">' in html
        assert f'id="dlk-filter-{name}"' in html
    assert '<option value="open" selected>Open</option>' in html
    assert f'<option value="{params["topic"]}" selected>Traffic</option>' in html
    assert '<button type="submit" class="dlk-filters__submit">' in html


@pytest.mark.django_db
def test_choices_are_only_those_used_by_listed_dialogues(
    client, catalogue, dialogue_index
):
    Topic.objects.create(name="Unused topic")
    form = client.get(dialogue_index.url).context["filter_form"]
    topics = [choice for _, choice in form.fields["topic"].choices][1:]
    assert [str(t) for t in topics] == ["School", "Traffic"]
    # The ladder is always offered whole and in order.
    levels = [str(choice) for _, choice in form.fields["level"].choices][1:]
    assert levels == [
        "Information",
        "Konsultation",
        "Dialog",
        "Inflytande",
        "Medbestämmande",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "bad",
    [
        {"status": "nonsense"},
        {"topic": "999999"},
        {"topic": "abc"},
        {"area": "-1"},
        {"body": "1.5"},
        {"level": "' OR 1=1 --"},
        {"target_group": "\x00"},
        {"topic": "ä" * 500},
    ],
)
def test_bad_filter_values_are_ignored_with_a_polite_message(
    en_client, catalogue, dialogue_index, bad
):
    response = en_client.get(dialogue_index.url, bad)
    assert set(card_titles(response)) == ALL
    (field,) = bad
    html = response.content.decode()
    error = f'<p class="dlk-filters__error" id="dlk-filter-{field}-error">[^<]+</p>'
    assert re.search(error, html)
    assert f'aria-describedby="dlk-filter-{field}-error"' in html
    assert f'<a href="#dlk-filter-{field}">' in html


@pytest.mark.django_db
def test_a_stale_choice_is_explained_in_plain_words(
    en_client, catalogue, dialogue_index
):
    html = en_client.get(dialogue_index.url, {"topic": "999999"}).content.decode()
    assert (
        '<p class="dlk-filters__error" id="dlk-filter-topic-error">'
        "We could not find that choice, so this filter is not applied.</p>"
    ) in html
    assert "Some filters could not be applied" in html


@pytest.mark.django_db
def test_a_bad_filter_does_not_cancel_the_good_ones(
    client, catalogue, dialogue_index, level
):
    params = filter_params(level, status="open", topic="Traffic")
    params["area"] = "nonsense"
    response = client.get(dialogue_index.url, params)
    assert card_titles(response) == ["Cycle paths"]
    assert list(response.context["filter_form"].errors) == ["area"]


@pytest.mark.django_db
def test_a_topic_used_only_elsewhere_is_not_a_valid_filter(
    client, catalogue, dialogue_index, make_at
):
    lonely = Topic.objects.create(name="Lonely")
    make_at("Unpublished", topics=[lonely]).unpublish()
    response = client.get(dialogue_index.url, {"topic": lonely.pk})
    assert set(card_titles(response)) == ALL
    assert "topic" in response.context["filter_form"].errors


# -- Pagination --------------------------------------------------------------


def per_page(n):
    return override_settings(
        WAGTAIL_DELAKTIGHET={**settings.WAGTAIL_DELAKTIGHET, "DIALOGUES_PER_PAGE": n}
    )


@pytest.fixture
def five_open(make_at):
    """Five open dialogues; "Open 1" closes first, so it is listed first."""
    topic = Topic.objects.create(name="Traffic")
    for n in range(1, 6):
        make_at(f"Open {n}", status="open", days=n, topics=[topic])
    make_at("Untagged", status="closed")
    return topic


@pytest.mark.django_db
def test_pages_split_the_ordered_list(en_client, five_open, dialogue_index):
    with per_page(2):
        first = en_client.get(dialogue_index.url)
        second = en_client.get(dialogue_index.url, {"page": 2})
        last = en_client.get(dialogue_index.url, {"page": 3})
    assert card_titles(first) == ["Open 1", "Open 2"]
    assert card_titles(second) == ["Open 3", "Open 4"]
    assert card_titles(last) == ["Open 5", "Untagged"]
    assert "6 dialogues found" in second.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "page, expected",
    [
        ("garbage", ["Open 1", "Open 2"]),
        ("", ["Open 1", "Open 2"]),
        ("999", ["Open 5", "Untagged"]),
        ("0", ["Open 5", "Untagged"]),
        ("-3", ["Open 5", "Untagged"]),
        ("2.5", ["Open 1", "Open 2"]),
    ],
)
def test_bad_page_numbers_never_fail(client, five_open, dialogue_index, page, expected):
    with per_page(2):
        response = client.get(dialogue_index.url, {"page": page})
    assert card_titles(response) == expected


@pytest.mark.django_db
def test_pagination_links_keep_the_filters_and_mark_the_current_page(
    en_client, five_open, dialogue_index
):
    with per_page(2):
        response = en_client.get(
            dialogue_index.url,
            {"topic": five_open.pk, "status": "open", "area": "junk", "page": 2},
        )
    html = response.content.decode()
    assert card_titles(response) == ["Open 3", "Open 4"]
    assert "5 dialogues found" in html
    nav = re.search(r'<nav class="dlk-pagination"[^>]*>.*?</nav>', html, re.S)
    assert nav, "no pagination nav"
    nav = nav.group(0)
    assert 'aria-label="Pages of dialogues"' in nav
    hrefs = re.findall(r'href="([^"]+)"', nav)
    # Filters the form accepted are kept; the bad one is dropped.
    query = f"status=open&amp;topic={five_open.pk}"
    assert f"?{query}&amp;page=1" in hrefs
    assert f"?{query}&amp;page=3" in hrefs
    assert all(href.startswith(f"?{query}&amp;page=") for href in hrefs)
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>(.*?)</a>', nav, re.S)
    assert len(current) == 1
    assert current[0].endswith("2")
    assert 'rel="prev"' in nav and 'rel="next"' in nav


@pytest.mark.django_db
def test_no_pagination_when_everything_fits(client, five_open, dialogue_index):
    html = client.get(dialogue_index.url).content.decode()
    assert len(CARD_TITLE.findall(html)) == 6
    assert "dlk-pagination" not in html


@pytest.mark.django_db
def test_following_a_pagination_link_gives_the_next_page(
    client, five_open, dialogue_index
):
    with per_page(2):
        html = client.get(dialogue_index.url, {"topic": five_open.pk}).content.decode()
        next_href = re.search(r'rel="next" href="([^"]+)"', html).group(1)
        response = client.get(dialogue_index.url + next_href.replace("&amp;", "&"))
    assert card_titles(response) == ["Open 3", "Open 4"]


# -- Feedback on the cards (P6) ---------------------------------------------


def card_of(html, title):
    """The HTML of the card titled ``title``."""
    for card in re.findall(r'<article class="dlk-card">.*?</article>', html, re.S):
        if f">{title}</a></h3>" in card:
            return card
    raise AssertionError(f"no card titled {title!r}")


def text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.django_db
def test_a_card_with_final_feedback_shows_its_summary_and_a_named_link(
    en_client, make_at, dialogue_index
):
    page = make_at("Park", status="closed")
    feedback = make_feedback(page, summary="We are building a new playground.")
    card = card_of(en_client.get(dialogue_index.url).content.decode(), "Park")

    assert (
        '<span class="dlk-card__status dlk-card__status--feedback_published">'
        "Feedback published</span>"
    ) in card
    assert (
        '<p class="dlk-card__feedback-summary">We are building a new playground.</p>'
    ) in card
    link = re.search(
        r'<a class="dlk-card__feedback-link" href="([^"]+)">(.*?)</a>', card
    )
    assert link.group(1) == feedback.url
    # Visible words first, then hidden ones naming the dialogue: the link
    # makes sense read alone.
    assert text(link.group(2)) == "Read the feedback on the dialogue “Park”"
    assert link.group(2).startswith("Read the feedback<span class=")
    assert '<span class="dlk-visually-hidden">' in link.group(2)
    assert "Feedback is late" not in card
    assert "Feedback promised by" not in card


@pytest.mark.django_db
@pytest.mark.parametrize(
    "feedback",
    [
        pytest.param({"kind": FeedbackKind.INTERIM}, id="interim"),
        pytest.param({"live": False}, id="draft"),
    ],
)
def test_interim_or_draft_feedback_is_not_shown_on_the_card(
    en_client, make_at, dialogue_index, feedback
):
    page = make_at("Park", status="closed")
    make_feedback(page, summary="Not yet the final word.", **feedback)
    card = card_of(en_client.get(dialogue_index.url).content.decode(), "Park")

    assert "dlk-card__status--closed" in card
    assert "Not yet the final word." not in card
    assert "dlk-card__feedback" not in card


@pytest.mark.django_db
def test_a_closed_card_shows_the_promised_date_and_says_when_it_is_late(
    en_client, make_at, dialogue_index
):
    make_at("On time", status="closed", feedback_promised_on=NOW.date())
    make_at(
        "Late",
        status="closed",
        feedback_promised_on=NOW.date() - timedelta(days=1),
    )
    # Mistaken data the publish rules refuse today, shown all the same.
    make_at(
        "No promise", status="closed", feedback_promised_on=None, rules_checked=False
    )
    late_but_done = make_at(
        "Done",
        status="closed",
        feedback_promised_on=NOW.date() - timedelta(days=9),
        rules_checked=False,
    )
    make_feedback(late_but_done)
    html = en_client.get(dialogue_index.url).content.decode()

    on_time = card_of(html, "On time")
    assert "Feedback promised by" in on_time
    assert '<time datetime="2026-03-02">' in on_time
    assert "Feedback is late" not in on_time
    assert "dlk-card__fact--late" not in on_time

    late = card_of(html, "Late")
    assert '<time datetime="2026-03-01">' in late
    assert '<strong class="dlk-card__late">Feedback is late</strong>' in late
    assert "dlk-card__fact--late" in late

    assert "Feedback promised by" not in card_of(html, "No promise")
    assert "Feedback is late" not in card_of(html, "Done")


@pytest.mark.django_db
def test_an_open_dialogue_is_never_late(en_client, make_at, dialogue_index):
    make_at(
        "Open",
        status="open",
        feedback_promised_on=NOW.date() - timedelta(days=3),
        rules_checked=False,
    )
    card = card_of(en_client.get(dialogue_index.url).content.decode(), "Open")
    assert "Feedback is late" not in card
    assert "Feedback promised by" not in card


@pytest.fixture
def feedback_catalogue(make_at):
    """Closed with and without final feedback, and open with feedback
    published early (which stays open: the dates decide)."""
    make_feedback(make_at("Park", status="closed", days=5))
    make_at("Pool", status="closed", days=3)
    make_feedback(
        make_at("Library", status="closed", days=8), kind=FeedbackKind.INTERIM
    )
    make_feedback(make_at("Cycle paths", status="open"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "status, expected",
    [
        ("feedback_published", ["Park"]),
        ("closed", ["Pool", "Library"]),
        ("open", ["Cycle paths"]),
        ("", ["Cycle paths", "Pool", "Park", "Library"]),
    ],
)
def test_filtering_on_feedback_published(
    en_client, feedback_catalogue, dialogue_index, status, expected
):
    response = en_client.get(dialogue_index.url, {"status": status})
    assert card_titles(response) == expected
    assert not response.context["filter_form"].errors
    html = response.content.decode()
    selected = " selected" if status == "feedback_published" else ""
    assert (
        f'<option value="feedback_published"{selected}>Feedback published</option>'
        in html
    )


@pytest.mark.django_db
def test_the_rss_feed_still_lists_dialogues_not_their_feedback(
    client, feedback_catalogue, dialogue_index
):
    response = client.get(dialogue_index.url + dialogue_index.reverse_subpage("rss"))
    assert response.status_code == 200
    titles = re.findall(r"<item><title>([^<]+)</title>", response.content.decode())
    assert sorted(titles) == ["Cycle paths", "Library", "Park", "Pool"]


# -- Query count -------------------------------------------------------------


#: Enough dialogues to fill more than one page of the index (12 cards).
MORE_THAN_A_PAGE = 13


def count_queries(client, url):
    client.get(url)  # warm caches that live longer than one request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
def test_query_count_does_not_grow_with_the_number_of_dialogues(
    client, make_dialogue, dialogue_index, level, body_factory
):
    areas = [Area.objects.create(name=f"Area {n}") for n in range(3)]
    levels = [level("Konsultation"), level("Dialog"), level("Inflytande")]

    def add(n):
        for i in range(n):
            make_dialogue(
                influence_level=levels[i % 3],
                responsible_body=body_factory(name=f"Body {i % 4}"),
                areas=areas[: 1 + i % 3],
            )

    add(3)
    few, response = count_queries(client, dialogue_index.url)
    assert len(CARD_TITLE.findall(response.content.decode())) == 3

    add(MORE_THAN_A_PAGE - 3)
    many, response = count_queries(client, dialogue_index.url)
    assert len(CARD_TITLE.findall(response.content.decode())) == 12

    assert few == many


#: The table a query reads first, as any supported database quotes it.
FIRST_TABLE = re.compile(r"""\bFROM [`"]?(\w+)""")
#: The index of a few dialogues with areas, bodies and levels, unfiltered:
#: Wagtail's site, routing and view restrictions (6), the site's menu (1),
#: then the page of dialogues with their areas' ids (1); the ladder and the
#: filters' choices (the areas among them) come from the cache
#: (views/index_cache.py, models/influence.py) ...
INDEX_QUERIES = 8
#: ... or, once after a change, from the database (2 more).
INDEX_QUERIES_AFTER_A_CHANGE = 10


def first_tables(queries):
    return [
        match.group(1)
        for query in queries.captured_queries
        if (match := FIRST_TABLE.search(query["sql"]))
    ]


@pytest.mark.django_db
def test_filter_choices_and_badges_share_their_queries(
    client, make_dialogue, dialogue_index, level, body_factory
):
    topic = Topic.objects.create(name="Parker")
    group = TargetGroup.objects.create(name="Unga")
    levels = [level("Konsultation"), level("Dialog")]
    for i in range(4):
        make_dialogue(
            influence_level=levels[i % 2],
            responsible_body=body_factory(name=f"Body {i % 2}"),
            areas=[Area.objects.get_or_create(name=f"Area {i % 3}")[0]],
            topics=[topic],
            target_groups=[group],
        )
    client.get(dialogue_index.url)  # warm caches that live longer than one request
    with CaptureQueriesContext(connection) as queries:
        response = client.get(dialogue_index.url)
    assert response.status_code == 200
    assert len(queries) == INDEX_QUERIES, [q["sql"] for q in queries]
    tables = first_tables(queries)
    for table in ("influencelevel", "topic", "targetgroup", "body"):
        assert f"wagtail_delaktighet_{table}" not in tables, tables
    cached_html = response.content

    # As after a change: the ladder and the choices from the database.
    content_generation.renew()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(dialogue_index.url)
    assert response.content == cached_html
    assert len(queries) == INDEX_QUERIES_AFTER_A_CHANGE, [q["sql"] for q in queries]
    tables = first_tables(queries)
    # The ladder once, for the level filter and every card's badge.
    assert tables.count("wagtail_delaktighet_influencelevel") == 1, tables
    # Topics, areas, bodies and target groups to choose from: one query;
    # the cards' bodies come from it too.
    assert tables.count("wagtail_delaktighet_topic") == 1, tables
    for table in ("targetgroup", "body"):
        assert f"wagtail_delaktighet_{table}" not in tables, tables
    # Privacy is part of the queries that list: no query of its own for
    # every view restriction (Wagtail's check of the index's own is one).
    assert tables.count("wagtailcore_pageviewrestriction") == 1, tables
    soup = BeautifulSoup(response.content, "html.parser")
    options = {
        select["name"]: [option.get_text() for option in select.find_all("option")]
        for select in soup.select("form.dlk-filters__form select")
    }
    assert options["topic"][1:] == ["Parker"]
    assert options["area"][1:] == ["Area 0", "Area 1", "Area 2"]
    assert options["body"][1:] == ["Body 0", "Body 1"]
    assert options["target_group"][1:] == ["Unga"]
    assert len(options["level"]) == 1 + InfluenceLevel.objects.count()


def add_closed_dialogues(make_at, n, *, with_feedback):
    for i in range(n):
        page = make_at(f"Closed {i}", status="closed", days=i + 1)
        if with_feedback:
            make_feedback(page, kind=FeedbackKind.FINAL)
            make_feedback(page, kind=FeedbackKind.INTERIM)


@pytest.mark.django_db
def test_query_count_with_feedback_does_not_grow_with_the_number_of_dialogues(
    client, make_at, dialogue_index
):
    add_closed_dialogues(make_at, 3, with_feedback=True)
    few, response = count_queries(client, dialogue_index.url)
    assert response.content.decode().count('class="dlk-card__feedback-link"') == 3

    for i in range(MORE_THAN_A_PAGE - 3):
        make_feedback(make_at(f"More {i}", status="closed", days=i + 40))
    many, response = count_queries(client, dialogue_index.url)
    assert response.content.decode().count('class="dlk-card__feedback-link"') == 12

    assert few == many


@pytest.mark.django_db
def test_final_feedback_costs_one_query_for_the_whole_page(
    client, make_at, dialogue_index
):
    add_closed_dialogues(make_at, 4, with_feedback=False)
    without, _ = count_queries(client, dialogue_index.url)

    for page in dialogue_index.get_children().specific():
        make_feedback(page)
    with_feedback, response = count_queries(client, dialogue_index.url)
    assert response.content.decode().count('class="dlk-card__feedback-link"') == 4

    assert with_feedback == without + 1


@pytest.mark.django_db
def test_filtered_query_count_does_not_grow_with_the_number_of_dialogues(
    client, make_at, dialogue_index, level, body_factory
):
    topic = Topic.objects.create(name="Parker")
    area = Area.objects.create(name="Centrum")
    group = TargetGroup.objects.create(name="Unga")
    body = body_factory()
    values = {
        "status": "closed",
        "topic": topic.pk,
        "area": area.pk,
        "body": body.pk,
        "level": level("Konsultation").pk,
        "target_group": group.pk,
    }
    # Unfiltered, and filtered on each filter in turn.
    urls = [dialogue_index.url] + [
        f"{dialogue_index.url}?{name}={value}" for name, value in values.items()
    ]

    def add(n, start):
        for i in range(start, start + n):
            make_at(
                f"Dialog {i}",
                status="closed",
                days=i + 1,
                topics=[topic],
                areas=[area],
                target_groups=[group],
            )

    def count_each(cards):
        counts = {}
        for url in urls:
            counts[url], response = count_queries(client, url)
            assert len(CARD_TITLE.findall(response.content.decode())) == cards, url
        return counts

    add(3, 0)
    few = count_each(cards=3)
    add(MORE_THAN_A_PAGE - 3, 3)
    many = count_each(cards=12)

    assert few == many


@pytest.mark.django_db
def test_a_filter_costs_no_query_of_its_own(client, make_at, dialogue_index, level):
    # The id asked for is checked against the choices already read, not
    # looked up in the database again.
    topic = Topic.objects.create(name="Parker")
    area = Area.objects.create(name="Centrum")
    group = TargetGroup.objects.create(name="Unga")
    konsultation = level("Konsultation")
    for i in range(3):
        make_at(
            f"Dialog {i}",
            days=i + 1,
            topics=[topic],
            areas=[area],
            target_groups=[group],
            influence_level=konsultation,
        )
    body = dialogue_index.get_children().specific().first().responsible_body
    unfiltered, _ = count_queries(client, dialogue_index.url)
    every_filter = (
        f"?status=open&topic={topic.pk}&area={area.pk}&body={body.pk}"
        f"&level={konsultation.pk}&target_group={group.pk}"
    )
    filtered, response = count_queries(client, dialogue_index.url + every_filter)
    assert not response.context["filter_form"].errors
    assert len(CARD_TITLE.findall(response.content.decode())) == 3
    assert filtered == unfiltered


@pytest.mark.django_db
def test_a_choice_no_listed_dialogue_uses_is_not_applied(
    en_client, make_at, make_dialogue, dialogue_index
):
    used = Topic.objects.create(name="Used")
    unused = Topic.objects.create(name="Unused")
    private_only = Topic.objects.create(name="Private only")
    make_at("Listed", topics=[used])
    private = make_dialogue(title="Private", topics=[private_only])
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    for topic in (unused, private_only):
        response = en_client.get(dialogue_index.url, {"topic": topic.pk})
        assert card_titles(response) == ["Listed"]
        assert response.context["filter_form"].errors
    response = en_client.get(dialogue_index.url, {"topic": used.pk})
    assert card_titles(response) == ["Listed"]
    assert not response.context["filter_form"].errors


@pytest.mark.django_db
def test_an_index_whose_section_is_private_lists_nothing(
    client, editor, make_dialogue, dialogue_index, home_page
):
    # As Wagtail's ``public()``: below a restricted page nothing is public,
    # even to a visitor who may see the index itself.
    make_dialogue(title="Below a restriction", topics=[Topic.objects.create(name="T")])
    client.force_login(editor)
    assert card_titles(client.get(dialogue_index.url)) == ["Below a restriction"]
    for restricted in (dialogue_index, home_page):
        restriction = PageViewRestriction.objects.create(
            page=restricted, restriction_type=PageViewRestriction.LOGIN
        )
        response = client.get(dialogue_index.url)
        assert card_titles(response) == []
        # No choices either: only "All topics".
        assert len(response.context["filter_form"].fields["topic"].choices) == 1
        restriction.delete()


@pytest.mark.django_db
def test_indexes_at_different_depths_list_their_own_dialogues(
    client, make_dialogue, dialogue_index, home_page
):
    # The index's queries are built once and run with each index's values.
    section = home_page.add_child(instance=DialogueIndexPage(title="S", slug="s"))
    deeper = DialogueIndexPage(title="Deeper dialogues", slug="deeper")
    section.add_child(instance=deeper)
    make_dialogue(title="Top", topics=[Topic.objects.create(name="Top topic")])
    make_dialogue(
        title="Deep",
        parent=deeper,
        topics=[Topic.objects.create(name="Deep topic")],
    )
    for _round in range(2):
        for index, title in ((dialogue_index, "Top"), (deeper, "Deep")):
            response = client.get(index.url)
            assert card_titles(response) == [title]
            topics = response.context["filter_form"].fields["topic"].choices
            assert [label for _, label in topics][1:] == [f"{title} topic"]


@pytest.mark.django_db
def test_the_index_and_a_dialogue_run_their_prepared_sql_on_this_database(
    client, make_at, dialogue_index, level
):
    # Each query is built once with stand-in values (prepared_sql.py); if the
    # ORM wrote a stand-in so that it is not found, the index (and the
    # dialogue page's snippets) would still be right but build their queries
    # for every request: this says they do not.
    from wagtail_delaktighet import prepared_sql
    from wagtail_delaktighet.views import index_results

    topic = Topic.objects.create(name="Parker")
    open_dialogue = make_at("Open", topics=[topic])
    assert client.get(open_dialogue.url).status_code == 200
    make_at("Closed", status="closed")
    queries = [
        {},
        {"status": "closed"},
        {"status": "feedback_published"},
        {"status": "upcoming", "level": level("Dialog").pk},
        {"topic": topic.pk, "page": "2"},
    ]
    for query in queries:
        assert client.get(dialogue_index.url, query).status_code == 200
    alias = connection.alias
    prepared = {
        key: entry
        for key, entry in prepared_sql._prepared.items()
        if key[0] == alias and key[1] == connection.vendor
    }
    shapes = {key[2] for key in prepared}
    assert ("index-choices",) in shapes
    assert ("index-listed", "feedback_published", ()) in shapes
    assert ("index-listed", "upcoming", ("level",)) in shapes
    # The page's whole rows are read in the same query, joined to the ids.
    assert not any(shape[0] == "index-results" for shape in shapes), shapes
    assert index_results.outer_sql(alias) is not None
    assert any(shape[0] == "dialogue-facets" for shape in shapes), shapes
    assert all(entry is not None for entry in prepared.values()), prepared


@pytest.mark.django_db
def test_an_index_that_lists_nothing_reads_no_choices(
    en_client, make_at, dialogue_index, level
):
    def topic_queries(query):
        with CaptureQueriesContext(connection) as queries:
            response = en_client.get(dialogue_index.url, query)
        assert response.status_code == 200
        reads = [q for q in queries if "wagtail_delaktighet_topic" in q["sql"]]
        return len(reads), response

    assert topic_queries({})[0] == 0
    make_at("Closed", status="closed", topics=[Topic.objects.create(name="Parker")])
    # Filtered to nothing, the choices are still those of what is listed.
    for query in ({"status": "open"}, {"level": level("Dialog").pk}, {}):
        content_generation.renew()  # not read from the cache
        reads, response = topic_queries(query)
        assert reads == 1
        options = response.context["filter_form"].fields["topic"].choices
        assert [label for _, label in options] == ["All topics", "Parker"]
