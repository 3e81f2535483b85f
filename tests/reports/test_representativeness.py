"""The representativeness report: the background answers of the period's
dialogues the user may edit beside the population's shares, in total and
by channel, equal to hand-computed figures, the same in its CSV and XLSX,
with groups under five hidden everywhere, unchanged by the removal of
personal data, and with as many queries for ten dialogues as for two."""

import csv
import io
from decimal import Decimal, InvalidOperation

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from openpyxl import load_workbook

from wagtail_delaktighet.models import Contribution
from wagtail_delaktighet.participation.background import forget

from .representativeness_support import (
    AGE,
    DISTRICT,
    SOURCE,
    define_questions,
    give,
    seed_committee_a,
)

pytestmark = pytest.mark.django_db

REPORT = reverse("wagtail_delaktighet_admin:representativeness")
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}

#: Hand-computed from seed_committee_a: (answer, population share, then
#: answers, share and difference in all channels, online and offline).
#: Shares are of those who chose an option (31, 20, 11); 65+ (2) is under
#: five, so hidden, and with it the smallest other count of each sum it is
#: in (35–64: all and online), or it could be worked out.
EXPECTED_AGE = [
    ["Under 35", "40.0 %", "15", "48.4 %", "+8.4", "10", "50.0 %", "+10.0"]
    + ["5", "45.5 %", "+5.5"],
    ["35–64", "45.0 %", "hidden", "–", "–", "hidden", "–", "–"]
    + ["6", "54.5 %", "+9.5"],
    ["65 eller äldre", "15.0 %", "fewer than 5", "–", "–", "fewer than 5", "–", "–"]
    + ["0", "0.0 %", "-15.0"],
    ["Chose an option", "", "31", "", "", "20", "", "", "11", "", ""],
    ["Prefer not to say", "", "5", "", "", "5", "", "", "0", "", ""],
]


@pytest.fixture
def seeded(make_dialogue, make_dialogue_index, make_staff_user, dialogue_index):
    """Committee A's dialogue with the seeded answers, committee B's with
    50 more, and a user who may edit committee A's dialogues only."""
    questions = define_questions()
    a = make_dialogue(title="Parken")
    seed_committee_a(a, questions)
    index_b = make_dialogue_index("fritid")
    b = make_dialogue(title="Badet", parent=index_b)
    give(b, questions, "Under 35", 50)
    user = make_staff_user("erik.redaktor", pages=[dialogue_index])
    return a, b, user, questions


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def tables(response):
    """{question: [[answer, cell, …], …]} of the report's tables."""
    found = {}
    for section in soup(response).select(".dlk-representativeness__question"):
        found[section.h2.get_text(strip=True)] = [
            [row.th.get_text(strip=True)]
            + [cell.get_text(strip=True) for cell in row.find_all("td")]
            for row in section.select("tbody tr")
        ]
    return found


def plain(value):
    """A cell as a comparable value: the number in it, else its text."""
    text = str(value).replace(" %", "").replace("+", "").replace(",", ".")
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return text


def shown_rows(response):
    return [
        [question, *map(plain, row)]
        for question, rows in tables(response).items()
        for row in rows
    ]


def get(client, user, **params):
    client.force_login(user)
    return client.get(REPORT, params, **EN)


def test_the_figures_are_the_hand_computed_ones(client, seeded):
    a, _b, user, _questions = seeded

    response = get(client, user)

    assert response.status_code == 200
    found = tables(response)
    assert found[AGE] == EXPECTED_AGE
    # Nobody answered the district question, which has no population shares.
    assert found[DISTRICT][0] == ["Centrum", "", "0", "–", "", "0", "–", ""] + [
        "0",
        "–",
        "",
    ]
    assert f"Population shares: {SOURCE}." in response.content.decode()


def test_the_bars_set_participants_beside_the_population(client, seeded):
    _a, _b, user, _questions = seeded

    page = soup(get(client, user))

    under_35, middle, oldest = page.select(".dlk-representativeness__option")[:3]
    meters = under_35.find_all("meter")
    assert [meter["value"] for meter in meters] == ["48.4", "40.0"]
    assert all(meter["aria-hidden"] == "true" for meter in meters)
    values = [
        value.get_text(" ", strip=True)
        for value in under_35.select(".dlk-results__value")
    ]
    assert values == ["48.4 % (15 answers)", "40.0 %"]
    assert page.select_one('link[href$="wagtail_delaktighet/css/reports.css"]')
    # A hidden group has no bar and no number, only the population's.
    for option, text in ((middle, "hidden"), (oldest, "fewer than 5")):
        assert len(option.find_all("meter")) == 1
        assert option.select(".dlk-results__value")[0].get_text(strip=True) == (text)


