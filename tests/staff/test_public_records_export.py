"""The export of a dialogue's public records (allmänna handlingar) for the
municipality's records system: every contribution and every official
response, as CSV or streamed JSON with the public records notice, without
personal data unless a user allowed to export it asks, and a number of
queries that does not grow with the contributions."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import (
    Contribution,
    DelaktighetSettings,
    OfficialResponse,
)

from .contributions_support import assert_denied, logged_in
from .records_support import (
    fetch,
    fill_dialogue,
    planner,
    records_csv,
    records_json,
    records_url,
)

pytestmark = pytest.mark.django_db

PERSONAL = ["Karin Invånare", "karin0@example.com", "Per Gående", "per0@example.com"]


@pytest.fixture
def filled(committee_dialogues):
    dialogue = committee_dialogues.a
    fill_dialogue(dialogue, planner())
    return dialogue


def test_the_csv_has_a_row_for_every_contribution_and_every_response(
    filled, committee_staff
):
    rows = records_csv(logged_in(committee_staff.editor_a), filled)

    contributions = [row for row in rows if row["Record"] == "Contribution"]
    responses = [row for row in rows if row["Record"] == "Official response"]
    assert len(rows) == len(contributions) + len(responses)
    in_db = Contribution.objects.filter(page=filled.page)
    assert sorted(row["Receipt"] for row in contributions) == sorted(
        in_db.values_list("receipt", flat=True)
    )
    assert len(responses) == OfficialResponse.objects.count() == 2
    assert {row["Type"] for row in contributions} == {
        "Survey",
        "Give your views",
        "Ask a question",
    }
    assert {row["Official response"] for row in responses} == {
        "I maj.",
        "Utkast till svar.",
    }
    assert {row["Response signed by (role)"] for row in responses} == {"Planarkitekt"}
    survey = next(row for row in contributions if row["Type"] == "Survey")
    assert "Hur trygg känner du dig?: 4" in survey["Answers"]


def test_the_json_streams_every_record_with_the_public_records_notice(
    filled, committee_staff
):
    site_settings = DelaktighetSettings.for_site(filled.page.get_site())
    site_settings.public_records_notice = "Allt du skriver blir allmän handling."
    site_settings.save()

    response, content = fetch(logged_in(committee_staff.editor_a), filled, "json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    records = json.loads(content)

    assert records["public_records_notice"] == "Allt du skriver blir allmän handling."
    assert records["dialogue"]["title"] == "Parken i Alvby"
    assert records["personal_data"] is False
    contributions = records["contributions"]
    assert len(contributions) == Contribution.objects.filter(page=filled.page).count()
    responses = [r for c in contributions for r in c["responses"]]
    assert len(responses) == OfficialResponse.objects.count()
    question = next(c for c in contributions if c["block"]["type"] == "question")
    assert question["text"] == "När öppnar caféet?"
    assert [r["text"] for r in question["responses"]] == ["I maj.", "Utkast till svar."]
    assert question["responses"][0]["signer_role"] == "Planarkitekt"
    assert question["responses"][0]["published_at"] is None
    assert question["registration"] == {"registered_at": None, "case_number": ""}
    assert question["status"]["value"] == "pending"


def test_the_json_header_has_the_standard_notice_when_none_is_set(
    filled, committee_staff
):
    records = records_json(logged_in(committee_staff.editor_a), filled)
    assert "public record" in records["public_records_notice"]


@pytest.mark.parametrize("export_format", ["csv", "json"])
def test_personal_data_is_left_out_unless_asked_for(
    filled, committee_staff, export_format
):
    # Even for a user allowed to export personal data.
    client = logged_in(committee_staff.registrar_a)
    _response, content = fetch(client, filled, export_format)
    text = content.decode("utf-8-sig")
    for value in PERSONAL + ["Bo Berg"]:
        assert value not in text

    _response, content = fetch(client, filled, export_format, personal_data="1")
    text = content.decode("utf-8-sig")
    for value in PERSONAL + ["Bo Berg"]:
        assert value in text


def test_asking_for_personal_data_without_the_permission_is_refused(
    filled, committee_staff
):
    url, query = records_url(filled, format="json", personal_data="1")
    assert_denied(logged_in(committee_staff.moderator_a).get(url, query))


def test_users_who_may_not_see_the_contributions_are_refused(
    filled, committee_dialogues, make_staff_user
):
    outsider = make_staff_user("olle.utomstaende")
    committee_b = make_staff_user("bo.fritid", pages=[committee_dialogues.index_b])
    for user in (outsider, committee_b):
        url, query = records_url(filled, format="csv")
        assert_denied(logged_in(user).get(url, query))


def test_an_unknown_format_is_a_bad_request(filled, committee_staff):
    url, query = records_url(filled, format="xml")
    assert logged_in(committee_staff.editor_a).get(url, query).status_code == 400


def test_the_export_is_logged_on_the_dialogue(filled, committee_staff):
    records_json(logged_in(committee_staff.registrar_a), filled, personal_data="1")
    [entry] = PageLogEntry.objects.filter(page=filled.page, action=log_actions.EXPORT)
    assert entry.data["format"] == "records-json"
    assert entry.data["personal_data"] is True


@pytest.mark.parametrize("export_format", ["csv", "json"])
@pytest.mark.parametrize("personal_data", ["", "1"])
def test_the_queries_do_not_grow_with_the_contributions(
    committee_dialogues, committee_staff, export_format, personal_data
):
    dialogue = committee_dialogues.a
    contact = planner()
    client = logged_in(committee_staff.registrar_a)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            fetch(client, dialogue, export_format, personal_data=personal_data)
        return len(captured)

    fill_dialogue(dialogue, contact, copies=1)
    queries()  # The first export also fills caches (site settings, types).
    few = queries()
    fill_dialogue(dialogue, contact, copies=5)
    assert queries() == few


def test_a_long_export_read_in_chunks_keeps_every_response(
    filled, committee_staff, monkeypatch
):
    from wagtail_delaktighet.admin import export as export_module

    # Past the one-query read: rows (and their prefetched responses) are
    # read in chunks, as for a city's dialogue.
    monkeypatch.setattr(export_module, "ONE_QUERY_ROWS", 1)
    records = records_json(logged_in(committee_staff.editor_a), filled)
    assert len(records["contributions"]) == 3
    assert sum(len(c["responses"]) for c in records["contributions"]) == 2


def test_the_listing_offers_personal_data_only_to_those_allowed_it(
    filled, committee_staff
):
    from .contributions_support import listing_url, soup

    def export_links(user):
        page = soup(logged_in(user).get(listing_url(filled)))
        return sorted(
            a.get_text(" ").strip() for a in page.select("a[href*='public-records/?']")
        )

    assert export_links(committee_staff.editor_a) == [
        "Public records (CSV)",
        "Public records (JSON)",
    ]
    assert export_links(committee_staff.registrar_a) == [
        "Public records (CSV)",
        "Public records (JSON)",
        "Public records with personal data (CSV)",
        "Public records with personal data (JSON)",
    ]
