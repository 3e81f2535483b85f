"""The assessment register report: every assessment of the period and body,
decisions not to involve residents with their justification as much as the
decisions to involve, the dialogue each led to, a chart of the decisions
per body; the same in CSV and XLSX; the whole register for those who keep
it, the assessments behind their own dialogues for other staff."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.fixtures.dialogues import create_assessment
from wagtail_delaktighet.models import InvolvementDecision, Method, TargetGroup

from .support import csv_rows, shown_table, soup_of, text_of, xlsx_rows

pytestmark = pytest.mark.django_db

REPORT = reverse("wagtail_delaktighet_admin:assessment_register")
RESULTS = reverse("wagtail_delaktighet_admin:assessment_register_results")

HEADINGS = [
    "Matter",
    "Case number",
    "Body",
    "Date",
    "Decision",
    "Justification",
    "Influence level",
    "Methods",
    "Target groups",
    "Decided by",
    "Dialogue",
    "Published",
]


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def register(make_dialogue, body_factory, level, today):
    """This year: the park (involve, with its dialogue), the street lights
    (not to involve, a draft) by the planning committee, and the library
    (involve) by the culture committee; the square, last year."""
    planning = body_factory()
    culture = body_factory("Kulturnämnden")
    survey = Method.objects.create(name="Enkät")
    walk = Method.objects.create(name="Trygghetsvandring")
    young = TargetGroup.objects.create(name="Unga")
    children = TargetGroup.objects.create(name="Barn")
    park = create_assessment(
        planning,
        level("Konsultation"),
        matter="Upprustning av parken",
        case_number="SBN 2026/1",
        assessed_on=today - timedelta(days=1),
        decided_by="Stadsbyggnadsnämnden § 4",
    )
    park.methods.set([walk, survey])
    park.target_groups.set([young, children])
    park.save()
    lights = create_assessment(
        planning,
        matter="Byte av gatubelysning",
        case_number="SBN 2026/2",
        assessed_on=today - timedelta(days=2),
        decision=InvolvementDecision.DO_NOT_INVOLVE,
        justification="Tekniskt underhåll utan utrymme att påverka.",
        decided_by="Gatuchefen",
        live=False,
    )
    library = create_assessment(
        culture,
        level("Dialog"),
        matter="Nytt bibliotek",
        case_number="KN 2026/3",
        assessed_on=today - timedelta(days=3),
        decided_by="Kulturnämnden § 9",
    )
    square = create_assessment(
        planning,
        level("Konsultation"),
        matter="Torget",
        case_number="SBN 2025/9",
        assessed_on=today.replace(year=today.year - 1, day=1),
    )
    dialogue = make_dialogue(title="Parken i Alvby", involvement_assessment=park)
    return {
        "park": park,
        "lights": lights,
        "library": library,
        "square": square,
        "dialogue": dialogue,
        "planning": planning,
        "culture": culture,
    }


def test_every_assessment_of_the_year_with_its_decision(admin, register, today):
    table = shown_table(admin.get(REPORT))

    assert table[0] == HEADINGS
    assert table[1:] == [
        [
            "Upprustning av parken",
            "SBN 2026/1",
            "Stadsbyggnadsnämnden",
            shown_date(admin, today - timedelta(days=1)),
            "Involve residents",
            "Parken används av många.",
            "Konsultation",
            "Enkät, Trygghetsvandring",
            "Barn, Unga",
            "Stadsbyggnadsnämnden § 4",
            "Parken i Alvby",
            "Yes",
        ],
        [
            "Byte av gatubelysning",
            "SBN 2026/2",
            "Stadsbyggnadsnämnden",
            shown_date(admin, today - timedelta(days=2)),
            "Do not involve residents",
            "Tekniskt underhåll utan utrymme att påverka.",
            "",
            "",
            "",
            "Gatuchefen",
            "",
            "No",
        ],
        [
            "Nytt bibliotek",
            "KN 2026/3",
            "Kulturnämnden",
            shown_date(admin, today - timedelta(days=3)),
            "Involve residents",
            "Parken används av många.",
            "Dialog",
            "",
            "",
            "Kulturnämnden § 9",
            "",
            "Yes",
        ],
    ]


def shown_date(client, day):
    """A date as the admin's table writes it (the template's default date
    format), read from a page that shows it."""
    from django.template import Context, Template
    from django.utils import translation

    with translation.override("en"):
        return Template("{{ day }}").render(Context({"day": day}))


def test_the_dialogue_links_to_its_edit_view(admin, register):
    soup = soup_of(admin.get(REPORT))

    link = soup.find("a", string="Parken i Alvby")
    assert link["href"] == reverse(
        "wagtailadmin_pages:edit", args=[register["dialogue"].pk]
    )


def test_the_chart_counts_decisions_per_body(admin, register):
    soup = soup_of(admin.get(REPORT))

    assert soup.select_one('link[href$="wagtail_delaktighet/css/reports.css"]')
    chart = soup.select_one(".dlk-report__bodies")
    bodies = [
        (
            text_of(body.select_one(".dlk-report__body-name")),
            [text_of(row) for row in body.select(".dlk-results__row")],
        )
        for body in chart.select(".dlk-report__body")
    ]
    assert bodies == [
        (
            "Kulturnämnden: 1 assessment",
            ["Involve residents 1 (100 %)", "Do not involve residents 0 (0 %)"],
        ),
        (
            "Stadsbyggnadsnämnden: 2 assessments",
            ["Involve residents 1 (50 %)", "Do not involve residents 1 (50 %)"],
        ),
    ]
    for meter in chart.select("meter"):
        assert meter["aria-hidden"] == "true"
    assert [m["value"] for m in chart.select("meter")] == ["100", "0", "50", "50"]


def test_the_exports_hold_what_the_table_shows(admin, register, today):
    shown = shown_table(admin.get(REPORT))
    as_csv = csv_rows(admin, REPORT)
    as_xlsx = xlsx_rows(admin, REPORT)

    assert as_csv[0] == HEADINGS
    assert as_xlsx[0] == HEADINGS
    assert [row[0] for row in as_csv[1:]] == [row[0] for row in shown[1:]]
    park, lights, _library = as_csv[1:]
    assert park == [
        "Upprustning av parken",
        "SBN 2026/1",
        "Stadsbyggnadsnämnden",
        str(today - timedelta(days=1)),
        "Involve residents",
        "Parken används av många.",
        "Konsultation",
        "Enkät, Trygghetsvandring",
        "Barn, Unga",
        "Stadsbyggnadsnämnden § 4",
        "Parken i Alvby",
        "Yes",
    ]
    assert lights[4:6] == [
        "Do not involve residents",
        "Tekniskt underhåll utan utrymme att påverka.",
    ]
    assert lights[-1] == "No"
    for shown_row, csv_row, xlsx_row in zip(
        shown[1:], as_csv[1:], as_xlsx[1:], strict=True
    ):
        assert shown_row[:3] + shown_row[4:] == csv_row[:3] + csv_row[4:]
        assert xlsx_row[:3] + xlsx_row[4:] == csv_row[:3] + csv_row[4:]
        # The date a date in the spreadsheet.
        assert isinstance(xlsx_row[3], datetime.date)
        assert xlsx_row[3].strftime("%Y-%m-%d") == csv_row[3]


def test_the_period_body_and_decision_filters(admin, register, today):
    last_year = today.year - 1

    by_body = shown_table(admin.get(REPORT, {"body": register["culture"].pk}))
    not_involved = shown_table(admin.get(REPORT, {"decision": "do_not_involve"}))
    earlier = shown_table(
        admin.get(
            REPORT,
            {"period_from": f"{last_year}-01-01", "period_to": f"{last_year}-12-31"},
        )
    )
    exported = csv_rows(admin, REPORT, body=register["culture"].pk)

    assert [row[0] for row in by_body[1:]] == ["Nytt bibliotek"]
    assert [row[0] for row in not_involved[1:]] == ["Byte av gatubelysning"]
    assert [row[0] for row in earlier[1:]] == ["Torget"]
    assert [row[0] for row in exported[1:]] == ["Nytt bibliotek"]


def test_staff_see_the_assessments_behind_the_dialogues_they_may_edit(
    client, register, make_dialogue, make_dialogue_index, make_staff_user
):
    index = make_dialogue_index("kultur", "Kulturnämndens dialoger")
    make_dialogue(
        title="Biblioteket",
        parent=index,
        involvement_assessment=register["library"],
        responsible_body=register["culture"],
    )
    client.force_login(make_staff_user("karin", pages=[index]))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    table = shown_table(client.get(REPORT))
    exported = csv_rows(client, REPORT)

    assert [row[0] for row in table[1:]] == ["Nytt bibliotek"]
    assert [row[0] for row in exported[1:]] == ["Nytt bibliotek"]


def test_those_who_keep_the_register_see_all_of_it(client, register, make_staff_user):
    keeper = make_staff_user(
        "rita", permissions=["wagtail_delaktighet.view_involvementassessment"]
    )
    client.force_login(keeper)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    table = shown_table(client.get(REPORT))
    menu = client.get(reverse("wagtailadmin_home"))

    assert [row[0] for row in table[1:]] == [
        "Upprustning av parken",
        "Byte av gatubelysning",
        "Nytt bibliotek",
    ]
    assert REPORT.encode() in menu.content


def test_staff_without_dialogues_or_the_register_see_nothing(
    client, register, make_staff_user
):
    client.force_login(make_staff_user("olle"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    assert shown_table(client.get(REPORT)) == []
    assert csv_rows(client, REPORT) == [HEADINGS]


@pytest.mark.parametrize(
    "params",
    [
        {"decision": "maybe"},
        {"period_from": "31/12/2026", "period_to": "yesterday"},
        {"body": "999999"},
        {"body": "'; DROP TABLE x"},
        {"period_from": "2030-01-01", "period_to": "2020-01-01"},
        {"p": "-1"},
        {"export": "xlsx", "decision": "maybe"},
    ],
)
def test_bad_filter_input_never_fails(admin, register, params):
    assert admin.get(REPORT, params).status_code in (200, 404)
    assert admin.get(RESULTS, params).status_code in (200, 404)


@pytest.mark.parametrize("count", [2, 10])
def test_the_queries_do_not_grow_with_the_assessments(
    admin,
    make_dialogue,
    body_factory,
    level,
    count,
    django_assert_max_num_queries,
):
    methods = [Method.objects.create(name=name) for name in ("Enkät", "Workshop")]
    groups = [TargetGroup.objects.create(name=name) for name in ("Unga", "Äldre")]
    for number in range(count):
        assessment = create_assessment(
            body_factory(f"Nämnd {number % 3}"),
            level("Konsultation"),
            matter=f"Ärende {number}",
            case_number=f"KS 2026/{number}",
        )
        assessment.methods.set(methods)
        assessment.target_groups.set(groups)
        if number % 2:
            make_dialogue(title=f"Dialog {number}", involvement_assessment=assessment)

    # The same bound for 2 assessments as for 10.
    with django_assert_max_num_queries(14):
        response = admin.get(REPORT)
    with django_assert_max_num_queries(14):
        exported = csv_rows(admin, REPORT)

    assert len(shown_table(response)) == count + 1
    assert len(exported) == count + 1
