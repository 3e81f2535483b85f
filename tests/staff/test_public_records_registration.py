"""Marking contributions as registered in the records system (diarieförda)
under a case number, from the dialogue's listing: what the listing shows is
marked, each one logged, shown in its detail view and in the exports."""

import pytest
from wagtail.models import ModelLogEntry

from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import Contribution

from .contributions_support import (
    assert_denied,
    detail_url,
    listing_url,
    logged_in,
    reload,
    soup,
)
from .records_support import (
    fill_dialogue,
    planner,
    records_csv,
    records_json,
    register_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(committee_dialogues):
    dialogue = committee_dialogues.a
    fill_dialogue(dialogue, planner())
    return dialogue


def register(client, dialogue, case_number, **filters):
    url = register_url(dialogue)
    query = "&".join(f"{key}={value}" for key, value in filters.items())
    return client.post(f"{url}?{query}" if query else url, {"case_number": case_number})


def test_the_listing_offers_registering_what_it_shows(filled, committee_staff):
    client = logged_in(committee_staff.editor_a)
    views = filled.block("views")
    page = soup(client.get(listing_url(filled), {"block_id": views.id}))
    [link] = [
        a
        for a in page.select("a[href]")
        if "Register in the records system" in a.get_text(" ")
    ]
    assert link["href"].startswith(register_url(filled))
    assert f"block_id={views.id}" in link["href"]

    form = soup(client.get(link["href"]))
    assert "1 contribution, as the listing shows them now" in form.get_text(" ")


def test_registering_marks_the_filtered_contributions_and_logs_each(
    filled, committee_staff
):
    client = logged_in(committee_staff.editor_a)
    views = filled.block("views")

    response = register(client, filled, "KS 2026/123", block_id=views.id)

    assert response.status_code == 302
    assert response["Location"] == f"{listing_url(filled)}?block_id={views.id}"
    [marked] = Contribution.objects.filter(registered_at__isnull=False)
    assert marked.block_id == views.id
    assert marked.registered_case_number == "KS 2026/123"
    assert marked.registered_by == committee_staff.editor_a
    assert not Contribution.objects.filter(
        registered_case_number="", registered_at__isnull=False
    ).exists()
    [entry] = ModelLogEntry.objects.for_instance(marked).filter(
        action=log_actions.REGISTER
    )
    assert entry.user == committee_staff.editor_a
    assert entry.data == {"case_number": "KS 2026/123"}

    detail = soup(client.get(detail_url(marked))).get_text(" ")
    assert "Case number KS 2026/123" in detail
    assert "Registered in the records system under case number KS 2026/123" in detail


def test_the_registration_shows_in_both_exports(filled, committee_staff):
    client = logged_in(committee_staff.registrar_a)
    register(client, filled, "KS 2026/7")

    records = records_json(client, filled)["contributions"]
    assert {r["registration"]["case_number"] for r in records} == {"KS 2026/7"}
    assert all(r["registration"]["registered_at"] for r in records)
    assert "registered_by" not in records[0]["registration"]
    with_names = records_json(client, filled, personal_data="1")["contributions"]
    assert with_names[0]["registration"]["registered_by"] == "rut.registrator"

    rows = records_csv(client, filled)
    contributions = [row for row in rows if row["Record"] == "Contribution"]
    assert {row["Case number"] for row in contributions} == {"KS 2026/7"}
    assert all(row["Registered in the records system"] for row in contributions)


def test_an_empty_case_number_is_a_form_error(filled, committee_staff):
    response = register(logged_in(committee_staff.editor_a), filled, "   ")

    assert response.status_code == 200
    assert "Enter the case number" in soup(response).get_text(" ")
    assert not Contribution.objects.filter(registered_at__isnull=False).exists()
    assert not ModelLogEntry.objects.filter(action=log_actions.REGISTER).exists()


def test_a_too_long_case_number_is_a_form_error(filled, committee_staff):
    response = register(logged_in(committee_staff.editor_a), filled, "9" * 65)
    assert response.status_code == 200
    assert not Contribution.objects.filter(registered_at__isnull=False).exists()


def test_registering_again_replaces_the_number_and_keeps_the_history(
    filled, committee_staff
):
    client = logged_in(committee_staff.editor_a)
    register(client, filled, "KS 2026/1")
    register(client, filled, "KS 2026/2")
    contribution = Contribution.objects.filter(page=filled.page).first()
    assert reload(contribution).registered_case_number == "KS 2026/2"
    numbers = [
        entry.data["case_number"]
        for entry in ModelLogEntry.objects.for_instance(contribution)
        .filter(action=log_actions.REGISTER)
        .order_by("pk")
    ]
    assert numbers == ["KS 2026/1", "KS 2026/2"]


def test_users_who_may_not_see_the_contributions_may_not_register_them(
    filled, committee_dialogues, make_staff_user
):
    outsider = make_staff_user("olle.utomstaende")
    committee_b = make_staff_user("bo.fritid", pages=[committee_dialogues.index_b])
    for user in (outsider, committee_b):
        client = logged_in(user)
        assert_denied(client.get(register_url(filled)))
        assert_denied(register(client, filled, "KS 2026/9"))
    assert not Contribution.objects.filter(registered_at__isnull=False).exists()


def test_contributions_of_another_dialogue_are_never_marked(
    filled, committee_dialogues, committee_staff
):
    from .contributions_support import send_views

    other = send_views(committee_dialogues.b.block("views"), "Längre öppettider")
    register(logged_in(committee_staff.editor_a), filled, "KS 2026/3")
    assert reload(other).registered_at is None


def test_filters_the_listing_cannot_read_mark_nothing(filled, committee_staff):
    client = logged_in(committee_staff.editor_a)
    response = register(client, filled, "KS 2026/4", status="no-such-status")

    assert response.status_code == 200
    assert "filters could not be read" in soup(response).get_text(" ")
    assert not Contribution.objects.filter(registered_at__isnull=False).exists()
