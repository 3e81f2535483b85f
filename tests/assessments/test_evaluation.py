"""Staff evaluation of a closed dialogue, made in the real admin, and the
reminder to evaluate, through the daily reminders command and the outbox."""

from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from wagtail_delaktighet.models import (
    Contact,
    DialogueContact,
    DialogueEvaluation,
    OutboxEmail,
    OutboxKind,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 6, 1, 7, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
DAY = timedelta(days=1)
ADD = reverse("wagtailsnippets_wagtail_delaktighet_dialogueevaluation:add")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def closed(make_dialogue):
    """A live dialogue closed ``days`` ago, with an official to remind."""
    official = Contact.objects.create(
        name="Anna Andersson", kind=Contact.Kind.OFFICIAL, email="anna@alvby.example"
    )

    def make(days, **fields):
        page = make_dialogue(
            opens_at=NOW - (days + 30) * DAY,
            closes_at=NOW - days * DAY,
            feedback_promised_on=(NOW + 10 * DAY).date(),
            rules_checked=False,
            **fields,
        )
        DialogueContact.objects.create(page=page, contact=official)
        return page

    return make


def evaluation_form(dialogue, **overrides):
    return {
        "dialogue": dialogue.pk,
        "evaluated_on": "2026-06-01",
        "target_groups_reached": "partly",
        "target_groups_comment": "Få unga deltog.",
        "method_suitable": "yes",
        "method_comment": "",
        "representativeness": "",
        "hours_used": "120",
        "cost": "15000",
        "lessons": "Gå ut till skolorna tidigare.",
        "overall_rating": "4",
        **overrides,
    }


def run():
    out = StringIO()
    call_command("delaktighet_send_reminders", stdout=out, stderr=StringIO())
    return out.getvalue()


def test_an_evaluation_of_a_closed_dialogue_is_saved_from_the_admin(admin, closed):
    dialogue = closed(days=10)

    response = admin.post(ADD, evaluation_form(dialogue))

    assert response.status_code == 302
    evaluation = DialogueEvaluation.objects.get()
    assert evaluation.dialogue_id == dialogue.pk
    assert (evaluation.hours_used, evaluation.overall_rating) == (120, 4)


def test_an_open_dialogue_cannot_be_evaluated_yet(admin, make_dialogue):
    dialogue = make_dialogue()

    response = admin.post(ADD, evaluation_form(dialogue))

    assert response.status_code == 200
    assert "Evaluate a dialogue once it has closed" in response.content.decode()
    assert not DialogueEvaluation.objects.exists()


def test_a_rating_outside_one_to_five_is_a_field_error(admin, closed):
    response = admin.post(ADD, evaluation_form(closed(days=10), overall_rating="9"))

    assert response.status_code == 200
    assert not DialogueEvaluation.objects.exists()


def test_a_dialogue_closed_a_month_ago_without_an_evaluation_is_reminded_once(
    closed, django_capture_on_commit_callbacks
):
    due = closed(days=31, title="Parken")
    closed(days=10, title="Nyss stängd")
    closed(days=200, title="Gammal")
    evaluated = closed(days=31, title="Utvärderad", slug="utvarderad")
    DialogueEvaluation.objects.create(
        dialogue=evaluated,
        target_groups_reached="yes",
        method_suitable="yes",
        lessons="-",
        overall_rating=3,
    )

    with django_capture_on_commit_callbacks(execute=True):
        out = run()

    assert "Evaluate: “Parken”" in out
    reminders = OutboxEmail.objects.filter(kind=OutboxKind.EVALUATION_REMINDER)
    assert [(r.page_id, r.recipient) for r in reminders] == [
        (due.pk, "anna@alvby.example")
    ]
    [email] = [m for m in mail.outbox if m.subject == reminders[0].subject]
    assert ADD in email.body

    with django_capture_on_commit_callbacks(execute=True):
        run()
    assert reminders.count() == 1
