"""Whether an address already follows a dialogue must not show in how the
follow form answers: not in its words (test_follow_over_http.py) and not in
its response time. Each kind of address makes the request run the same
queries; the decision whether to send a confirmation is taken after the
response, by a background task."""

import re

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_delaktighet.models import OutboxEmail, Subscription

from .support import follow, subscription

pytestmark = pytest.mark.django_db

#: Quoted values, numbers and savepoint names: what differs between two
#: addresses' queries.
VALUES = re.compile(r"'(?:[^']|'')*'|\b\d+(?:\.\d+)?\b|[\"`]?s\d+_x\d+[\"`]?")


def shape(sql):
    """A query without its values: its kind, tables and conditions."""
    return VALUES.sub("?", sql)


@pytest.fixture
def dialogue(make_dialogue):
    return make_dialogue()


@pytest.fixture
def addresses(dialogue):
    """One address of each kind: never seen, pending, confirmed and
    unsubscribed."""
    now = timezone.now()
    Subscription.objects.create(page=dialogue, email="pending@example.com")
    Subscription.objects.create(
        page=dialogue, email="confirmed@example.com", confirmed_at=now
    )
    Subscription.objects.create(
        page=dialogue,
        email="stopped@example.com",
        confirmed_at=now,
        unsubscribed_at=now,
    )
    return [
        "new@example.com",
        "pending@example.com",
        "confirmed@example.com",
        "stopped@example.com",
    ]


def queries_of_following(new_client, dialogue, email):
    """The queries of one post of the follow form, from a new browser, with
    the rate limit's and messages' work included as for a real visitor."""
    client = new_client()
    with CaptureQueriesContext(connection) as captured:
        response = follow(client, dialogue, email)
    assert response.status_code == 302
    return [shape(query["sql"]) for query in captured.captured_queries]


def test_every_kind_of_address_runs_the_same_queries(new_client, dialogue, addresses):
    # Warm the caches a first request fills (the site's root paths).
    queries_of_following(new_client, dialogue, "warm-up@example.com")
    runs = {
        email: queries_of_following(new_client, dialogue, email) for email in addresses
    }

    new = runs["new@example.com"]
    assert new
    for email, queries in runs.items():
        assert queries == new, email


def test_the_background_task_still_sends_only_what_it_should(
    new_client, dialogue, addresses, django_capture_on_commit_callbacks
):
    for email in addresses:
        with django_capture_on_commit_callbacks(execute=True):
            follow(new_client(), dialogue, email)

    told = sorted(address for message in mail.outbox for address in message.to)
    assert told == ["new@example.com", "pending@example.com", "stopped@example.com"]
    assert not OutboxEmail.objects.filter(recipient="confirmed@example.com").exists()
    assert subscription(dialogue, "confirmed@example.com").is_active
    reopened = subscription(dialogue, "stopped@example.com")
    assert reopened.unsubscribed_at is None
    assert reopened.confirmed_at is None
