"""Exports at a city's scale: the CSV streams (rows read in chunks while the
file is sent, never counted or loaded first), the number of queries does not
grow with the rows, and the files say exactly what they said before."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.participation.support import publish_body, submit, survey
from wagtail_delaktighet.admin import export as export_module
from wagtail_delaktighet.admin.export import LabelPerValue
from wagtail_delaktighet.models import Contribution, ContributionPersonalData

from .contributions_support import (
    export,
    fill_survey,
    listing_url,
    send_views,
    xlsx_table,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def at(day, hour):
    return datetime(2026, 3, day, hour, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def fixture_set(committee_dialogues, editor):
    """A survey answer with personal data, views with a formula, a question
    entered by staff from a meeting, and views given at a walk."""
    dialogue = committee_dialogues.a
    block = dialogue.block("survey")
    return dialogue, {
        "karin": submit(
            block,
            {
                **fill_survey(block),
                block.question("short_text")[0]: "Parkvägen",
                "name": "Karin Invånare",
                "email": "karin@example.com",
                "consent": "on",
            },
            created_at=at(10, 12),
        ),
        "ola": send_views(
            dialogue.block("views"),
            "=1+1 fler bänkar",
            display_name="Ola",
            created_at=at(11, 9),
        ),
        "meeting": submit(
            dialogue.block("question"),
            {"question": "När öppnar caféet?"},
            channel="meeting",
            entered_by=editor,
            created_at=at(12, 18),
        ),
        "walk": send_views(
            dialogue.block("views"),
            "Belysning, tack",
            name="Per Gående",
            email="per@example.com",
            channel="walk",
            entered_by=editor,
            created_at=at(13, 10),
        ),
    }


HEADINGS = [
    "Receipt",
    "Block",
    "Type",
    "Status",
    "Channel",
    "Created",
    "Display name",
    "Name",
    "Email",
    "Consent",
    "Text",
    "Vad heter din gata?",
    "Beskriv parken",
    "Vilken entré använder du?",
    "Vad gör du i parken?",
    "Hur trygg känner du dig?",
    "Vill du ha fler bänkar?",
    "Answers to questions no longer on the page",
]


def expected_rows(made):
    """The rows the export wrote before it streamed, newest first."""
    no_answers = [""] * 6
    return [
        HEADINGS,
        [
            made["walk"].receipt,
            "Tyck till om parken",
            "Give your views",
            "Awaiting moderation",
            "Walk (entered by staff)",
            "2026-03-13 10:00:00",
            "",
            "Per Gående",
            "per@example.com",
            "Yes",
            "Belysning, tack",
            *no_answers,
            "",
        ],
        [
            made["meeting"].receipt,
            "Ställ en fråga",
            "Ask a question",
            "Awaiting moderation",
            "Meeting (entered by staff)",
            "2026-03-12 18:00:00",
            "",
            "",
            "",
            "",
            "När öppnar caféet?",
            *no_answers,
            "",
        ],
        [
            made["ola"].receipt,
            "Tyck till om parken",
            "Give your views",
            "Awaiting moderation",
            "Website",
            "2026-03-11 09:00:00",
            "Ola",
            "",
            "",
            "",
            "'=1+1 fler bänkar",
            *no_answers,
            "",
        ],
        [
            made["karin"].receipt,
            "Enkät om parken",
            "Survey",
            "Not public",
            "Website",
            "2026-03-10 12:00:00",
            "",
            "Karin Invånare",
            "karin@example.com",
            "Yes",
            "",
            "Parkvägen",
            "Mörk om kvällarna.",
            "Södra",
            "Promenerar; Grillar",
            "4",
            "Yes",
            "",
        ],
    ]


def csv_bytes(rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return "\ufeff".encode() + out.getvalue().encode()


def test_the_csv_is_byte_for_byte_what_it_was(admin, fixture_set):
    dialogue, made = fixture_set

    _response, content = export(admin, dialogue, "csv")

    assert content == csv_bytes(expected_rows(made))


def test_a_longer_export_is_read_in_chunks_with_the_same_bytes(
    admin, fixture_set, monkeypatch
):
    # More rows than one query reads: read again from the start, in chunks.
    monkeypatch.setattr(export_module, "ONE_QUERY_ROWS", 1)
    dialogue, made = fixture_set

    with CaptureQueriesContext(connection) as queries:
        _response, content = export(admin, dialogue, "csv")

    assert content == csv_bytes(expected_rows(made))
    assert len(reads_contributions(queries)) == 2


def test_the_xlsx_opens_and_holds_the_same_rows(admin, fixture_set):
    dialogue, made = fixture_set
    expected = expected_rows(made)
    for row in expected[1:]:
        row[5] = datetime.fromisoformat(row[5])

    assert xlsx_table(admin, dialogue) == expected


def test_rows_of_a_removed_block_keep_their_labels_in_every_row(
    admin, committee_dialogues
):
    dialogue = committee_dialogues.a
    block = dialogue.block("survey")
    for n in range(3):
        submit(block, fill_survey(block, **{block.question("scale")[0]: str(n + 1)}))
    publish_body(dialogue.page, [survey([{"question": "Ny", "kind": "short_text"}])])

    _response, content = export(admin, dialogue, "csv")

    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [(row["Block"], row["Type"]) for row in rows] == [
        ("(removed from the page)", "Survey")
    ] * 3


# -- streaming ------------------------------------------------------------------


def reads_contributions(queries):
    table = Contribution._meta.db_table
    return [q["sql"] for q in queries if table in q["sql"]]


def test_the_csv_response_streams_before_any_row_is_read(admin, fixture_set):
    dialogue, made = fixture_set

    with CaptureQueriesContext(connection) as before_streaming:
        response = admin.get(listing_url(dialogue), {"export": "csv"})

    assert response.status_code == 200
    assert response.streaming
    # Nothing counted or loaded before the first byte: the rows are read
    # while the file is sent.
    assert reads_contributions(before_streaming) == []
    with CaptureQueriesContext(connection) as while_streaming:
        content = b"".join(response.streaming_content)
    assert len(reads_contributions(while_streaming)) == 1
    assert made["karin"].receipt in content.decode("utf-8-sig")


def test_the_xlsx_response_is_sent_from_a_file(admin, fixture_set):
    dialogue, _made = fixture_set

    response = admin.get(listing_url(dialogue), {"export": "xlsx"})

    assert response.streaming
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [cell.value for cell in workbook.active[1]] == HEADINGS


# -- queries ---------------------------------------------------------------------


def add_contributions(dialogue, count, prefix):
    """``count`` more survey answers with personal data, as the service
    stores them, in two channels."""
    block = dialogue.block("survey")
    model = submit(
        block,
        {
            **fill_survey(block),
            "name": "Mall",
            "email": "m@example.com",
            "consent": "on",
        },
    )
    copied = [
        f.attname
        for f in Contribution._meta.concrete_fields
        if f.attname
        not in ("id", "receipt", "submission_key", "channel", "participant_key")
    ]
    Contribution.objects.bulk_create(
        [
            Contribution(
                **{name: getattr(model, name) for name in copied},
                receipt=f"{prefix}-{n}",
                submission_key=f"{prefix}-{n}",
                channel=["web", "meeting"][n % 2],
            )
            for n in range(count - 1)
        ]
    )
    made = Contribution.objects.filter(receipt__startswith=f"{prefix}-")
    ContributionPersonalData.objects.bulk_create(
        [
            ContributionPersonalData(
                contribution=c, name=f"Person {c.pk}", email=f"p{c.pk}@example.com"
            )
            for c in made
        ]
    )


def export_queries(client, dialogue, export_format):
    with CaptureQueriesContext(connection) as queries:
        _response, content = export(client, dialogue, export_format)
    return len(queries), content


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_queries_of_an_export_do_not_grow_with_its_rows(
    admin, committee_dialogues, export_format
):
    dialogue = committee_dialogues.a
    add_contributions(dialogue, 10, "few")
    export(admin, dialogue, export_format)
    few, _content = export_queries(admin, dialogue, export_format)

    add_contributions(dialogue, 290, "many")
    many, content = export_queries(admin, dialogue, export_format)

    assert many == few
    if export_format == "csv":
        assert content.count(b"@example.com") == 300


# -- labels -----------------------------------------------------------------------


def test_a_label_is_computed_once_per_value():
    computed = []

    def label(item):
        computed.append(item.status)
        return item.status.upper()

    status = LabelPerValue("status", label)
    items = [Contribution(status=s) for s in ["pending", "rejected"] * 50]

    assert [status(item) for item in items] == ["PENDING", "REJECTED"] * 50
    assert computed == ["pending", "rejected"]
