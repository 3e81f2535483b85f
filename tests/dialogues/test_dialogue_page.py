"""The public dialogue page, rendered through the test client from real data."""

import re
from datetime import date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.dialogues.dialogue_parts import add_parts, make_full_dialogue
from tests.participation.support import override_delaktighet
from wagtail_delaktighet.models import (
    Area,
    Body,
    Contact,
    DialogueContact,
    DialoguePage,
    DialoguePhase,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def client():
    # English source text, so the assertions hold whatever the translations say.
    return Client(headers={"Accept-Language": "en"})


def get_soup(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def section(soup, heading_text):
    heading = soup.find("h2", string=heading_text)
    assert heading is not None, f"no section headed {heading_text!r}"
    return heading.find_parent("section")


def text_of(element):
    return " ".join(element.get_text(" ").split())


@pytest.mark.django_db
def test_header_shows_title_badge_status_question_and_bodies(
    client, make_dialogue, body_factory
):
    page = make_full_dialogue(make_dialogue, body_factory, count=1)
    soup = get_soup(client, page)
    header = soup.find("header", class_="dlk-dialogue__header")

    assert header.h1.get_text(strip=True) == page.title
    assert "En kort sammanfattning." in text_of(header)
    assert header.find(class_="dlk-badge__name").get_text() == "Konsultation"
    status = header.find(class_="dlk-status")
    assert status.find(class_="dlk-status__label").get_text() == "Open"
    closes = status.find("time")
    assert closes["datetime"].startswith(
        page.closes_at.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")
    )
    assert "Hur vill du att Stadsparken ska se ut?" in text_of(header)
    facts = text_of(header.find("dl"))
    assert "Responsible Stadsbyggnadsnämnden" in facts
    assert "Coordinated with Kultur- och fritidsnämnden" in facts
    assert "Area Centrum" in facts
    assert "Topics Parker och grönområden" in facts


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("opens_in_days", "closes_in_days", "label", "sentence"),
    [
        (3, 10, "Upcoming", "You can take part from"),
        (-1, 10, "Open", "You can take part until"),
        (-10, -1, "Closed", "Participation closed on"),
    ],
)
def test_status_is_shown_as_text_with_its_date(
    client, make_dialogue, opens_in_days, closes_in_days, label, sentence
):
    now = datetime.now(tz=STOCKHOLM)
    page = make_dialogue(
        opens_at=now + timedelta(days=opens_in_days),
        closes_at=now + timedelta(days=closes_in_days),
        feedback_promised_on=(now + timedelta(days=60)).date(),
    )
    status = get_soup(client, page).find(class_="dlk-status")
    assert status.find(class_="dlk-status__label").get_text() == label
    assert sentence in text_of(status)
    assert status.find("time")["datetime"]


@pytest.mark.django_db
def test_purpose_and_influence_section(client, make_dialogue, body_factory):
    page = make_full_dialogue(make_dialogue, body_factory, count=1)
    purpose = section(get_soup(client, page), "Purpose and influence")
    text = text_of(purpose)

    for heading, content in [
        ("Why we hold this dialogue", "Att ta reda på vad invånarna behöver."),
        ("What you can influence", "Utformningen av platsen."),
        ("What you cannot influence", "Parkens storlek."),
        ("How your input is handled", "Tjänstepersoner sammanställer"),
        ("Who decides and when", "Kommunfullmäktige takes the decision."),
        ("Scope", "Community development."),
        ("Whom we especially want to hear from", "Unga 13–19 år"),
        ("Ways to take part", "Medborgarpanel"),
        ("Strategic goals the dialogue serves", "En grön kommun"),
    ]:
        assert purpose.find("h3", string=heading), heading
        assert content in text, content
    assert "På fullmäktiges möte i juni." in text
    assert "Material på lätt svenska." in text
    # Rich text arrives as HTML, not as escaped markup.
    assert purpose.find("p", string="Parkens storlek.")
    feedback = purpose.find(class_="dlk-purpose__feedback").find("time")
    assert feedback["datetime"] == page.feedback_promised_on.isoformat()


@pytest.mark.django_db
def test_optional_sections_are_left_out_when_empty(client, make_dialogue):
    page = make_dialogue()
    soup = get_soup(client, page)
    headings = [h.get_text(strip=True) for h in soup.find_all("h2")]
    # Following the dialogue is offered until its final feedback is out.
    assert headings == ["Purpose and influence", "Get feedback by email"]
    assert not soup.find("h3", string="What you cannot influence")
    assert not soup.find("h3", string="Who decides and when")


@pytest.mark.django_db
def test_body_stream_field_is_rendered(client, make_dialogue, body_factory):
    page = make_full_dialogue(make_dialogue, body_factory, count=1)
    body = get_soup(client, page).find(class_="dlk-dialogue__body")
    assert body.find("h2", string="Bakgrund")
    assert body.find("p", string="Parken behöver rustas upp.")
    quote = body.find("figure", class_="dlk-quote")
    assert text_of(quote.blockquote) == "Fler bänkar, tack!"
    assert quote.figcaption.get_text() == "En boende"


@pytest.mark.django_db
def test_headings_do_not_skip_levels(client, make_dialogue, body_factory):
    page = make_full_dialogue(make_dialogue, body_factory, count=2)
    main = get_soup(client, page).find("main")
    levels = [int(h.name[1]) for h in main.find_all(["h1", "h2", "h3", "h4"])]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in pairwise(levels))


