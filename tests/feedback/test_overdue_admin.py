"""The "Overdue feedback" report and dashboard panel (P6), through the real
admin over HTTP: what is listed, for whom, the export, and bounded queries."""

import csv
import io
import json
from datetime import date, datetime, timedelta
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify

from tests.feedback.support import make_feedback
from tests.participation.support import text_of
from tests.staff.contributions_support import logged_in, rows
from wagtail_delaktighet.admin.overdue_panel import PANEL_LENGTH
from wagtail_delaktighet.models import FeedbackKind

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
TODAY = NOW.date()
REPORT = "/admin/reports/overdue-feedback/"
PANEL = "#dlk-overdue-feedback-section"


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def late(make_dialogue, body_factory):
    """Make a closed dialogue whose feedback is ``days_late`` days late
    (0: due today, negative: not yet due)."""

    def make(title, days_late, *, closed_days_ago=30, **fields):
        return make_dialogue(
            title=title,
            slug=slugify(title),
            opens_at=NOW - timedelta(days=closed_days_ago + 20),
            closes_at=NOW - timedelta(days=closed_days_ago),
            feedback_promised_on=TODAY - timedelta(days=days_late),
            **fields,
        )

    return make


@pytest.fixture
def committees(late, body_factory, dialogue_index, make_dialogue_index):
    """Committee A's dialogues under the usual index, committee B's under
    its own; only some of them are late."""
    index_b = make_dialogue_index("fritid", "Fritidsnämndens dialoger")
    planning = body_factory(name="Planning committee")
    leisure = body_factory(name="Leisure committee")
    park = late("Park", 10, closed_days_ago=40, responsible_body=planning)
    square = late("Square", 1, closed_days_ago=12, responsible_body=planning)
    library = late("Library", 3, responsible_body=planning)
    make_feedback(library, kind=FeedbackKind.INTERIM)
    late("Due today", 0, responsible_body=planning)
    late("Not yet", -5, responsible_body=planning)
    make_feedback(late("Done", 20, responsible_body=planning))
    late("Unpublished", 7, responsible_body=planning).unpublish()
    # A draft of the final feedback does not count.
    make_feedback(late("Draft feedback", 2, responsible_body=planning), live=False)
    pool = late("Pool", 5, parent=index_b, responsible_body=leisure)
    return SimpleNamespace(
        index_a=dialogue_index,
        index_b=index_b,
        park=park,
        square=square,
        library=library,
        pool=pool,
    )


@pytest.fixture
def editor_a(committees, make_staff_user):
    return make_staff_user("erik.redaktor", pages=[committees.index_a])


@pytest.fixture
def no_pages_user(make_staff_user):
    """May open the admin, but edit no page."""
    return make_staff_user("ulla.utan")


def report_rows(client, **params):
    response = client.get(REPORT, params)
    assert response.status_code == 200
    return response, rows(response)


# -- The report --------------------------------------------------------------


def test_the_report_lists_late_dialogues_longest_overdue_first(admin, committees):
    response, listed = report_rows(admin)

    assert [row["Dialogue"] for row in listed] == [
        "Park",
        "Pool",
        "Library",
        "Draft feedback",
        "Square",
    ]
    park = listed[0]
    assert park["Responsible body"] == "Planning committee"
    assert park["Days late"] == "10"
    assert park["Feedback promised by"] == "Feb. 20, 2026"
    assert park["Closed on"] == "Jan. 21, 2026"
    assert listed[-1]["Days late"] == "1"
    html = BeautifulSoup(response.content, "html.parser")
    assert "Overdue feedback" in text_of(html.find("h1") or html.find("h2"))
    # The results alone, as Wagtail's listing fetches them when sorting.
    assert rows(admin.get(REPORT + "results/")) == listed
    edit_links = [a["href"] for a in html.select("table.listing td.title a")]
    assert edit_links[0] == reverse(
        "wagtailadmin_pages:edit", args=[committees.park.pk]
    )


def test_the_report_can_be_sorted_by_closing_date(admin, committees):
    _response, listed = report_rows(admin, ordering="-closes_at")
    # Closed most recently first; the primary key breaks ties.
    assert [row["Dialogue"] for row in listed] == [
        "Square",
        "Library",
        "Draft feedback",
        "Pool",
        "Park",
    ]


def test_a_committee_editor_sees_only_the_dialogues_they_can_edit(
    client, committees, editor_a
):
    client = logged_in(editor_a)
    _response, listed = report_rows(client)
    assert [row["Dialogue"] for row in listed] == [
        "Park",
        "Library",
        "Draft feedback",
        "Square",
    ]


def test_a_user_who_can_edit_no_dialogue_gets_an_empty_report_and_no_menu_item(
    committees, no_pages_user, editor_a
):
    client = logged_in(no_pages_user)
    response, listed = report_rows(client)
    assert listed == []
    assert "There are no results." in response.content.decode()
    assert REPORT not in sidebar_of(client)

    assert REPORT in sidebar_of(logged_in(editor_a))


def test_the_report_is_for_admin_users_only(client, committees, django_user_model):
    anonymous = client.get(REPORT)
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("wagtailadmin_login"))

    outsider = django_user_model.objects.create_user("olle", password="x")
    client.force_login(outsider)
    response = client.get(REPORT)
    # Wagtail's admin access check: back to the login page.
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def sidebar_of(client):
    """The admin menu, as the sidebar's JSON props (every item's URL)."""
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    props = BeautifulSoup(response.content, "html.parser").find(
        id="wagtail-sidebar-props"
    )
    return json.dumps(json.loads(props.string))


