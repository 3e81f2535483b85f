"""The signals for integrators (docs/developers/signals.md), each through the
real path that sends it: a citizen's post, staff entering offline input, the
admin's moderation and answer views, publishing a feedback page. A signal
comes after the commit and never for a change that was rolled back, and a
receiver that raises loses nothing."""

import logging
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import publish_body, question, submit, views
from wagtail_delaktighet import signals
from wagtail_delaktighet.models import (
    Channel,
    Contact,
    Contribution,
    ContributionStatus,
    OfficialResponse,
    RejectionReason,
)
from wagtail_delaktighet.models.feedback import FeedbackKind, FeedbackPage

pytestmark = pytest.mark.django_db

OFFLINE_FORMAT = "%Y-%m-%dT%H:%M"


@contextmanager
def received(signal):
    """Record what ``signal`` sends while the block runs: a list of dicts of
    its arguments, ``sender`` included."""
    calls = []

    def receiver(sender, signal, **arguments):
        calls.append({"sender": sender, **arguments})

    signal.connect(receiver, weak=False)
    try:
        yield calls
    finally:
        signal.disconnect(receiver)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the block registers with ``on_commit``, as a real commit
    would at its end."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def dialogue(make_dialogue):
    return publish_body(make_dialogue(), [views(), question()])


@pytest.fixture
def views_block(dialogue):
    return dialogue.block("views")


@pytest.fixture
def ask(dialogue):
    return dialogue.block("question")


def contributions_url(view_name, *args):
    return reverse(f"wagtail_delaktighet_admin:{view_name}", args=args)


# -- contribution_submitted ----------------------------------------------------


def test_a_citizens_post_sends_contribution_submitted_once_committed(
    views_block, new_client, committed
):
    with received(signals.contribution_submitted) as calls, committed():
        response = views_block.post(new_client(), {"text": "Fler bänkar."})
        # Not before the commit: a receiver finds the row it is told of.
        assert calls == []

    assert response.status_code == 302
    contribution = views_block.contributions().get()
    assert calls == [
        {
            "sender": Contribution,
            "contribution": contribution,
            "page": views_block.page,
            "channel": Channel.WEB,
            "entered_by": None,
        }
    ]
    assert calls[0]["contribution"].content["text"] == "Fler bänkar."


def test_posting_the_same_form_again_sends_nothing_more(
    views_block, new_client, committed
):
    citizen = new_client()
    with received(signals.contribution_submitted) as calls, committed():
        views_block.post(citizen, {"text": "Fler bänkar."}, submission_key="k1")
        views_block.post(citizen, {"text": "Fler bänkar."}, submission_key="k1")

    assert views_block.contributions().count() == 1
    assert len(calls) == 1


def test_a_post_with_errors_sends_nothing(views_block, new_client, committed):
    with received(signals.contribution_submitted) as calls, committed():
        response = views_block.post(new_client(), {"text": ""})

    assert response.status_code == 200
    assert not views_block.contributions().exists()
    assert calls == []


def test_offline_input_sends_its_channel_and_who_entered_it(
    views_block, admin, editor, committed
):
    given_at = (timezone.localtime() - timedelta(days=1)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )
    with received(signals.contribution_submitted) as calls, committed():
        response = admin.post(
            reverse("wagtail_delaktighet_admin:offline", args=[views_block.page.pk]),
            {
                "block": views_block.id,
                "channel": "meeting",
                "given_at": given_at.strftime(OFFLINE_FORMAT),
                **views_block.form_data({"text": "Sagt på mötet."}),
            },
        )

    assert response.status_code == 302
    [call] = calls
    assert call["contribution"] == views_block.contributions().get()
    assert call["channel"] == Channel.MEETING
    assert call["entered_by"] == editor