def phase(kind, title, starts_on, ends_on=None):
    return DialoguePhase(kind=kind, title=title, starts_on=starts_on, ends_on=ends_on)


def publish_phases(page, phases):
    page.phases = phases
    page.save_revision().publish()
    return page


@pytest.fixture
def timeline_dialogue(make_dialogue):
    kind = DialoguePhase.Kind
    page = make_dialogue()
    return publish_phases(
        page,
        [
            # Out of order on purpose: the timeline is chronological.
            phase(kind.ANALYSIS, "Analys", date(2026, 3, 1), date(2026, 3, 31)),
            phase(kind.PLANNING, "Planering", date(2026, 1, 1), date(2026, 1, 31)),
            phase(kind.PARTICIPATION, "Dialog", date(2026, 2, 1), date(2026, 2, 28)),
            phase(kind.DECISION, "Beslut", date(2026, 4, 15)),
        ],
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("today", "current"),
    [
        (date(2026, 2, 10), "Dialog"),  # inside a phase's dates
        (date(2026, 2, 28), "Dialog"),  # its last day still counts
        (date(2026, 4, 20), "Beslut"),  # latest started phase, with no end
        (date(2026, 4, 5), None),  # between phases: nothing is under way
        (date(2025, 12, 1), None),  # before the timeline starts
    ],
)
def test_current_phase_is_marked(client, timeline_dialogue, today, current):
    noon = datetime(today.year, today.month, today.day, 12, tzinfo=STOCKHOLM)
    with time_machine.travel(noon, tick=False):
        soup = get_soup(client, timeline_dialogue)
    timeline = section(soup, "Timeline")
    items = timeline.find("ol").find_all("li", recursive=False)
    titles = [text_of(li.h3).removeprefix("Now ") for li in items]
    assert titles == ["Planering", "Dialog", "Analys", "Beslut"]

    marked = timeline.find_all(attrs={"aria-current": "step"})
    if current is None:
        assert marked == []
        assert not timeline.find(class_="dlk-phase__now")
    else:
        assert len(marked) == 1
        assert text_of(marked[0].h3) == f"Now {current}"


@pytest.mark.django_db
def test_timeline_shows_kind_dates_and_description(client, timeline_dialogue):
    timeline = section(get_soup(client, timeline_dialogue), "Timeline")
    first = timeline.find("ol").li
    assert "Planning" in text_of(first)
    assert [t["datetime"] for t in first.find_all("time")] == [
        "2026-01-01",
        "2026-01-31",
    ]
    last = timeline.find("ol").find_all("li")[-1]
    assert "onwards" in text_of(last)


@pytest.mark.django_db
def test_timeline_says_participation_comes_before_the_decision(
    client, timeline_dialogue
):
    timeline = section(get_soup(client, timeline_dialogue), "Timeline")
    early = timeline.find(class_="dlk-timeline__early")
    assert "You take part before the decision is made" in text_of(early)
    assert early.find("time")["datetime"] == "2026-04-15"


@pytest.mark.django_db
def test_no_before_the_decision_sentence_when_the_decision_comes_first(
    client, make_dialogue
):
    kind = DialoguePhase.Kind
    page = publish_phases(
        make_dialogue(),
        [
            phase(kind.DECISION, "Beslut", date(2026, 1, 10)),
            phase(kind.PARTICIPATION, "Dialog", date(2026, 2, 1), date(2026, 2, 28)),
        ],
    )
    timeline = section(get_soup(client, page), "Timeline")
    assert not timeline.find(class_="dlk-timeline__early")


