"""Published contributions with their official answers, block results and
feedback pages, in queries that do not grow with the contributions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.feedback.support import feedback_decision, feedback_item, make_feedback
from tests.participation.support import submit, valid_fields
from wagtail_delaktighet.models import Contact, OfficialResponse
from wagtail_delaktighet.moderation.decisions import approve

from .support import API, contributions_url

pytestmark = pytest.mark.django_db


def published(block, editor, texts):
    made = []
    for text in texts:
        contribution = submit(block, {"text": text, "display_name": "Kim"})
        approve(contribution, user=editor)
        made.append(contribution)
    return made


def test_published_contributions_with_signed_answers(
    client, consultation_dialogue, editor
):
    block = consultation_dialogue().block("views")
    first, second = published(block, editor, ["Fler bänkar", "Mer ljus"])
    submit(block, {"text": "Väntar på granskning"})
    official = Contact.objects.create(
        name="Bo Berg", kind=Contact.Kind.OFFICIAL, email="bo@alvby.example"
    )
    OfficialResponse.objects.create(
        contribution=first,
        signed_by=official,
        text="Vi ordnar det.",
        published_at=timezone.now(),
    )
    OfficialResponse.objects.create(
        contribution=second, signed_by=official, text="Utkast", published_at=None
    )
    data = client.get(contributions_url(block)).json()
    assert data["count"] == 2
    assert [item["text"] for item in data["results"]] == ["Mer ljus", "Fler bänkar"]
    answered = data["results"][1]
    assert answered["responses"][0]["text"] == "Vi ordnar det."
    assert answered["responses"][0]["signed_by"] == {
        "name": "Bo Berg",
        "title": "",
        "kind": "official",
        "body": None,
    }
    assert data["results"][0]["responses"] == []
    assert "bo@alvby.example" not in str(data)


def queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_listing_queries_do_not_grow_with_contributions(
    client, consultation_dialogue, editor
):
    block = consultation_dialogue().block("views")
    published(block, editor, ["Ett", "Två"])
    url = contributions_url(block) + "?page_size=20"
    few = queries(client, url)
    published(block, editor, [f"Svar {n}" for n in range(15)])
    assert queries(client, url) == few


def test_survey_results_from_the_counters(client, consultation_dialogue):
    block = consultation_dialogue().block("survey")
    for _ in range(3):
        submit(block, valid_fields(block))
    url = f"{API}dialogues/{block.page.pk}/blocks/{block.id}/results/"
    few = queries(client, url)
    charts = client.get(url).json()["charts"]
    assert charts
    assert 3 in {chart["total"] for chart in charts}
    for _ in range(5):
        submit(block, valid_fields(block))
    assert queries(client, url) == few


def test_a_poll_shows_no_results_while_open(client, consultation_dialogue):
    block = consultation_dialogue().block("poll")
    submit(block, valid_fields(block), participant="someone")
    url = f"{API}dialogues/{block.page.pk}/blocks/{block.id}/results/"
    assert client.get(url).json()["charts"] == []


def test_feedback_pages_with_every_section(client, closed_dialogue, body_factory):
    dialogue = closed_dialogue.page
    block = closed_dialogue.block("survey")
    submit(block, valid_fields(block), channel="meeting")
    make_feedback(
        dialogue,
        items=[feedback_item(theme="Belysning")],
        decisions=[feedback_decision(body=body_factory())],
    )
    data = client.get(f"{API}dialogues/{dialogue.pk}/feedback/").json()
    (page,) = data["results"]
    assert page["kind"] == "final"
    assert page["summary"]
    assert page["we_heard"].startswith("<p>")
    assert page["next_steps"]
    assert page["you_said_we_did"][0]["theme"] == "Belysning"
    assert page["decisions"][0]["body"]["name"]
    assert page["results"]["contributions"] == 1
    assert page["results"]["by_channel"][0]["channel"] == "meeting"
    assert page["results"]["blocks"]
    detail = client.get(f"{API}dialogues/{dialogue.pk}/").json()
    assert detail["status"] == "feedback_published"
