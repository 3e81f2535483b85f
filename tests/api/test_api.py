"""Wagtail's API v2 returns a dialogue's public fields (P1), and nothing of an
unpublished dialogue or an elected representative's private contact details."""

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.fixtures.api import CLOSES, OPENS
from wagtail_delaktighet.models import (
    DialoguePage,
)

pytestmark = pytest.mark.django_db


def names(items):
    return [item["name"] for item in items]


def test_detail_returns_the_public_fields(client, filled_dialogue, level):
    page = filled_dialogue()

    response = client.get(f"/api/v2/pages/{page.pk}/")

    assert response.status_code == 200
    data = response.json()
    assert data["meta"]["type"] == "wagtail_delaktighet.DialoguePage"
    assert data["summary"] == "Hur ska parken bli?"
    assert data["purpose"] == page.purpose
    assert data["question"] == "Vad saknar du i parken?"
    assert "Utformningen av platsen" in data["can_influence"]
    assert "Budgeten" in data["cannot_influence"]
    assert "sammanställer" in data["input_handling"]
    assert "Lättläst" in data["adaptations"]

    consultation = level("Konsultation")
    assert data["influence_level"] == {
        "id": consultation.pk,
        "name": "Konsultation",
        "promise": consultation.promise,
        "explanation": consultation.explanation,
        "accepts_input": True,
        "requires_feedback_date": True,
        "step": 2,
        "step_count": 5,
    }

    assert data["decision_body"]["name"] == "Kommunstyrelsen"
    assert data["decision_body"]["kind"] == "executive_board"
    assert data["decision_timing"] == "Hösten 2030"
    assert data["responsible_body"]["name"] == "Stadsbyggnadsnämnden"
    assert names(data["coordinating_bodies"]) == ["Kultur- och fritidsnämnden"]
    assert data["scope"] == "committee_area"

    assert datetime.fromisoformat(data["opens_at"]) == OPENS
    assert datetime.fromisoformat(data["closes_at"]) == CLOSES
    assert data["feedback_promised_on"] == "2030-06-01"

    assert names(data["target_groups"]) == ["Unga"]
    assert names(data["areas"]) == ["Centrum"]
    assert names(data["topics"]) == ["Parker"]
    assert names(data["strategic_goals"]) == ["Grön stad"]
    assert names(data["methods"]) == ["Promenad"]
    assert [block["type"] for block in data["body"]] == ["paragraph", "suggestion_box"]


def test_detail_returns_timeline_activities_documents_and_decisions(
    client, filled_dialogue
):
    page = filled_dialogue()

    data = client.get(f"/api/v2/pages/{page.pk}/").json()

    assert [phase["title"] for phase in data["phases"]] == ["Fas 0", "Fas 1"]
    assert data["phases"][0]["kind"] == "participation"
    assert data["phases"][0]["starts_on"] == "2030-04-01"

    activity = data["activities"][0]
    assert activity["title"] == "Promenad 0"
    assert activity["method"]["name"] == "Promenad"
    assert activity["hearing_loop"] is True
    assert activity["place"] == "Parken"
    assert datetime.fromisoformat(activity["starts_at"]) == OPENS + timedelta(days=1)

    assert data["documents"][0] == {
        "title": "Underlag 0",
        "href": "https://alvby.example/0",
        "description": "",
    }
    decision = data["decisions"][0]
    assert decision["title"] == "Beslut 0"
    assert decision["body"]["name"] == "Stadsbyggnadsnämnden"
    assert decision["decided_on"] == "2030-03-01"
    assert decision["paragraph"] == "§ 1"


def test_contacts_show_roles_and_only_officials_contact_details(
    client, filled_dialogue
):
    page = filled_dialogue()

    elected, official = client.get(f"/api/v2/pages/{page.pk}/").json()[
        "dialogue_contacts"
    ]

    assert elected["name"] == "Anna Andersson"
    assert elected["kind"] == "elected"
    assert elected["title"] == "Ordförande"
    assert elected["body"]["name"] == "Stadsbyggnadsnämnden"
    assert elected["email"] is None and elected["phone"] is None
    assert official == {
        "name": "Bo Berg",
        "title": "Planarkitekt",
        "kind": "official",
        "body": None,
        "role": "",
        "email": "bo.berg@alvby.example",
        "phone": "0123-45 67 89",
    }
    assert "anna.privat" not in client.get(f"/api/v2/pages/{page.pk}/").content.decode()


def test_status_follows_the_clock(client, filled_dialogue):
    page = filled_dialogue()
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["status"] == "upcoming"

    open_page = filled_dialogue(opens_at=timezone.now() - timedelta(days=1))
    data = client.get(f"/api/v2/pages/{open_page.pk}/").json()
    assert data["status"] == "open"


def test_listing_with_all_fields_shows_live_dialogues_only(
    client, filled_dialogue, dialogue_index
):
    live = filled_dialogue()
    draft = DialoguePage(title="Utkast", slug="utkast", live=False)
    dialogue_index.add_child(instance=draft)

    response = client.get(
        "/api/v2/pages/", {"type": "wagtail_delaktighet.DialoguePage", "fields": "*"}
    )

    assert response.status_code == 200
    items = response.json()["items"]
    assert [item["id"] for item in items] == [live.pk]
    [item] = items
    assert item["influence_level"]["name"] == "Konsultation"
    assert item["responsible_body"]["name"] == "Stadsbyggnadsnämnden"
    assert [c["name"] for c in item["dialogue_contacts"]] == [
        "Anna Andersson",
        "Bo Berg",
    ]
    assert item["status"] == "upcoming"

    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


def test_detail_queries_do_not_grow_with_the_number_of_children(
    client, filled_dialogue
):
    def queries_for(page):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 200
        return len(captured)

    small = filled_dialogue(count=1)
    large = filled_dialogue(count=10)
    queries_for(small)  # warms the per-process caches (site root paths)

    assert queries_for(large) == queries_for(small)
