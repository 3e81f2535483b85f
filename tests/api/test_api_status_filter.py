"""The pages endpoint filters dialogues by status in the database
(``?status=``), and refuses an unknown status with a 400."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.feedback.support import make_feedback
from wagtail_delaktighet.models import FeedbackKind

pytestmark = pytest.mark.django_db

DIALOGUES = {"type": "wagtail_delaktighet.DialoguePage"}


@pytest.fixture
def one_of_each(make_dialogue):
    """A dialogue in each status, by title."""
    now = timezone.now()
    ended = {
        "opens_at": now - timedelta(days=30),
        "closes_at": now - timedelta(days=2),
        "feedback_promised_on": (now + timedelta(days=30)).date(),
    }
    upcoming = make_dialogue(
        title="Kommande",
        opens_at=now + timedelta(days=5),
        closes_at=now + timedelta(days=20),
    )
    open_ = make_dialogue(title="Öppen")
    closed = make_dialogue(title="Stängd", **ended)
    answered = make_dialogue(title="Återkopplad", **ended)
    make_feedback(answered, kind=FeedbackKind.FINAL)
    # Interim feedback does not make a dialogue answered.
    make_feedback(closed, kind=FeedbackKind.INTERIM)
    return {
        "upcoming": upcoming,
        "open": open_,
        "closed": closed,
        "feedback_published": answered,
    }


def listed(client, **parameters):
    response = client.get("/api/v2/pages/", {**DIALOGUES, **parameters})
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("status", ["upcoming", "open", "closed", "feedback_published"])
def test_listing_filters_by_status(client, one_of_each, status):
    data = listed(client, status=status, fields="status")

    assert [item["id"] for item in data["items"]] == [one_of_each[status].pk]
    assert data["items"][0]["status"] == status
    assert data["meta"]["total_count"] == 1


def test_status_combines_with_wagtails_filters_and_paging(client, one_of_each):
    data = listed(client, status="closed", title="Stängd")
    assert [item["id"] for item in data["items"]] == [one_of_each["closed"].pk]
    assert listed(client, status="closed", title="Öppen")["items"] == []

    data = listed(client, status="open", limit=1, offset=1)
    assert data["items"] == [] and data["meta"]["total_count"] == 1


def test_status_is_filtered_in_the_database(client, one_of_each, make_dialogue):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            listed(client, status="feedback_published", fields="*")
        return len(captured)

    def answer(count):
        for n in range(count):
            answered = make_dialogue(
                title=f"Besvarad {n}",
                opens_at=timezone.now() - timedelta(days=30),
                closes_at=timezone.now() - timedelta(days=2),
            )
            make_feedback(answered, kind=FeedbackKind.FINAL)

    answer(1)
    queries()  # warms per-process caches
    few = queries()
    answer(6)

    assert listed(client, status="feedback_published")["meta"]["total_count"] == 8
    queries()  # new pages renew the cached ladder
    assert queries() == few


@pytest.mark.parametrize("value", ["stängd", "", "OPEN", "open\x00"])
def test_unknown_status_is_a_bad_request(client, one_of_each, value):
    response = client.get("/api/v2/pages/", {**DIALOGUES, "status": value})

    assert response.status_code == 400
    message = response.json()["message"]
    assert "not a valid value for status" in message
    assert "upcoming, open, closed, feedback_published" in message


def test_status_needs_the_dialogue_type(client, one_of_each):
    response = client.get("/api/v2/pages/", {"status": "open"})

    assert response.status_code == 400
    assert "type=wagtail_delaktighet.DialoguePage" in response.json()["message"]


def test_status_with_search_is_never_a_server_error(client, one_of_each):
    response = client.get(
        "/api/v2/pages/", {**DIALOGUES, "status": "open", "search": "Öppen"}
    )

    assert response.status_code in (200, 400)
    if response.status_code == 200:
        ids = [item["id"] for item in response.json()["items"]]
        assert set(ids) <= {one_of_each["open"].pk}
