"""Following a dialogue through the REST API: the double opt-in of the
following service, the same answer for any address, and the emailed
token to confirm or unsubscribe."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import override_delaktighet
from wagtail_delaktighet.models import Subscription

from .support import API, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(make_dialogue):
    return make_dialogue()


def follow(client, page, email):
    return post_json(client, f"{API}dialogues/{page.pk}/follow/", {"email": email})


def test_following_sends_a_confirmation_and_tells_nothing(
    client, dialogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = follow(client, dialogue, "Karin@Example.com")
    assert first.status_code == 202
    assert len(mail.outbox) == 1
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    again = follow(client, dialogue, "karin@example.com")
    other = follow(client, dialogue, "someone.else@example.com")
    assert first.json() == again.json() == other.json()
    assert first.json()["code"] == "sent"
    assert "karin" not in first.content.decode()


def test_confirm_and_unsubscribe_by_token(client, dialogue):
    follow(client, dialogue, "karin@example.com")
    token = Subscription.objects.get().token
    base = f"{API}dialogues/{dialogue.pk}/follow/"
    confirmed = post_json(client, f"{base}confirm/", {"token": token})
    assert (confirmed.status_code, confirmed.json()) == (200, {"code": "confirmed"})
    twice = post_json(client, f"{base}confirm/", {"token": token})
    assert twice.json() == {"code": "already_confirmed"}
    stopped = post_json(client, f"{base}unsubscribe/", {"token": token})
    assert stopped.json() == {"code": "unsubscribed"}
    assert Subscription.objects.get().unsubscribed_at is not None
    unknown = post_json(client, f"{base}confirm/", {"token": "x" * 40})
    assert unknown.status_code == 404
    assert unknown.json()["code"] == "not_found"


def test_a_token_works_on_its_own_dialogue_only(client, dialogue, make_dialogue):
    follow(client, dialogue, "karin@example.com")
    token = Subscription.objects.get().token
    other = make_dialogue()
    url = f"{API}dialogues/{other.pk}/follow/confirm/"
    assert post_json(client, url, {"token": token}).status_code == 404


def test_refusals(client, dialogue, rate_limit_window):
    bad = follow(client, dialogue, "not an address")
    assert bad.status_code == 400
    assert "email" in bad.json()["errors"]
    assert follow(client, dialogue, None).status_code == 400
    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=1):
        assert follow(client, dialogue, "a@example.com").status_code == 202
        limited = follow(client, dialogue, "b@example.com")
    assert limited.status_code == 429
    assert "Retry-After" in limited


def test_nothing_left_to_follow_after_the_final_feedback(client, make_dialogue):
    now = timezone.now()
    page = make_dialogue(
        opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=1)
    )
    make_feedback(page)
    response = follow(client, page, "karin@example.com")
    assert response.status_code == 409
    assert response.json()["code"] == "feedback_published"