def test_groups_under_five_never_show_their_number(client, seeded):
    _a, _b, user, _questions = seeded

    rows = {row[0]: row for row in tables(get(client, user))[AGE]}

    # The real counts: 65+ is 2 in all channels and online; 35–64 is 14 and 8.
    assert rows["65 eller äldre"][2:8] == ["fewer than 5", "–", "–"] * 2
    assert rows["35–64"][2:8] == ["hidden", "–", "–"] * 2
    for row in (rows["65 eller äldre"], rows["35–64"]):
        assert not {"2", "14", "8"} & set(row[2:8])


@pytest.mark.parametrize("export_format", ["csv", "xlsx"])
def test_the_exports_equal_what_is_shown(client, seeded, export_format):
    _a, _b, user, _questions = seeded
    shown = shown_rows(get(client, user))

    response = get(client, user, export=export_format)

    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    if export_format == "csv":
        lines = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    else:
        sheet = load_workbook(io.BytesIO(content)).active
        lines = [
            ["" if cell is None else cell for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    heading, *rows = lines
    assert heading[:4] == ["Question", "Answer", "Share of the population (%)"] + [
        "All channels: answers"
    ]
    assert [[plain(cell) for cell in row[:-1]] for row in rows] == shown
    age_rows = [row for row in rows if row[0] == AGE]
    assert {row[-1] for row in age_rows} == {SOURCE}
    # The hidden groups are hidden in the file too.
    oldest = next(row for row in age_rows if row[1] == "65 eller äldre")
    assert oldest[3:9] == ["fewer than 5", "–", "–"] * 2


def test_removing_personal_data_changes_no_figure(client, seeded):
    a, _b, user, _questions = seeded
    before = tables(get(client, user))

    forget(Contribution.objects.filter(page=a))

    assert tables(get(client, user)) == before


def test_the_report_covers_only_the_dialogues_the_user_may_edit(client, seeded, editor):
    _a, b, user, _questions = seeded

    limited = tables(get(client, user))[AGE]
    assert limited[0][2] == "15"
    # Another committee's dialogue cannot be chosen, nor its answers seen.
    chosen = get(client, user, dialogue=b.pk)
    assert chosen.status_code == 200
    assert tables(chosen)[AGE][0][2] == "15"
    assert "Badet" not in chosen.content.decode()

    everything = tables(get(client, editor))[AGE]
    assert everything[0][2] == "65"


def test_one_dialogue_can_be_chosen(client, seeded, editor):
    a, _b, _user, _questions = seeded

    response = get(client, editor, dialogue=a.pk)

    assert tables(response)[AGE] == EXPECTED_AGE


def test_the_body_filter_narrows_the_dialogues(client, seeded, editor, body_factory):
    response = get(client, editor, body=body_factory("Kulturnämnden").pk)

    assert tables(response)[AGE][0][2] == "0"


@pytest.mark.parametrize(
    "params",
    [
        {"period_from": "not a date"},
        {"period_to": "2026-13-45"},
        {"period_from": "2026-12-31", "period_to": "2026-01-01"},
        {"body": "x"},
        {"body": "999999"},
        {"body": "999999999999999999999"},
        {"dialogue": "999999999999999999999"},
        {"dialogue": "<script>"},
        {"export": "pdf"},
    ],
)
def test_bad_filter_input_is_never_an_error(client, seeded, params):
    _a, _b, user, _questions = seeded

    response = get(client, user, **params)

    assert response.status_code == 200


def test_without_questions_the_report_says_where_to_add_them(client, editor):
    response = get(client, editor)

    assert "No background questions are defined" in response.content.decode()


def test_the_reports_menu_offers_it(client, seeded):
    _a, _b, user, _questions = seeded
    client.force_login(user)

    response = client.get(reverse("wagtailadmin_home"), **EN)

    assert REPORT in response.content.decode()


@pytest.mark.parametrize("dialogues", [2, 10])
def test_the_queries_do_not_grow_with_the_dialogues(
    client, editor, make_dialogue, django_assert_max_num_queries, dialogues
):
    questions = define_questions()
    for n in range(dialogues):
        page = make_dialogue(title=f"Dialog {n}")
        give(page, questions, "Under 35", 3)
        give(page, questions, "65 eller äldre", 5, channel="paper")
    client.force_login(editor)

    with django_assert_max_num_queries(QUERY_BOUND):
        response = client.get(REPORT, **EN)

    assert tables(response)[AGE][0][2] == str(3 * dialogues)


#: The session, user, settings, filters and menu, and one grouped query for
#: held answers and one for folded counts, however many dialogues.
QUERY_BOUND = 12