@pytest.mark.django_db
def test_activities_show_time_place_accessibility_and_links(
    client, make_dialogue, body_factory
):
    page = make_full_dialogue(make_dialogue, body_factory, count=2)
    activities = section(get_soup(client, page), "Activities")
    items = activities.find("ul", class_="dlk-activities__list").find_all(
        "li", class_="dlk-activity"
    )
    assert len(items) == 2
    first_activity = page.activities.order_by("starts_at").first()
    item = items[0]
    assert item["id"] == f"activity-{first_activity.pk}"
    assert item.h3.get_text() == first_activity.title
    text = text_of(item)
    assert "Method Dialogpromenad" in text
    assert "Where Stadsbiblioteket, Storgatan 1, Älvby" in text
    assert "Vi går runt i parken och pratar." in text
    start, end = item.find_all("time")
    assert start["datetime"].startswith(
        first_activity.starts_at.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")
    )
    assert end["datetime"].startswith(
        first_activity.ends_at.astimezone(STOCKHOLM).strftime("%Y-%m-%dT%H:%M")
    )
    accessibility = [
        li.get_text(strip=True)
        for li in item.find("ul", class_="dlk-activity__accessibility").find_all("li")
    ]
    assert accessibility == [
        "Hearing loop",
        "Interpreter: Svenskt teckenspråk",
        "Step-free access",
        "Easy-read material",
        "Ledsagare finns på plats.",
    ]
    links = {a.get_text(strip=True): a["href"] for a in item.find_all("a")}
    assert links[f"Register for {first_activity.title}"] == (
        "https://example.org/anmalan"
    )
    ical_href = links[f"Add {first_activity.title} to your calendar"]
    response = client.get(ical_href)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"

    whole = activities.find("a", string="Add all activities to your calendar")
    assert client.get(whole["href"]).status_code == 200


@pytest.mark.django_db
def test_activity_without_accessibility_information_says_so(client, make_dialogue):
    from wagtail_delaktighet.models import DialogueActivity

    page = make_dialogue()
    page.activities = [
        DialogueActivity(
            title="Öppet hus",
            starts_at=datetime(2026, 5, 4, 17, tzinfo=STOCKHOLM),
            place="Medborgarhuset",
        )
    ]
    page.save_revision().publish()
    item = section(get_soup(client, page), "Activities").find(class_="dlk-activity")
    assert not item.find(class_="dlk-activity__accessibility")
    assert "No accessibility information has been given." in text_of(item)
    assert len(item.find_all("time")) == 1


@pytest.mark.django_db
def test_who_is_listening_groups_elected_and_officials(
    client, make_dialogue, body_factory
):
    committee = body_factory(name="Barn- och utbildningsnämnden")
    administration = body_factory(
        name="Utbildningsförvaltningen", kind=Body.Kind.ADMINISTRATION
    )
    chair = Contact.objects.create(
        name="Anna Ordförande",
        kind=Contact.Kind.ELECTED,
        title="Ordförande",
        body=committee,
    )
    member = Contact.objects.create(
        name="Bo Ledamot", kind=Contact.Kind.ELECTED, title="Ledamot", body=committee
    )
    planner = Contact.objects.create(
        name="Cecilia Planerare",
        kind=Contact.Kind.OFFICIAL,
        title="Utredare",
        body=administration,
        email="cecilia@example.org",
        phone="0123-45 67 89",
    )
    page = make_dialogue()
    page.dialogue_contacts = [
        DialogueContact(contact=planner),
        DialogueContact(contact=chair),
        DialogueContact(contact=member, role="Leder kvällens samtal."),
    ]
    page.save_revision().publish()

    listening = section(get_soup(client, page), "Who is listening")
    elected_heading = listening.find("h3", string="Elected representatives")
    officials_heading = listening.find("h3", string="Officials")
    elected = elected_heading.find_next_sibling("ul")
    officials = officials_heading.find_next_sibling("ul")

    elected_items = elected.find_all("li", recursive=False)
    assert [li.find(class_="dlk-contact__name").get_text() for li in elected_items] == [
        "Anna Ordförande",
        "Bo Ledamot",
    ]
    anna, bo = (text_of(li) for li in elected_items)
    assert "Ordförande" in anna
    assert "Represents Barn- och utbildningsnämnden" in anna
    assert "Takes part on behalf of Barn- och utbildningsnämnden, to listen." in anna
    assert "Leder kvällens samtal." in bo
    assert "Takes part on behalf of" not in bo
    assert "cecilia@example.org" not in text_of(elected)

    (official,) = officials.find_all("li", class_="dlk-contact")
    assert "Utredare, Utbildningsförvaltningen" in text_of(official)
    assert official.find("a", href="mailto:cecilia@example.org")
    assert official.find("a", href="tel:0123-456789").get_text() == "0123-45 67 89"
    assert "Takes part on behalf of" not in text_of(official)


