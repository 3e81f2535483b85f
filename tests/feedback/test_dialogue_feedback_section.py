"""The feedback part of the dialogue page (P6): the final feedback's summary
and link, the interim reports, and a public notice when the promised
feedback is late, over real HTTP."""

from datetime import datetime, time, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.participation.support import text_of
from wagtail_delaktighet.blocks.form_cache import renew_generation
from wagtail_delaktighet.models.feedback import FeedbackKind

from .support import make_feedback


@pytest.fixture
def client():
    return Client(headers={"Accept-Language": "en"})


def feedback_section(client, dialogue):
    response = client.get(dialogue.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    heading = soup.find(id="dlk-dialogue-feedback-heading")
    return soup, heading.find_parent("section") if heading else None


@pytest.fixture
def closed_dialogue(make_dialogue):
    """Closed five days ago; feedback promised in a month."""
    now = timezone.now()

    def make(**fields):
        values = {
            "opens_at": now - timedelta(days=30),
            "closes_at": now - timedelta(days=5),
            "feedback_promised_on": (now + timedelta(days=30)).date(),
        }
        values.update(fields)
        return make_dialogue(**values)

    return make


def test_live_final_feedback_shows_its_summary_and_a_link(client, closed_dialogue):
    dialogue = closed_dialogue(
        feedback_promised_on=(timezone.now() - timedelta(days=1)).date()
    )
    final = make_feedback(
        dialogue, title="Så blev det", summary="Parken får en ny lekplats."
    )

    soup, section = feedback_section(client, dialogue)

    final_part = section.select_one(".dlk-dialogue-feedback__final")
    assert final_part.find("h3").get_text(strip=True) == "Så blev det"
    assert "Parken får en ny lekplats." in text_of(final_part)
    link = final_part.find("a", string="Read the feedback")
    assert link["href"] == final.url
    # The status says so, with the date it was published.
    status = text_of(soup.select_one(".dlk-status"))
    assert status.startswith("Feedback published")
    assert "The final feedback was published on" in status
    # The promise was kept, if late: no late notice any more.
    assert "Feedback is late" not in text_of(section)
    assert section.select_one(".dlk-notice--late") is None


def test_interim_reports_are_listed_with_links(client, closed_dialogue):
    dialogue = closed_dialogue()
    first = make_feedback(dialogue, kind=FeedbackKind.INTERIM, title="Halvvägs")
    second = make_feedback(dialogue, kind=FeedbackKind.INTERIM, title="Nästan klart")
    make_feedback(dialogue, kind=FeedbackKind.INTERIM, title="Utkast", live=False)
    private = make_feedback(dialogue, kind=FeedbackKind.INTERIM, title="Internt")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.LOGIN
    )

    _soup, section = feedback_section(client, dialogue)

    links = section.select(".dlk-dialogue-feedback__interim a")
    assert [(a.get_text(strip=True), a["href"]) for a in links] == [
        ("Halvvägs", first.url),
        ("Nästan klart", second.url),
    ]
    # No final feedback yet: the promise is still ahead.
    assert section.select_one(".dlk-dialogue-feedback__final") is None
    promise = text_of(section.select_one(".dlk-dialogue-feedback__promise"))
    assert promise.startswith("We have promised feedback by")
    assert section.select_one(".dlk-dialogue-feedback__promise time")["datetime"] == (
        dialogue.feedback_promised_on.isoformat()
    )


def test_late_feedback_is_said_publicly(client, closed_dialogue):
    promised = (timezone.now() - timedelta(days=3)).date()
    dialogue = closed_dialogue(feedback_promised_on=promised)
    # Interim feedback does not keep the promise of final feedback.
    make_feedback(dialogue, kind=FeedbackKind.INTERIM)
    # Nor does a draft of the final feedback.
    make_feedback(dialogue, live=False)

    soup, section = feedback_section(client, dialogue)

    notice = section.select_one(".dlk-notice--late")
    assert text_of(notice).startswith("Feedback is late — promised by")
    # Said in words, in bold, not by colour alone.
    assert notice.find("strong").get_text(strip=True) == "Feedback is late"
    assert notice.find("time")["datetime"] == promised.isoformat()
    assert section.select_one(".dlk-dialogue-feedback__promise") is None
    assert text_of(soup.select_one(".dlk-status")).startswith("Closed")


def test_the_notice_appears_the_day_after_the_promised_date(client, closed_dialogue):
    dialogue = closed_dialogue()
    promised = dialogue.feedback_promised_on

    noon = timezone.make_aware(datetime.combine(promised, time(12)))

    with time_machine.travel(noon, tick=False):
        _soup, on_the_day = feedback_section(client, dialogue)
    with time_machine.travel(noon + timedelta(days=1), tick=False):
        _soup, day_after = feedback_section(client, dialogue)

    assert on_the_day.select_one(".dlk-notice--late") is None
    assert on_the_day.select_one(".dlk-dialogue-feedback__promise") is not None
    assert day_after.select_one(".dlk-notice--late") is not None


def test_an_open_dialogue_without_feedback_has_no_feedback_section(
    client, make_dialogue
):
    _soup, section = feedback_section(client, make_dialogue())
    assert section is None


def test_the_feedback_pages_are_read_in_one_query(client, closed_dialogue):
    dialogue = closed_dialogue()
    for n in range(3):
        make_feedback(dialogue, kind=FeedbackKind.INTERIM, title=f"Rapport {n}")
    make_feedback(dialogue)
    client.get(dialogue.url)  # warm up what the first request caches
    renew_generation()  # but render the page afresh

    with CaptureQueriesContext(connection) as queries:
        response = client.get(dialogue.url)

    assert response.status_code == 200
    feedback_queries = [
        query["sql"]
        for query in queries.captured_queries
        if "wagtail_delaktighet_feedbackpage" in query["sql"]
    ]
    # One query lists them, and the status reuses its final feedback page:
    # no query per feedback page.
    assert len(feedback_queries) == 1, feedback_queries


def test_an_open_dialogue_reads_its_feedback_pages_once(client, make_dialogue):
    dialogue = make_dialogue()
    make_feedback(dialogue, kind=FeedbackKind.INTERIM, title="Halvvägs")
    client.get(dialogue.url)
    renew_generation()  # render the page afresh

    with CaptureQueriesContext(connection) as queries:
        _soup, section = feedback_section(client, dialogue)

    assert "Halvvägs" in text_of(section)
    feedback_queries = [
        query["sql"]
        for query in queries.captured_queries
        if "wagtail_delaktighet_feedbackpage" in query["sql"]
    ]
    assert len(feedback_queries) == 1, feedback_queries
