"""The index's RSS feed, parsed as XML (P1, docs/explanation/principles.md)."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from wagtail.models import PageViewRestriction

from wagtail_delaktighet.models import DialogueIndexPage, Topic

START = datetime(2026, 1, 10, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def rss_url(index_page):
    return index_page.url + index_page.reverse_subpage("rss")


def fetch_feed(client, index_page):
    response = client.get(rss_url(index_page))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    # The feed the package just rendered, not untrusted input.
    return ET.fromstring(response.content).find("channel")  # noqa: S314


def published_on(make_dialogue, when, **fields):
    """Publish a dialogue with the clock at ``when`` (its first_published_at)."""
    with time_machine.travel(when, tick=False):
        return make_dialogue(
            opens_at=when - timedelta(days=1),
            closes_at=when + timedelta(days=14),
            feedback_promised_on=(when + timedelta(days=60)).date(),
            **fields,
        )


@pytest.mark.django_db
def test_feed_lists_dialogues_newest_first_with_title_link_description_and_date(
    client, make_dialogue, dialogue_index
):
    oldest = published_on(
        make_dialogue, START, title="Oldest", summary="The oldest one."
    )
    newest = published_on(
        make_dialogue, START + timedelta(days=20), title="Newest", summary=""
    )
    middle = published_on(
        make_dialogue, START + timedelta(days=5), title="Middle", summary="In between."
    )

    channel = fetch_feed(client, dialogue_index)
    assert channel.findtext("title") == dialogue_index.title
    assert channel.findtext("link") == "http://testserver" + dialogue_index.url

    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == ["Newest", "Middle", "Oldest"]
    assert [item.findtext("link") for item in items] == [
        "http://testserver" + page.url for page in (newest, middle, oldest)
    ]
    # The summary, or the purpose where there is no summary.
    assert [item.findtext("description") for item in items] == [
        newest.purpose,
        "In between.",
        "The oldest one.",
    ]
    assert [parsedate_to_datetime(item.findtext("pubDate")) for item in items] == [
        newest.first_published_at,
        middle.first_published_at,
        oldest.first_published_at,
    ]


@pytest.mark.django_db
def test_feed_items_carry_their_topics_as_categories(
    client, make_dialogue, dialogue_index
):
    make_dialogue(
        topics=[
            Topic.objects.create(name="Traffic"),
            Topic.objects.create(name="Parks"),
        ]
    )
    (item,) = fetch_feed(client, dialogue_index).findall("item")
    assert sorted(c.text for c in item.findall("category")) == ["Parks", "Traffic"]


@pytest.mark.django_db
def test_feed_leaves_out_unpublished_private_and_other_indexes_dialogues(
    client, make_dialogue, dialogue_index, home_page
):
    make_dialogue(title="Listed")
    make_dialogue(title="Withdrawn").unpublish()
    private = make_dialogue(title="Private")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    other = DialogueIndexPage(title="Other", slug="other")
    home_page.add_child(instance=other)
    make_dialogue(title="Elsewhere", parent=other)

    items = fetch_feed(client, dialogue_index).findall("item")
    assert [item.findtext("title") for item in items] == ["Listed"]
    other_items = fetch_feed(client, other).findall("item")
    assert [item.findtext("title") for item in other_items] == ["Elsewhere"]


@pytest.mark.django_db
def test_empty_feed_is_valid(client, dialogue_index):
    channel = fetch_feed(client, dialogue_index)
    assert channel.findall("item") == []
    assert channel.findtext("description")


@pytest.mark.django_db
def test_index_links_visibly_to_the_rss_and_calendar_feeds(
    make_dialogue, dialogue_index
):
    make_dialogue()
    client = Client(headers={"accept-language": "en"})
    html = client.get(dialogue_index.url).content.decode()
    rss = rss_url(dialogue_index)
    ics = dialogue_index.url + dialogue_index.reverse_subpage("activities_ical")
    assert rss == "/dialoger/rss/"
    assert f'<a href="{rss}">New dialogues as an RSS feed</a>' in html
    assert (
        f'<a href="{ics}">Meetings and other activities as a calendar (iCalendar)</a>'
    ) in html
    # Feed readers also find it from the page's head.
    assert re.search(
        r'<link rel="alternate" type="application/rss\+xml" title="[^"]+" '
        rf'href="{rss}">',
        html,
    )