def test_a_contribution_rolled_back_with_its_caller_sends_nothing(
    views_block, committed
):
    with (
        received(signals.contribution_submitted) as calls,
        committed(),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        submit(views_block, {"text": "Fler bänkar."})
        raise RuntimeError("the caller failed after submitting")

    assert not views_block.contributions().exists()
    assert calls == []


# -- a receiver that raises ----------------------------------------------------


def test_a_failing_receiver_loses_nothing_and_the_others_still_hear(
    views_block, new_client, committed, caplog
):
    def broken_case_system(sender, **arguments):
        raise ConnectionError("the case-management system is down")

    signals.contribution_submitted.connect(broken_case_system, weak=False)
    try:
        with (
            received(signals.contribution_submitted) as calls,
            committed(),
            caplog.at_level(logging.ERROR, logger="django.dispatch"),
        ):
            citizen = new_client()
            response = views_block.post(citizen, {"text": "Fler bänkar."})
    finally:
        signals.contribution_submitted.disconnect(broken_case_system)

    # The citizen gets their receipt; the contribution is stored and counted.
    assert response.status_code == 302
    contribution = views_block.contributions().get()
    assert contribution.receipt in citizen.get(views_block.page.url).text
    [call] = calls
    assert call["contribution"] == contribution
    [record] = caplog.records
    assert "broken_case_system" in record.getMessage()
    assert isinstance(record.exc_info[1], ConnectionError)


# -- contribution_moderated ----------------------------------------------------


def test_approving_in_the_admin_sends_contribution_moderated(
    views_block, admin, editor, committed
):
    contribution = submit(views_block, {"text": "Fler bänkar."})

    with received(signals.contribution_moderated) as calls, committed():
        response = admin.post(contributions_url("approve", contribution.pk))

    assert response.status_code == 302
    assert calls == [
        {
            "sender": Contribution,
            "contribution": contribution,
            "decision": signals.APPROVED,
            "moderator": editor,
            "reason": None,
            "note": "",
        }
    ]
    assert calls[0]["contribution"].status == ContributionStatus.PUBLISHED


def test_rejecting_in_the_admin_sends_the_reason_and_note(
    views_block, admin, editor, committed
):
    contribution = submit(views_block, {"text": "Fler bänkar."})
    reason = RejectionReason.objects.order_by("sort_order").first()

    with received(signals.contribution_moderated) as calls, committed():
        response = admin.post(
            contributions_url("reject", contribution.pk),
            {"reason": reason.pk, "note": "Skriv gärna igen."},
        )

    assert response.status_code == 302
    [call] = calls
    assert call["contribution"] == contribution
    assert call["contribution"].status == ContributionStatus.REJECTED
    assert call["decision"] == signals.REJECTED
    assert call["moderator"] == editor
    assert call["reason"] == reason
    assert call["note"] == "Skriv gärna igen."


def test_a_bulk_decision_sends_one_signal_per_contribution(
    views_block, admin, committed
):
    chosen = [submit(views_block, {"text": f"Förslag {n}"}) for n in range(3)]

    with received(signals.contribution_moderated) as calls, committed():
        response = admin.post(
            contributions_url("bulk"),
            {"contributions": [c.pk for c in chosen], "action": "approve"},
        )

    assert response.status_code == 302
    assert sorted(call["contribution"].pk for call in calls) == sorted(
        c.pk for c in chosen
    )
    assert {call["decision"] for call in calls} == {signals.APPROVED}


# -- official_response_published -----------------------------------------------


@pytest.fixture
def councillor(body_factory):
    return Contact.objects.create(
        name="Anna Ordförande",
        kind=Contact.Kind.ELECTED,
        title="Ordförande",
        body=body_factory(name="Tekniska nämnden"),
    )


def answer(admin, contribution, contact, text, action):
    return admin.post(
        reverse("wagtail_delaktighet_admin:respond", args=[contribution.pk]),
        {"signed_by": contact.pk, "text": text, "action": action},
    )


def test_publishing_an_answer_in_the_admin_sends_official_response_published(
    ask, admin, editor, councillor, committed
):
    asked = submit(ask, {"question": "När börjar bygget?"})

    with (
        received(signals.official_response_published) as published,
        received(signals.contribution_moderated) as moderated,
        committed(),
    ):
        response = answer(admin, asked, councillor, "I maj.", action="publish")

    assert response.status_code == 302
    stored = OfficialResponse.objects.get(contribution=asked)
    assert published == [
        {
            "sender": OfficialResponse,
            "response": stored,
            "contribution": asked,
            "signed_by": councillor,
            "published_by": editor,
        }
    ]
    assert published[0]["response"].is_published
    # The question was pending: the answer published it, a decision of its own.
    [decision] = moderated
    assert decision["contribution"] == asked
    assert decision["decision"] == signals.APPROVED


def test_a_draft_answer_sends_nothing_until_it_is_published(
    ask, admin, councillor, committed
):
    asked = submit(ask, {"question": "När börjar bygget?"})

    with received(signals.official_response_published) as calls, committed():
        answer(admin, asked, councillor, "Utkast", action="draft")
        assert OfficialResponse.objects.filter(contribution=asked).exists()
        assert calls == []
        answer(admin, asked, councillor, "I maj.", action="publish")

    [call] = calls
    assert call["response"].text == "I maj."


# -- feedback_published --------------------------------------------------------


@pytest.fixture
def closed_dialogue(make_dialogue):
    now = timezone.now()
    return make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )


def test_publishing_feedback_sends_feedback_published(closed_dialogue, committed):
    with received(signals.feedback_published) as calls, committed():
        feedback = make_feedback(closed_dialogue, kind=FeedbackKind.FINAL)

    [call] = calls
    assert call["sender"] is FeedbackPage
    assert call["page"] == feedback
    assert call["page"].live
    assert call["dialogue"] == closed_dialogue
    assert call["revision"] == feedback.live_revision


def test_a_draft_or_scheduled_feedback_page_sends_nothing(closed_dialogue, committed):
    with received(signals.feedback_published) as calls, committed():
        make_feedback(closed_dialogue, live=False)
        scheduled = make_feedback(closed_dialogue, live=False)
        scheduled.go_live_at = timezone.now() + timedelta(days=2)
        scheduled.save_revision().publish()
        assert not FeedbackPage.objects.get(pk=scheduled.pk).live

    assert calls == []
