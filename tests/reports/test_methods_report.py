"""The methods and evaluation report: per method, influence level and body,
how many dialogues there were, how many staff evaluated, what participants
rated (weighted by their answers across dialogues) and what staff answered;
the same figures in the table, the CSV and the XLSX; scoped to the
dialogues the user may edit, in a fixed number of queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.participation.support import evaluation, submit, views
from wagtail_delaktighet.models import (
    DialogueEvaluation,
    DialoguePage,
    Method,
)

from .support import csv_rows, shown_table, soup_of, xlsx_rows

pytestmark = pytest.mark.django_db

REPORT = reverse("wagtail_delaktighet_admin:methods_report")
RESULTS = reverse("wagtail_delaktighet_admin:methods_report_results")


def rate(purpose, influence, expects):
    return {
        "purpose_clear": str(purpose),
        "influence_understood": str(influence),
        "expects_feedback": str(expects),
        "comment": "",
    }


def close(dialogue):
    """Close a dialogue that has had its answers, as time would."""
    DialoguePage.objects.filter(pk=dialogue.pk).update(
        closes_at=timezone.now() - timedelta(minutes=5)
    )
    return DialoguePage.objects.get(pk=dialogue.pk)


def evaluate(dialogue, **fields):
    """A staff evaluation, validated as the admin form validates it."""
    values = {
        "target_groups_reached": "yes",
        "method_suitable": "yes",
        "lessons": "Mer tid till sammanställningen.",
        "overall_rating": 3,
    }
    values.update(fields)
    evaluation_ = DialogueEvaluation(dialogue=close(dialogue), **values)
    evaluation_.full_clean()
    evaluation_.save()
    return evaluation_


@pytest.fixture
def methods(db):
    return {
        "enkat": Method.objects.create(name="Enkät"),
        "workshop": Method.objects.create(name="Workshop"),
    }


@pytest.fixture
def seeded(consultation_dialogue, methods, level, body_factory):
    """Three dialogues of this year:

    - Parken: survey and workshop, Konsultation, Stadsbyggnadsnämnden;
      rated (5,4,3), (2,4,1), (2,1,1); staff: 4, reached yes, suited partly,
      100 hours, 20 000 SEK.
    - Badet: survey, Dialog, Kulturnämnden; rated (4,4,4); staff: 2, reached
      no, suited yes, 40 hours, no cost.
    - Torget: no method, Konsultation, Stadsbyggnadsnämnden; no evaluation.
    """
    culture = body_factory("Kulturnämnden")
    parken = consultation_dialogue(
        body=[views(), evaluation()],
        title="Parken",
        methods=[methods["enkat"], methods["workshop"]],
    )
    badet = consultation_dialogue(
        body=[evaluation()],
        title="Badet",
        methods=[methods["enkat"]],
        influence_level=level("Dialog"),
        responsible_body=culture,
    )
    torget = consultation_dialogue(body=[views()], title="Torget")
    for ratings in (rate(5, 4, 3), rate(2, 4, 1), rate(2, 1, 1)):
        submit(parken.block("evaluation"), ratings)
    submit(badet.block("evaluation"), rate(4, 4, 4))
    evaluate(
        parken.page,
        overall_rating=4,
        target_groups_reached="yes",
        method_suitable="partly",
        hours_used=100,
        cost=Decimal(20000),
    )
    evaluate(
        badet.page,
        overall_rating=2,
        target_groups_reached="no",
        method_suitable="yes",
        hours_used=40,
    )
    return {"parken": parken, "badet": badet, "torget": torget}


HEADINGS = [
    "Dialogues",
    "Evaluated by staff",
    "Was the purpose of the dialogue clear to you?",
    "Did you understand how much you could influence?",
    "Do you expect to hear what came of the dialogue?",
    "Staff rating",
    "Target groups reached",
    "Methods suited the purpose",
    "Hours",
    "Cost (SEK)",
]

#: By method, as computed by hand: the survey counts Parken's three answers
#: and Badet's one (13/4, 13/4, 9/4); the workshop Parken's alone.
BY_METHOD = [
    [
        "Enkät",
        "2",
        "2",
        "3.25 of 5 (4 answers)",
        "3.25 of 5 (4 answers)",
        "2.25 of 5 (4 answers)",
        "3 of 5 (2 evaluations)",
        "Yes 50 %, partly 0 %, no 50 %",
        "Yes 50 %, partly 50 %, no 0 %",
        "140",
        "20000",
    ],
    [
        "Workshop",
        "1",
        "1",
        "3 of 5 (3 answers)",
        "3 of 5 (3 answers)",
        "1.67 of 5 (3 answers)",
        "4 of 5 (1 evaluation)",
        "Yes 100 %, partly 0 %, no 0 %",
        "Yes 0 %, partly 100 %, no 0 %",
        "100",
        "20000",
    ],
    [
        "Not given",
        "1",
        "0",
        "No answers",
        "No answers",
        "No answers",
        "No answers",
        "",
        "",
        "0",
        "0",
    ],
]


def test_the_figures_per_method_are_the_hand_computed_ones(admin, seeded):
    table = shown_table(admin.get(REPORT))

    assert table[0] == ["Method", *HEADINGS]
    assert table[1:] == BY_METHOD


def test_per_influence_level_and_per_body(admin, seeded):
    by_level = shown_table(admin.get(REPORT, {"group_by": "level"}))
    by_body = shown_table(admin.get(REPORT, {"group_by": "body"}))

    assert by_level[0][0] == "Influence level"
    # The ladder's order: Konsultation (Parken, Torget) before Dialog.
    assert [row[:4] for row in by_level[1:]] == [
        ["Konsultation", "2", "1", "3 of 5 (3 answers)"],
        ["Dialog", "1", "1", "4 of 5 (1 answer)"],
    ]
    assert by_body[0][0] == "Responsible body"
    assert [row[:3] + row[-2:] for row in by_body[1:]] == [
        ["Kulturnämnden", "1", "1", "40", "0"],
        ["Stadsbyggnadsnämnden", "2", "1", "100", "20000"],
    ]


def test_the_bars_say_their_figures_as_text(admin, seeded):
    soup = soup_of(admin.get(REPORT))

    meters = soup.select("table.listing meter")
    # Three participant questions and the staff rating, for two methods.
    assert len(meters) == 8
    for meter in meters:
        assert meter["aria-hidden"] == "true"
        assert meter.find_next_sibling(class_="dlk-results__value")
    assert meters[0]["value"] == "3.25" and meters[0]["max"] == "5"
    assert soup.select_one('link[href$="wagtail_delaktighet/css/reports.css"]')


EXPORT_HEADINGS = [
    "Method",
    "Dialogues",
    "Evaluated by staff",
    "Was the purpose of the dialogue clear to you? (mean)",
    "Was the purpose of the dialogue clear to you? (answers)",
    "Did you understand how much you could influence? (mean)",
    "Did you understand how much you could influence? (answers)",
    "Do you expect to hear what came of the dialogue? (mean)",
    "Do you expect to hear what came of the dialogue? (answers)",
    "Staff rating (mean)",
    "Target groups reached: yes (%)",
    "Target groups reached: partly (%)",
    "Target groups reached: no (%)",
    "Methods suited the purpose: yes (%)",
    "Methods suited the purpose: partly (%)",
    "Methods suited the purpose: no (%)",
    "Hours",
    "Cost (SEK)",
]

EXPORTED_SURVEY = [
    "Enkät", 2, 2, 3.25, 4, 3.25, 4, 2.25, 4, 3.0, 50, 0, 50, 50, 50, 0, 140, 20000
]  # fmt: skip


def test_the_exports_hold_what_the_table_shows(admin, seeded):
    as_csv = csv_rows(admin, REPORT)
    as_xlsx = xlsx_rows(admin, REPORT)

    assert as_csv[0] == EXPORT_HEADINGS
    assert as_xlsx[0] == EXPORT_HEADINGS
    assert as_csv[1] == [str(value) for value in EXPORTED_SURVEY]
    assert as_xlsx[1] == EXPORTED_SURVEY
    assert [row[0] for row in as_csv[1:]] == ["Enkät", "Workshop", "Not given"]
    assert as_csv[3][3:10] == ["", "0", "", "0", "", "0", ""]
    # Every figure of the table is in the export.
    shown = shown_table(admin.get(REPORT))
    for shown_row, exported in zip(shown[1:], as_csv[1:], strict=True):
        assert shown_row[:3] == exported[:3]
        assert shown_row[-2:] == exported[-2:]


def test_the_grouping_and_the_filters_carry_to_the_export(admin, seeded):
    culture = seeded["badet"].page.responsible_body

    exported = csv_rows(admin, REPORT, group_by="body", body=str(culture.pk))

    assert exported[0][0] == "Responsible body"
    assert [row[:3] for row in exported[1:]] == [["Kulturnämnden", "1", "1"]]


def test_the_period_decides_which_dialogues_count(admin, seeded, make_dialogue):
    now = timezone.now()
    last_year = now.replace(year=now.year - 1)
    make_dialogue(
        title="Förra året",
        opens_at=last_year - timedelta(days=20),
        closes_at=last_year - timedelta(days=10),
        methods=[Method.objects.get(name="Workshop")],
    )

    this_year = shown_table(admin.get(REPORT))
    both = shown_table(
        admin.get(
            REPORT,
            {
                "period_from": f"{last_year.year}-01-01",
                "period_to": f"{now.year}-12-31",
            },
        )
    )
    only_last = shown_table(
        admin.get(
            REPORT,
            {
                "period_from": f"{last_year.year}-01-01",
                "period_to": f"{last_year.year}-12-31",
            },
        )
    )

    assert this_year[2][:2] == ["Workshop", "1"]
    assert both[2][:2] == ["Workshop", "2"]
    assert [row[:3] for row in only_last[1:]] == [["Workshop", "1", "0"]]


def test_staff_see_only_the_dialogues_they_may_edit(
    client, seeded, consultation_dialogue, make_dialogue_index, make_staff_user
):
    index = make_dialogue_index("fritid", "Fritidsnämndens dialoger")
    theirs = consultation_dialogue(
        body=[evaluation()],
        parent=index,
        title="Fritidsgården",
        methods=[Method.objects.get(name="Workshop")],
    )
    submit(theirs.block("evaluation"), rate(1, 1, 1))
    client.force_login(make_staff_user("frida", pages=[index]))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    table = shown_table(client.get(REPORT))
    exported = csv_rows(client, REPORT)

    assert [row[:4] for row in table[1:]] == [
        ["Workshop", "1", "0", "1 of 5 (1 answer)"]
    ]
    assert [row[:5] for row in exported[1:]] == [["Workshop", "1", "0", "1.0", "1"]]


def test_the_report_is_in_the_reports_menu_for_page_editors(admin, seeded):
    response = admin.get(reverse("wagtailadmin_home"))

    assert REPORT.encode() in response.content


@pytest.mark.parametrize(
    "params",
    [
        {"group_by": "nonsense"},
        {"period_from": "not-a-date", "period_to": "2026-13-45"},
        {"body": "999999"},
        {"body": "x"},
        {"period_from": "2027-01-01", "period_to": "2026-01-01"},
        {"p": "999"},
        {"export": "csv", "group_by": "x"},
    ],
)
def test_bad_filter_input_never_fails(admin, seeded, params):
    assert admin.get(REPORT, params).status_code in (200, 404)
    assert admin.get(RESULTS, params).status_code in (200, 404)


def make_evaluated(consultation_dialogue, methods, count):
    for number in range(count):
        dialogue = consultation_dialogue(
            body=[evaluation()],
            title=f"Dialog med enkät {number}",
            methods=[methods["enkat"], methods["workshop"]][: 1 + number % 2],
        )
        submit(dialogue.block("evaluation"), rate(3, 4, 5))
        evaluate(dialogue.page, hours_used=number)


@pytest.mark.parametrize("count", [2, 10])
def test_the_queries_do_not_grow_with_the_dialogues(
    admin, consultation_dialogue, methods, count, django_assert_max_num_queries
):
    make_evaluated(consultation_dialogue, methods, count)

    # The same bound for 2 dialogues as for 10.
    with django_assert_max_num_queries(13):
        response = admin.get(REPORT)
    with django_assert_max_num_queries(8):
        exported = csv_rows(admin, REPORT)

    assert shown_table(response)[1][:3] == ["Enkät", str(count), str(count)]
    assert exported[1][:3] == ["Enkät", str(count), str(count)]