@pytest.mark.django_db
def test_documents_and_decisions(client, make_dialogue, body_factory):
    page = make_full_dialogue(make_dialogue, body_factory, count=1)
    documents_section = section(get_soup(client, page), "Documents and decisions")

    documents = documents_section.find("ul", class_="dlk-documents__list")
    wagtail_document, link = documents.find_all("li", recursive=False)
    stored = page.documents.get(document__isnull=False).document
    assert wagtail_document.a["href"] == stored.url
    assert wagtail_document.a.get_text() == "Planförslag 0"
    assert "(PDF, 2.0 KB)" in text_of(wagtail_document)
    assert link.a["href"] == "https://example.org/utredning"
    assert "Utredningen som ligger till grund." in text_of(link)

    decision = documents_section.find("li", class_="dlk-decision")
    assert decision.h4.get_text() == "Beslut om medborgardialog 0"
    text = text_of(decision)
    assert "Decided by Stadsbyggnadsnämnden" in text
    assert "Paragraph § 40" in text
    assert "Case number SBN 2026/100" in text
    assert decision.find("time")["datetime"] == "2026-01-15"
    minutes = decision.find("a", href="https://example.org/protokoll")
    assert minutes.get_text() == "Minutes for “Beslut om medborgardialog 0”"


def count_page_queries(client, page):
    client.get(page.url)  # warm caches that are filled once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_queries_do_not_grow_with_the_number_of_parts(
    client, make_dialogue, body_factory
):
    small = make_full_dialogue(make_dialogue, body_factory, count=1)
    large = make_full_dialogue(make_dialogue, body_factory, count=10)
    assert large.phases.count() == 10
    assert large.activities.count() == 10
    assert large.dialogue_contacts.count() == 20
    assert large.documents.count() == 20
    assert large.decisions.count() == 10

    small_queries = count_page_queries(client, small)
    large_queries = count_page_queries(client, large)
    assert large_queries == small_queries


#: The table a query reads first, as any supported database quotes it.
FIRST_TABLE = re.compile(r"""\bFROM [`"]?(\w+)""")
SNIPPET_TABLES = {
    f"wagtail_delaktighet_{name}"
    for name in ("body", "targetgroup", "area", "topic", "method", "strategicgoal")
}
#: A full dialogue page (every part, every relation) as an anonymous reader:
#: Wagtail's routing (the site, the home page as its type, the index by slug
#: and as its type, the dialogue with whether a view restriction may apply:
#: 5; models/view_restrictions.py); the example site's menu (1). No feedback
#: pages are asked for: the dialogue has none. The influence ladder and the
#: site settings come from the cache.
FULL_PAGE_QUERIES = 6
#: With the content cache off (CONTENT_CACHE_TIMEOUT = 0), also the snippets
#: (1), the phases, activities, contacts, documents and decisions (5), the
#: ladder (1) and the site settings (1).
UNCACHED_DATA_QUERIES = 8


def first_tables(client, page):
    client.get(page.url)  # warm caches that are filled once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return [
        FIRST_TABLE.search(query["sql"]).group(1)
        for query in queries.captured_queries
        if FIRST_TABLE.search(query["sql"])
    ]


@pytest.mark.django_db
@override_delaktighet(CONTENT_CACHE_TIMEOUT=0)
def test_the_snippets_the_page_names_are_read_in_one_query(
    client, make_dialogue, body_factory
):
    # Three bodies by foreign key, and each many-to-many relation filled.
    page = make_full_dialogue(make_dialogue, body_factory, count=2)
    tables = first_tables(client, page)
    assert len([t for t in tables if t in SNIPPET_TABLES]) == 1, tables
    # The page's level comes from the ladder the badge reads: one query.
    assert tables.count("wagtail_delaktighet_influencelevel") == 1, tables


