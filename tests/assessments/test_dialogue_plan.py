"""The dialogue plan: overlaps (the same target group or area asked in the
same weeks) are flagged and non-overlaps are not, in the coordinators'
report, its export and calendar; the public plan page shows the published
dialogues only."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from wagtail_delaktighet.models import (
    Area,
    DialoguePage,
    DialoguePlanPage,
    TargetGroup,
)
from wagtail_delaktighet.planning.plan import find_overlaps, plan_dialogues

pytestmark = pytest.mark.django_db

PLAN = reverse("wagtail_delaktighet_admin:dialogue_plan")


@pytest.fixture
def tags():
    return {
        "unga": TargetGroup.objects.create(name="Unga"),
        "aldre": TargetGroup.objects.create(name="Äldre"),
        "centrum": Area.objects.create(name="Centrum"),
    }


@pytest.fixture
def plan(make_dialogue, tags, body_factory):
    """Four dialogues: two that ask young people in the same weeks (by two
    bodies), one that asks them months later, one at the same time that asks
    someone else."""
    now = timezone.now()
    culture = body_factory("Kulturnämnden")
    weeks = {"opens_at": now - timedelta(days=2), "closes_at": now + timedelta(days=20)}
    later = {
        "opens_at": now + timedelta(days=120),
        "closes_at": now + timedelta(days=140),
    }
    return {
        "parken": make_dialogue(title="Parken", target_groups=[tags["unga"]], **weeks),
        "biblioteket": make_dialogue(
            title="Biblioteket",
            target_groups=[tags["unga"], tags["aldre"]],
            responsible_body=culture,
            **weeks,
        ),
        "badet": make_dialogue(title="Badet", target_groups=[tags["unga"]], **later),
        "torget": make_dialogue(
            title="Torget",
            target_groups=[tags["aldre"]],
            areas=[tags["centrum"]],
            opens_at=now + timedelta(days=30),
            closes_at=now + timedelta(days=60),
        ),
    }


def rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    found = {}
    for row in soup.select("table.listing tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        found[cells[0]] = cells
    return found


def test_overlaps_are_flagged_and_non_overlaps_are_not(plan):
    today = timezone.localdate()
    dialogues = list(
        plan_dialogues(today - timedelta(days=30), today + timedelta(days=365))
    )

    overlaps = find_overlaps(dialogues)

    by_title = {d.pk: d.title for d in dialogues}
    found = {
        by_title[pk]: {(o.other.title, tuple(i.name for i in o.shared)) for o in found}
        for pk, found in overlaps.items()
    }
    assert found == {
        "Parken": {("Biblioteket", ("Unga",))},
        "Biblioteket": {("Parken", ("Unga",))},
    }


def test_the_report_flags_overlaps_across_bodies(admin, plan):
    response = admin.get(PLAN)

    assert response.status_code == 200
    shown = rows(response)
    assert set(shown) == {"Parken", "Biblioteket", "Badet", "Torget"}
    assert "Overlaps “Biblioteket” (Unga)" in shown["Parken"][-1]
    assert shown["Badet"][-1] == "" and shown["Torget"][-1] == ""

    # Filtered to one body, the overlap with the other body still shows.
    culture = plan["biblioteket"].responsible_body
    one_body = rows(admin.get(PLAN, {"body": culture.pk}))
    assert set(one_body) == {"Biblioteket"}
    assert "Overlaps “Parken” (Unga)" in one_body["Biblioteket"][-1]

    only = rows(admin.get(PLAN, {"overlapping": "on"}))
    assert set(only) == {"Parken", "Biblioteket"}


def test_drafts_are_in_the_report_but_not_on_the_public_plan(
    admin, client, plan, home_page
):
    draft = plan["torget"]
    draft.unpublish()
    public = DialoguePlanPage(title="Dialogplan", slug="plan")
    home_page.add_child(instance=public)

    assert rows(admin.get(PLAN))["Torget"][1] == "Draft"
    response = client.get(public.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    titles = [th.get_text(strip=True) for th in soup.select("tbody th")]
    assert titles == ["Parken", "Biblioteket", "Badet"]


def test_the_export_holds_what_the_report_shows(admin, plan):
    response = admin.get(PLAN, {"export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode()
    lines = content.splitlines()
    assert lines[0].startswith("Dialogue,Status,Responsible body")
    parken = next(line for line in lines if line.startswith("Parken,"))
    assert "Overlaps “Biblioteket” (Unga)" in parken


def test_a_municipality_wide_dialogue_shows_the_council_decided_it(
    admin, make_dialogue, body_factory
):
    council = body_factory("Kommunfullmäktige")
    dialogue = make_dialogue(
        title="Framtidens centrum",
        scope=DialoguePage.Scope.MUNICIPALITY_WIDE,
        scope_decided_by=council,
    )
    assessment = dialogue.involvement_assessment
    assessment.decided_by = "KF 2026-03-12 § 45"
    assessment.save()

    shown = rows(admin.get(PLAN))["Framtidens centrum"]

    assert "Decided by Kommunfullmäktige (KF 2026-03-12 § 45, KS 2026/12)" in shown


def test_the_report_reads_the_same_queries_however_many_dialogues(
    admin, make_dialogue, tags, django_assert_max_num_queries
):
    def view():
        with CaptureQueriesContext(connection) as captured:
            assert admin.get(PLAN).status_code == 200
        return len(captured)

    for _ in range(3):
        make_dialogue(target_groups=[tags["unga"]], areas=[tags["centrum"]])
    view()
    few = view()
    for _ in range(9):
        make_dialogue(target_groups=[tags["unga"]], areas=[tags["centrum"]])
    with django_assert_max_num_queries(few):
        assert admin.get(PLAN).status_code == 200


def test_the_plan_as_a_calendar(admin, client, plan, home_page):
    staff = admin.get(reverse("wagtail_delaktighet_admin:dialogue_plan_calendar"))
    public_page = DialoguePlanPage(title="Dialogplan", slug="plan")
    home_page.add_child(instance=public_page)
    public = client.get(public_page.url + "calendar/")

    for response in (staff, public):
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
    events = {
        str(event["summary"]): event
        for event in Calendar.from_ical(staff.content).walk("VEVENT")
    }
    parken = events["Parken – Stadsbyggnadsnämnden"]
    assert parken["dtstart"].dt == timezone.localdate(plan["parken"].opens_at)
    assert "Overlaps “Biblioteket” (Unga)" in str(parken["description"])
    # The public calendar flags no overlaps.
    assert "Overlaps" not in public.content.decode()
    assert len(Calendar.from_ical(public.content).walk("VEVENT")) == 4
