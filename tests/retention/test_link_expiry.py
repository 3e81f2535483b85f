"""A link to confirm following a dialogue works for
``CONFIRMATION_LINK_MAX_AGE_DAYS`` days: an older one is refused with a page
that says what to do, asking again sends a link that works, and
delaktighet_anonymise deletes the unconfirmed subscription."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.following.support import (
    emails_to,
    follow,
    links_in,
    local_path,
    soup_of,
    text_of,
)
from tests.participation.support import override_delaktighet
from wagtail_delaktighet.models import Subscription
from wagtail_delaktighet.retention.anonymise import run

pytestmark = pytest.mark.django_db

EMAIL = "kanarie-foljer@example.org"
EXPIRED = "This link has expired: a link to confirm works for 7 days."


@pytest.fixture
def client(new_client):
    return new_client()


@pytest.fixture
def dialogue(make_dialogue):
    return make_dialogue()


@pytest.fixture
def ask(client, django_capture_on_commit_callbacks):
    """Follow the dialogue over HTTP; returns the link in the newest email."""

    def run_follow(page):
        with django_capture_on_commit_callbacks(execute=True):
            follow(client, page, EMAIL)
        message = emails_to(EMAIL)[-1]
        [link] = links_in(message)
        return local_path(link), message

    return run_follow


def works_for(days, body):
    """Whether the email says how long its link works, in the language it
    goes out in (the site's: Swedish in the tests' settings)."""
    return any(
        text in body
        for text in (
            f"The link works for {days} days.",
            f"Länken fungerar i {days} dagar.",
        )
    )


def age_links(days):
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=days))


def notice(response):
    return text_of(soup_of(response).select_one(".dlk-notice"))


def test_the_email_says_how_long_the_link_works(dialogue, ask):
    _link, message = ask(dialogue)

    assert works_for(7, message.body)


def test_a_link_within_its_days_confirms(client, dialogue, ask):
    link, _message = ask(dialogue)
    age_links(6)

    response = client.post(link)

    assert response.status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_an_expired_link_is_refused_with_a_page_that_says_why(client, dialogue, ask):
    link, _message = ask(dialogue)
    age_links(8)

    opened = client.get(link)
    pressed = client.post(link)

    for response in (opened, pressed):
        assert response.status_code == 410
        assert EXPIRED in notice(response)
        assert "ask again with the form on the dialogue's page" in notice(response)
        assert soup_of(response).find("form") is None
    assert Subscription.objects.get().confirmed_at is None


@override_delaktighet(CONFIRMATION_LINK_MAX_AGE_DAYS=30)
def test_the_number_of_days_is_a_setting(client, dialogue, ask):
    link, message = ask(dialogue)
    age_links(8)

    assert works_for(30, message.body)
    assert client.post(link).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_asking_again_sends_a_new_link_that_works(client, dialogue, ask):
    old_link, _message = ask(dialogue)
    age_links(8)

    new_link, _message = ask(dialogue)

    assert new_link != old_link
    assert client.post(old_link).status_code == 404
    assert client.post(new_link).status_code == 200
    assert Subscription.objects.get().confirmed_at is not None


def test_anonymising_deletes_unconfirmed_subscriptions_with_expired_links(
    client, dialogue, ask
):
    link, _message = ask(dialogue)
    age_links(6)
    assert run().expired_subscriptions == 0

    age_links(8)
    report = run()

    assert report.expired_subscriptions == 1
    assert not Subscription.objects.exists()
    assert client.get(link).status_code == 404