@pytest.mark.django_db
def test_each_page_shows_its_own_snippets(client, make_dialogue, body_factory):
    # The snippets' query is built once for pages with the same bodies set
    # (views/dialogue_facets.py), and each page runs it with its own ids.
    full = make_full_dialogue(make_dialogue, body_factory, count=1)
    social = body_factory("Socialnämnden")
    few = make_dialogue(
        responsible_body=social,
        areas=[Area.objects.create(name="Norrby")],
        topics=[],
    )
    other_full = make_full_dialogue(
        make_dialogue,
        body_factory,
        count=1,
        responsible_body=social,
        areas=[Area.objects.create(name="Söderby")],
    )

    for _round in range(2):
        facts = {
            page.pk: text_of(
                get_soup(client, page).find("header", class_="dlk-dialogue__header").dl
            )
            for page in (full, few, other_full)
        }
        assert "Responsible Stadsbyggnadsnämnden" in facts[full.pk]
        assert "Area Centrum" in facts[full.pk]
        assert "Responsible Socialnämnden" in facts[few.pk]
        assert "Area Norrby" in facts[few.pk]
        assert "Centrum" not in facts[few.pk]
        assert "Topics" not in facts[few.pk]
        assert "Coordinated with" not in facts[few.pk]
        assert "Responsible Socialnämnden" in facts[other_full.pk]
        assert "Area Söderby" in facts[other_full.pk]
        assert "Coordinated with Kultur- och fritidsnämnden" in facts[other_full.pk]
    soup = get_soup(client, other_full)
    influence = section(soup, "Purpose and influence")
    assert "Kommunfullmäktige" in text_of(influence)


@pytest.mark.django_db
def test_the_full_page_costs_a_fixed_number_of_queries(
    client, make_dialogue, body_factory
):
    page = make_full_dialogue(make_dialogue, body_factory, count=2)
    assert count_page_queries(client, page) == FULL_PAGE_QUERIES
    with override_delaktighet(CONTENT_CACHE_TIMEOUT=0):
        uncached = count_page_queries(client, page)
    assert uncached == FULL_PAGE_QUERIES + UNCACHED_DATA_QUERIES


@pytest.mark.django_db
def test_the_cached_page_data_follows_every_change_it_shows(
    client, make_dialogue, body_factory
):
    page = make_full_dialogue(make_dialogue, body_factory, count=1)
    facts = get_soup(client, page).find("header", class_="dlk-dialogue__header")
    assert "Responsible Stadsbyggnadsnämnden" in text_of(facts.dl)

    # A snippet the page names, saved in the admin or anywhere else.
    body = Body.objects.get(name="Stadsbyggnadsnämnden")
    body.name = "Samhällsbyggnadsnämnden"
    body.save()
    facts = get_soup(client, page).find("header", class_="dlk-dialogue__header")
    assert "Responsible Samhällsbyggnadsnämnden" in text_of(facts.dl)

    # A new phase, published.
    page = DialoguePage.objects.get(pk=page.pk)
    page.phases.add(
        DialoguePhase(
            kind=DialoguePhase.Kind.DECISION,
            title="Beslut i nämnden",
            starts_on=date.today() + timedelta(days=90),
        )
    )
    page.save_revision().publish()
    assert "Beslut i nämnden" in text_of(section(get_soup(client, page), "Timeline"))

    # A contact the page lists, renamed, then deleted.
    contact = page.dialogue_contacts.first().contact
    contact.name = "Kim Nyberg"
    contact.save()
    assert "Kim Nyberg" in text_of(get_soup(client, page))
    contact.delete()
    assert "Kim Nyberg" not in text_of(get_soup(client, page))

    # The level, as the badge shows it.
    level = page.influence_level
    level.name = "Medskapande"
    level.save()
    badge = get_soup(client, page).select_one(".dlk-badge__name")
    assert text_of(badge) == "Medskapande"


@pytest.mark.django_db
def test_only_the_published_parts_show(client, make_dialogue):
    page = add_parts(make_dialogue(), 1)
    page.phases = [
        phase(DialoguePhase.Kind.PLANNING, "Utkast", date(2026, 1, 1)),
    ]
    page.save_revision()  # a draft, not published
    timeline = section(get_soup(client, page), "Timeline")
    assert "Utkast" not in text_of(timeline)
    assert "Fas 1" in text_of(timeline)


@pytest.mark.django_db
def test_preview_renders_parts_that_are_not_saved_yet(make_dialogue):
    from wagtail_delaktighet.models import DialogueActivity

    # An editor's preview: the page holds its new parts in memory only.
    page = add_parts(make_dialogue(), 1)
    page.activities = [
        DialogueActivity(
            title="Ny träff",
            starts_at=datetime(2026, 5, 4, 17, tzinfo=STOCKHOLM),
            place="Medborgarhuset",
        )
    ]
    page.phases = [phase(DialoguePhase.Kind.PLANNING, "Ny fas", date(2026, 1, 1))]
    response = page.make_preview_request()
    assert response.status_code == 200
    soup = BeautifulSoup(response.rendered_content, "html.parser")
    item = soup.find("li", class_="dlk-activity")
    assert item.h3.get_text() == "Ny träff"
    # Not saved, so there is no calendar file to link to yet.
    assert not item.find("a", download=True)
    assert soup.find("ol", class_="dlk-timeline__phases").h3