def test_the_report_is_in_the_reports_menu(admin, committees):
    assert REPORT in sidebar_of(admin)


def export(client, export_format):
    response = client.get(REPORT, {"export": export_format})
    assert response.status_code == 200
    content = (
        b"".join(response.streaming_content)
        if response.streaming
        else response.getvalue()
    )
    return response, content


def test_csv_export_has_every_late_dialogue_and_its_address(
    client, committees, editor_a
):
    client = logged_in(editor_a)
    response, content = export(client, "csv")

    assert response["Content-Type"].startswith("text/csv")
    assert (
        'filename="overdue-feedback-2026-03-02.csv"' in response["Content-Disposition"]
    )
    headings, *body = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert headings == [
        "Dialogue",
        "Responsible body",
        "Closed on",
        "Feedback promised by",
        "Days late",
        "Address",
    ]
    assert body[0] == [
        "Park",
        "Planning committee",
        "2026-01-21",
        "2026-02-20",
        "10",
        committees.park.full_url,
    ]
    assert [row[0] for row in body] == ["Park", "Library", "Draft feedback", "Square"]


def test_xlsx_export_keeps_dates_as_dates(admin, committees):
    response, content = export(admin, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    headings, *body = list(sheet.iter_rows(values_only=True))
    assert headings[:5] == (
        "Dialogue",
        "Responsible body",
        "Closed on",
        "Feedback promised by",
        "Days late",
    )
    assert len(body) == 5
    assert body[0][0] == "Park"
    # A date cell, not text (openpyxl may read it back as a datetime).
    assert isinstance(body[0][3], date)
    assert body[0][3].isoformat()[:10] == "2026-02-20"
    assert body[0][4] == 10


def test_a_title_that_looks_like_a_formula_is_exported_as_text(admin, late):
    late("=HYPERLINK(1)", 4)
    _response, content = export(admin, "csv")
    _headings, row = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert row[0] == "'=HYPERLINK(1)"


def count_queries(client, url):
    client.get(url)  # warm per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_the_report_query_count_does_not_grow_with_the_dialogues(admin, late):
    for n in range(2):
        late(f"Few {n}", n + 1)
    few, response = count_queries(admin, REPORT)
    assert len(rows(response)) == 2

    for n in range(12):
        late(f"Many {n}", n + 1)
    many, response = count_queries(admin, REPORT)
    assert len(rows(response)) == 14

    assert few == many


# -- The dashboard panel -----------------------------------------------------


def panel_of(client):
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(PANEL)


def panel_rows(panel):
    return [
        [text_of(cell) for cell in row.find_all("td")]
        for row in panel.select("tbody tr")
    ]


def test_the_panel_lists_the_users_late_dialogues_and_links_the_report(
    client, committees, editor_a
):
    panel = panel_of(logged_in(editor_a))

    assert "Overdue feedback" in text_of(panel.find("h2"))
    assert "has passed for 4 dialogues you can edit" in text_of(panel)
    assert panel_rows(panel) == [
        ["Park", "Feb. 20, 2026", "10"],
        ["Library", "Feb. 27, 2026", "3"],
        ["Draft feedback", "Feb. 28, 2026", "2"],
        ["Square", "March 1, 2026", "1"],
    ]
    assert [t["datetime"] for t in panel.select("tbody time")][0] == "2026-02-20"
    edit = panel.select_one("tbody td.title a")["href"]
    assert edit == reverse("wagtailadmin_pages:edit", args=[committees.park.pk])
    [report_link] = [a for a in panel.select("a") if a["href"] == REPORT]
    assert text_of(report_link) == "Open the Overdue feedback report"


def test_the_panel_is_absent_when_nothing_is_late(admin, late):
    late("On time", 0)
    late("Later", -3)
    make_feedback(late("Done", 4))
    assert panel_of(admin) is None


def test_the_panel_is_absent_for_a_user_who_can_edit_no_dialogue(
    committees, no_pages_user
):
    assert panel_of(logged_in(no_pages_user)) is None


def test_the_panel_shows_the_first_few_and_counts_the_rest(admin, late):
    for n in range(PANEL_LENGTH + 3):
        late(f"Late {n}", n + 1)

    panel = panel_of(admin)

    assert len(panel_rows(panel)) == PANEL_LENGTH
    # Longest overdue first.
    assert panel_rows(panel)[0][0] == f"Late {PANEL_LENGTH + 2}"
    assert f"has passed for {PANEL_LENGTH + 3} dialogues" in text_of(panel)
    [report_link] = [a for a in panel.select("a") if a["href"] == REPORT]
    assert text_of(report_link) == "3 more: see them all in the Overdue feedback report"


def test_the_panel_costs_the_same_queries_for_few_or_many(admin, late):
    def dashboard_queries():
        admin.get(reverse("wagtailadmin_home"))
        with CaptureQueriesContext(connection) as queries:
            admin.get(reverse("wagtailadmin_home"))
        return len(queries)

    for n in range(PANEL_LENGTH + 1):
        late(f"Late {n}", n + 1)
    few = dashboard_queries()
    for n in range(20):
        late(f"More {n}", n + 1)
    many = dashboard_queries()
    assert few == many
