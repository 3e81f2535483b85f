"""The dialogues report through the real admin: every figure equals what
the seed (conftest.py) makes by hand, the exports hold what the table shows,
users see only the dialogues they may edit, the filters narrow it, bad
filter input gives an empty report and no error, and the number of queries
does not grow with the number of dialogues."""

import csv
import io
from datetime import date

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.reports.conftest import move, publish_final_feedback

pytestmark = pytest.mark.django_db

REPORT = reverse("wagtail_delaktighet_admin:dialogues_report")
YEAR_2025 = {"period_from": "2025-01-01", "period_to": "2025-12-31"}

HEADINGS = [
    "Dialogue",
    "Influence level",
    "Responsible body",
    "Status",
    "People online",
    "Contributions",
    "Channels",
    "Feedback promised by",
    "Feedback published",
    "Days from closing to feedback",
    "Feedback kept",
]

EXPECTED = {
    "Parken": [
        "Parken",
        "Konsultation",
        "Stadsbyggnadsnämnden",
        "Feedback published",
        "2",
        "5",
        "Website 4, Meeting 1",
        "2025-05-15",
        "2025-05-10",
        "40",
        "On time",
    ],
    "Biblioteket": [
        "Biblioteket",
        "Dialog",
        "Kulturnämnden",
        "Feedback published",
        "2",
        "5",
        "Website 3, Paper form 2",
        "2025-11-15",
        "2025-12-01",
        "62",
        "Late",
    ],
    "Badet": [
        "Badet",
        "Konsultation",
        "Kulturnämnden",
        "Closed",
        "0",
        "0",
        "",
        "2025-08-15",
        "",
        "",
        "Late",
    ],
}


def table(response):
    """``{title: [cell texts]}`` of the report's table, and its headings."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    headings = [
        th.get_text(" ", strip=True) for th in soup.select("table.listing thead th")
    ]
    rows = {}
    for row in soup.select("table.listing tbody tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all("td")]
        rows[cells[0]] = cells
    return headings, rows


def chart_rows(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return {
        row.select_one(".dlk-results__label").get_text(strip=True): row.select_one(
            ".dlk-results__value"
        ).get_text(" ", strip=True)
        for row in soup.select(".dlk-chart .dlk-results__row")
    }


def test_every_figure_is_the_seeded_one(admin, seeded):
    headings, rows = table(admin.get(REPORT, YEAR_2025))

    assert headings == HEADINGS
    assert rows == EXPECTED


def test_the_title_links_to_the_dialogue_editor(admin, seeded):
    soup = BeautifulSoup(admin.get(REPORT, YEAR_2025).content, "html.parser")

    link = soup.select_one("table.listing tbody a[href]")
    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[seeded.parken.pk])


def test_the_chart_counts_dialogues_per_influence_level(admin, seeded):
    response = admin.get(REPORT, YEAR_2025)

    bars = chart_rows(response)
    assert bars["Konsultation"] == "2 (67 %)"
    assert bars["Dialog"] == "1 (33 %)"
    assert bars["Information"] == "0 (0 %)"
    soup = BeautifulSoup(response.content, "html.parser")
    assert "3 dialogues in all." in soup.select_one(".dlk-chart").get_text()
    # The bars are a visual aid: the numbers beside them are the text.
    assert all(
        meter["aria-hidden"] == "true" for meter in soup.select(".dlk-chart meter")
    )
    assert soup.find(
        "link",
        href=lambda href: href and href.endswith("wagtail_delaktighet/css/reports.css"),
    )


def test_the_csv_export_holds_what_the_table_shows(admin, seeded):
    response = admin.get(REPORT, {**YEAR_2025, "export": "csv"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    heading, *lines = list(csv.reader(io.StringIO(content)))
    assert heading == HEADINGS
    assert {line[0]: line for line in lines} == EXPECTED


def test_the_xlsx_export_holds_what_the_table_shows(admin, seeded):
    response = admin.get(REPORT, {**YEAR_2025, "export": "xlsx"})

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    heading, *lines = [
        ["" if cell is None else str(cell) for cell in row]
        for row in workbook.active.iter_rows(values_only=True)
    ]
    assert heading == HEADINGS
    assert {line[0]: line for line in lines} == EXPECTED


def test_a_formula_in_a_title_is_exported_as_text(admin, seeded):
    seeded.badet.title = "=HYPERLINK(1)"
    seeded.badet.save_revision().publish()

    response = admin.get(REPORT, {**YEAR_2025, "export": "csv"})

    content = b"".join(response.streaming_content).decode("utf-8-sig")
    titles = [line[0] for line in csv.reader(io.StringIO(content))]
    assert "=HYPERLINK(1)" not in titles
    assert any(title.endswith("=HYPERLINK(1)") for title in titles)


def test_a_user_sees_only_the_dialogues_they_may_edit(client, seeded, make_staff_user):
    culture_editor = make_staff_user("karin", pages=[seeded.second_index])
    client.force_login(culture_editor)

    _headings, rows = table(client.get(REPORT, YEAR_2025, HTTP_ACCEPT_LANGUAGE="en"))

    assert set(rows) == {"Biblioteket", "Badet"}


def test_the_period_and_body_filters_narrow_the_report(admin, seeded):
    _h, spring = table(
        admin.get(REPORT, {"period_from": "2025-01-01", "period_to": "2025-04-30"})
    )
    _h, culture = table(admin.get(REPORT, {**YEAR_2025, "body": seeded.culture.pk}))
    _h, earlier = table(
        admin.get(REPORT, {"period_from": "2024-01-01", "period_to": "2024-12-31"})
    )

    assert set(spring) == {"Parken"}
    assert set(culture) == {"Biblioteket", "Badet"}
    assert set(earlier) == {"Gamla torget"}


@pytest.mark.parametrize(
    "query",
    [
        {"period_from": "garbage"},
        {"period_to": "2025-13-45"},
        {"body": "999999"},
        {"body": "abc"},
    ],
)
def test_invalid_filters_give_an_empty_report_not_an_error(admin, seeded, query):
    for url in (REPORT, reverse("wagtail_delaktighet_admin:dialogues_report_results")):
        response = admin.get(url, query)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        assert not soup.select("table.listing tbody tr")
    # The filter form says what is wrong.
    assert BeautifulSoup(admin.get(REPORT, query).content, "html.parser").select(
        ".error-message"
    )
    export = admin.get(REPORT, {**query, "export": "csv"})
    assert export.status_code == 200


def make_many(make_dialogue, count):
    """``count`` dialogues of 2025, the first with final feedback."""
    for n in range(count):
        page = make_dialogue(title=f"Dialog {n}")
        moved = move(
            type("Made", (), {"page": page}),
            date(2025, 3, 1),
            date(2025, 3, 31),
            date(2025, 5, 15),
        )
        if n == 0:
            publish_final_feedback(moved, date(2025, 5, 1))


#: The report's queries, whatever the number of dialogues on its page.
MAX_QUERIES = 16


@pytest.mark.parametrize("count", [2, 12])
def test_the_queries_do_not_grow_with_the_dialogues(
    admin, make_dialogue, django_assert_max_num_queries, count
):
    make_many(make_dialogue, count)

    with django_assert_max_num_queries(MAX_QUERIES):
        _headings, rows = table(admin.get(REPORT, YEAR_2025))

    assert len(rows) == count
