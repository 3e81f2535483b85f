"""Lists across the site show a dialogue in several languages once: the
public plan and register in the reader's (the list page's) language where
the dialogue is translated, the coordinators' plan and the reports as the
consultation page."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from wagtail_delaktighet.models import DialoguePlanPage, InvolvementRegisterPage
from wagtail_delaktighet.reports.period import dialogues_in

from .support import browser, english, translate_with_core

pytestmark = pytest.mark.django_db


@pytest.fixture
def park_in_two_languages(translations_on, consultation_dialogue):
    """(Swedish dialogue page, its English translation) with titles of
    their own."""
    swedish = consultation_dialogue(title="Parken").page
    translated = translate_with_core(swedish).page
    translated.title = "The park"
    translated.save_revision().publish()
    return swedish, translated


def list_page_in_both(page_class, home_page, **fields):
    swedish = page_class(**fields)
    home_page.add_child(instance=swedish)
    translated = swedish.copy_for_translation(english(), copy_parents=True)
    translated.save_revision().publish()
    return swedish, translated.specific


def plan_titles(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [th.get_text(strip=True) for th in soup.select("tbody th")]


def listing_titles(response):
    """The first cell of each row of an admin listing: the dialogue's title."""
    soup = BeautifulSoup(response.content, "html.parser")
    rows = soup.select("table.listing tbody tr")
    return [row.find("td").get_text(" ", strip=True) for row in rows]


def register_links(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in soup.select("article a")]


def test_the_public_plan_shows_a_dialogue_once_in_its_own_language(
    park_in_two_languages, home_page
):
    swedish, translated = park_in_two_languages
    plan_sv, plan_en = list_page_in_both(
        DialoguePlanPage, home_page, title="Dialogplan", slug="plan"
    )

    assert plan_titles(browser("sv").get(plan_sv.url)) == ["Parken"]
    assert plan_titles(browser("en").get(plan_en.url)) == ["The park"]


def test_the_plan_calendar_has_one_event_per_dialogue(park_in_two_languages, home_page):
    swedish, translated = park_in_two_languages
    _plan_sv, plan_en = list_page_in_both(
        DialoguePlanPage, home_page, title="Dialogplan", slug="plan"
    )

    response = browser("en").get(plan_en.url + "calendar/")

    calendar = Calendar.from_ical(response.content)
    events = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert len(events) == 1
    assert events[0].startswith("The park")


def test_the_register_links_the_dialogue_once_in_the_readers_language(
    park_in_two_languages, home_page
):
    swedish, translated = park_in_two_languages
    register_sv, register_en = list_page_in_both(
        InvolvementRegisterPage, home_page, title="Register", slug="register"
    )

    swedish_links = register_links(browser("sv").get(register_sv.url))
    english_links = register_links(browser("en").get(register_en.url))

    assert swedish_links == [("Parken", swedish.url)]
    assert english_links == [("The park", translated.url)]


def test_the_coordinators_plan_and_reports_count_the_consultation_once(
    park_in_two_languages, admin
):
    swedish, _translated = park_in_two_languages
    today = timezone.localdate()

    plan = admin.get(reverse("wagtail_delaktighet_admin:dialogue_plan"))
    report = admin.get(reverse("wagtail_delaktighet_admin:dialogues_report"))
    calendar = admin.get(reverse("wagtail_delaktighet_admin:dialogue_plan_calendar"))

    assert [title.split()[0] for title in listing_titles(plan)] == ["Parken"]
    assert [title.split()[0] for title in listing_titles(report)] == ["Parken"]
    events = Calendar.from_ical(calendar.content).walk("VEVENT")
    assert [str(event["summary"]).split(" – ")[0] for event in events] == ["Parken"]
    reported = dialogues_in(today - timedelta(days=30), today + timedelta(days=30))
    assert [dialogue.pk for dialogue in reported] == [swedish.pk]
