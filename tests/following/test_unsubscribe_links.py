"""The unsubscribe link in emails, whatever comes in the address and whatever
protects the dialogue: a made-up page id or token is a 404 (never a 500),
and a password-protected or private dialogue can be left without its
password, showing nothing of the dialogue but its title."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageViewRestriction

from wagtail_delaktighet.following.subscriptions import unsubscribe_links
from wagtail_delaktighet.models import Subscription

from .support import (
    emails_to,
    follow,
    links_in,
    local_path,
    soup_of,
    text_of,
    unsubscribe_path,
)

pytestmark = pytest.mark.django_db

SECRET = "Hemlig sammanfattning om parken"


@pytest.fixture
def dialogue(make_dialogue):
    return make_dialogue(
        title="Parken", summary=SECRET, search_description="Hemlig beskrivning"
    )


@pytest.fixture
def subscription(dialogue):
    return Subscription.objects.create(
        page=dialogue, email="karin@example.com", confirmed_at=timezone.now()
    )


@pytest.fixture
def mail_program(new_client):
    """A mail program's server: no cookie, no CSRF token (RFC 8058)."""
    return new_client(enforce_csrf_checks=True)


def link_in_email(subscription):
    return local_path(unsubscribe_links(subscription.page)(subscription.token))


def one_click_path(page_id, token):
    return f"/delaktighet/follow/{page_id}/unsubscribe/{token}/"


@pytest.mark.parametrize(
    "page_id", ["9" * 25, "9" * 19, "9" * 18, "-1", "1%00", "%EF%BC%91"]
)
def test_a_made_up_page_id_is_not_found(client, mail_program, subscription, page_id):
    path = one_click_path(page_id, subscription.token)

    assert client.get(path).status_code == 404
    # A path the package does not match falls to Wagtail's page serving,
    # whose CSRF check refuses the bare POST first.
    assert mail_program.post(path).status_code in (403, 404)
    subscription.refresh_from_db()
    assert subscription.is_active


@pytest.mark.parametrize(
    "token", ["%00", "abc%00def", "x" * 65, "a%20b", "%C3%A5", "..", "a.b"]
)
def test_a_made_up_token_is_not_found(
    client, mail_program, dialogue, subscription, token
):
    for path in (
        one_click_path(dialogue.pk, token),
        one_click_path(dialogue.pk, subscription.token + token),
        unsubscribe_path(dialogue, "TOKEN").replace("TOKEN", token),
        dialogue.url + f"follow/confirm/{token}/",
    ):
        assert client.get(path).status_code == 404, path
        assert mail_program.post(path).status_code in (403, 404), path
    subscription.refresh_from_db()
    assert subscription.is_active


def test_the_link_in_emails_is_the_packages_own_address(subscription):
    assert link_in_email(subscription) == reverse(
        "wagtail_delaktighet:unsubscribe",
        args=(subscription.page_id, subscription.token),
    )


@pytest.fixture(params=["password", "login"])
def protected(request, dialogue):
    if request.param == "password":
        restriction = PageViewRestriction.objects.create(
            page=dialogue, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
    else:
        restriction = PageViewRestriction.objects.create(
            page=dialogue, restriction_type=PageViewRestriction.LOGIN
        )
    return restriction


def test_a_protected_dialogue_can_be_left_without_its_password(
    client, dialogue, subscription, protected
):
    # The dialogue's own page (and its routes) ask for the password or a login.
    assert SECRET not in client.get(dialogue.url).content.decode()
    link = link_in_email(subscription)

    opened = client.get(link)

    assert opened.status_code == 200
    main = soup_of(opened).find("main")
    assert "Do you want to stop emails about the dialogue “Parken”?" in text_of(main)
    form = main.find("form")
    assert form["action"] == link
    content = opened.content.decode()
    assert SECRET not in content
    assert "Hemlig beskrivning" not in content
    subscription.refresh_from_db()
    assert subscription.is_active

    done = client.post(link)

    assert done.status_code == 200
    assert "You are unsubscribed" in text_of(soup_of(done).find("main"))
    assert SECRET not in done.content.decode()
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_one_click_works_on_a_protected_dialogue(mail_program, subscription, protected):
    response = mail_program.post(
        link_in_email(subscription),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_a_public_dialogues_unsubscribe_page_links_back_to_it(
    client, dialogue, subscription
):
    opened = client.get(link_in_email(subscription))

    back = soup_of(opened).find("main").find("a", string=lambda s: "Back to" in s)
    assert back["href"] == dialogue.url


def test_a_private_dialogues_links_work_for_a_signed_in_follower(
    admin, dialogue, django_capture_on_commit_callbacks
):
    PageViewRestriction.objects.create(
        page=dialogue, restriction_type=PageViewRestriction.LOGIN
    )
    with django_capture_on_commit_callbacks(execute=True):
        follow(admin, dialogue, "karin@example.com")
    [message] = emails_to("karin@example.com")
    [confirm] = links_in(message)

    assert admin.get(local_path(confirm)).status_code == 200
    confirmed = admin.post(local_path(confirm))

    assert confirmed.status_code == 200
    assert "your email is confirmed" in text_of(soup_of(confirmed).find("main"))
    assert Subscription.objects.get().is_active
    follower = Subscription.objects.get()
    page_route = admin.get(unsubscribe_path(dialogue, follower.token))
    assert page_route.status_code == 200
    assert SECRET not in page_route.content.decode()
