"""The pages endpoint lists dialogues with all their fields in a fixed number
of queries, and with exactly the output of Wagtail's own endpoint."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.documents import get_document_model

from tests.feedback.support import make_feedback
from wagtail_delaktighet.models import Body, DialogueDocument, FeedbackKind

pytestmark = pytest.mark.django_db

LISTING = {"type": "wagtail_delaktighet.DialoguePage", "fields": "*", "limit": 20}


@pytest.fixture
def every_field(filled_dialogue, body_factory):
    """Dialogues with every field filled; every other one closed with live
    final feedback, so both ways of reaching the status are listed."""
    document = get_document_model().objects.create(
        title="Planprogram", file=ContentFile(b"%PDF-1.4", name="planprogram.pdf")
    )
    made = []

    def make(count):
        for _ in range(count):
            n = len(made)
            fields = {
                "scope_decided_by": body_factory("Kommunfullmäktige", Body.Kind.COUNCIL)
            }
            if n % 2:
                closes = timezone.now() - timedelta(days=n + 1)
                fields.update(opens_at=closes - timedelta(days=14), closes_at=closes)
            page = filled_dialogue(count=2, **fields)
            DialogueDocument.objects.create(
                page=page, title="Bilaga", document=document, sort_order=9
            )
            if n % 2:
                make_feedback(page, kind=FeedbackKind.FINAL)
                make_feedback(page, kind=FeedbackKind.INTERIM)
            made.append(page)
        return made

    return make


def listing_queries(client):
    client.get("/api/v2/pages/", LISTING)  # warms per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/api/v2/pages/", LISTING)
    assert response.status_code == 200
    return len(captured), response.json()


def test_listing_queries_do_not_grow_with_the_number_of_dialogues(client, every_field):
    every_field(3)
    few, data = listing_queries(client)
    assert data["meta"]["total_count"] == 3

    every_field(9)
    many, data = listing_queries(client)
    assert data["meta"]["total_count"] == 12
    assert {item["status"] for item in data["items"]} == {
        "upcoming",
        "feedback_published",
    }

    assert many == few


def test_listing_and_detail_are_exactly_wagtails(client, every_field):
    pages = every_field(4)
    ours = client.get("/api/v2/pages/", LISTING).json()
    ours_detail = client.get(f"/api/v2/pages/{pages[1].pk}/").json()

    with override_settings(ROOT_URLCONF="tests.api.plain_urls"):
        plain = client.get("/api/v2/pages/", LISTING).json()
        plain_detail = client.get(f"/api/v2/pages/{pages[1].pk}/").json()

    assert ours == plain
    assert ours_detail == plain_detail
    [item] = [item for item in ours["items"] if item["id"] == pages[1].pk]
    assert item["status"] == "feedback_published"
    assert item["scope_decided_by"]["name"] == "Kommunfullmäktige"
    assert [d["title"] for d in item["documents"]] == [
        "Underlag 0",
        "Underlag 1",
        "Bilaga",
    ]
    assert item["documents"][2]["href"].startswith("/documents/")


def test_detail_reads_the_dialogue_with_its_relations_in_bulk(client, every_field):
    _, closed_page = every_field(2)
    url = f"/api/v2/pages/{closed_page.pk}/"
    client.get(url)  # warms per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)

    assert response.json()["status"] == "feedback_published"
    # Site, view restrictions, the page, the dialogue with its foreign keys
    # and status, one query per related list, the ladder and the parent.
    assert len(captured) <= 20
