"""A headless front end reads feedback through Wagtail's API v2: the feedback
page's sections, and the dialogue's status once final feedback is out."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.feedback.support import (
    feedback_decision,
    feedback_item,
    feedback_milestone,
    make_feedback,
)
from wagtail_delaktighet.models import FeedbackKind, FeedbackOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_dialogue(make_dialogue):
    now = timezone.now()
    return make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=2)
    )


def test_the_feedback_page_lists_its_sections(client, closed_dialogue, body_factory):
    feedback = make_feedback(
        closed_dialogue,
        items=[
            feedback_item(
                theme="Hundrastgård",
                outcome=FeedbackOutcome.NOT_DONE,
                reason="Strandskyddet gäller här.",
            )
        ],
        decisions=[feedback_decision(body=body_factory())],
        milestones=[feedback_milestone(title="Bygget startar")],
    )

    data = client.get(f"/api/v2/pages/{feedback.pk}/").json()

    assert data["kind"] == FeedbackKind.FINAL
    assert data["summary"] == feedback.summary
    [item] = data["you_said_we_did"]
    assert item["theme"] == "Hundrastgård"
    assert item["outcome"] == "not_done"
    assert item["reason"] == "Strandskyddet gäller här."
    [decision] = data["decisions"]
    assert decision["case_number"] == "SBN 2025/17"
    assert decision["body"]["name"] == "Stadsbyggnadsnämnden"
    assert [m["title"] for m in data["milestones"]] == ["Bygget startar"]
    assert data["meta"]["parent"]["id"] == closed_dialogue.pk


def test_the_dialogue_reads_feedback_published_and_its_feedback_is_listed(
    client, closed_dialogue
):
    assert client.get(f"/api/v2/pages/{closed_dialogue.pk}/").json()["status"] == (
        "closed"
    )
    make_feedback(closed_dialogue, kind=FeedbackKind.INTERIM)
    final = make_feedback(closed_dialogue)

    dialogue = client.get(f"/api/v2/pages/{closed_dialogue.pk}/").json()
    assert dialogue["status"] == "feedback_published"
    listing = client.get(
        "/api/v2/pages/",
        {
            "type": "wagtail_delaktighet.FeedbackPage",
            "child_of": closed_dialogue.pk,
            "fields": "kind,summary",
        },
    ).json()
    kinds = {item["id"]: item["kind"] for item in listing["items"]}
    assert kinds[final.pk] == "final"
    assert sorted(kinds.values()) == ["final", "interim"]
