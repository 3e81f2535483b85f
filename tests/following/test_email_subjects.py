"""Email subjects are plain text: a dialogue titled with an ampersand or a
tag arrives in the mail program as typed, on one line, not HTML-escaped."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.feedback.support import make_feedback
from wagtail_delaktighet.models import Subscription

from .support import follow

pytestmark = pytest.mark.django_db

TITLE = "Trafik & parkering <b>"


def assert_plain(subject):
    assert TITLE in subject
    assert "&amp;" not in subject and "&lt;" not in subject
    assert "\n" not in subject


def test_the_confirmation_subject_is_plain_text(
    client, make_dialogue, django_capture_on_commit_callbacks
):
    dialogue = make_dialogue(title=TITLE)

    with django_capture_on_commit_callbacks(execute=True):
        follow(client, dialogue, "karin@example.com")

    [message] = mail.outbox
    assert_plain(message.subject)


def test_the_announcement_subject_is_plain_text(
    make_dialogue, django_capture_on_commit_callbacks
):
    now = timezone.now()
    dialogue = make_dialogue(
        title=TITLE, opens_at=now - timedelta(days=30), closes_at=now - timedelta(1)
    )
    Subscription.objects.create(
        page=dialogue, email="karin@example.com", confirmed_at=now
    )

    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(dialogue, summary="Fler cykelställ vid stationen.")

    [message] = mail.outbox
    assert_plain(message.subject)
    assert TITLE in message.body
