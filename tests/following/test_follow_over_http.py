"""Following a dialogue end to end through real HTTP: the form on the dialogue
page, the confirmation email and its link, unsubscribing (also with one click
from a mail program), and every way the form can be refused."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import override_delaktighet, views
from wagtail_delaktighet.models import OutboxEmail, Subscription, SubscriptionSource

from .support import (
    confirm_path,
    emails_to,
    follow,
    follow_url,
    links_in,
    local_path,
    soup_of,
    subscription,
    text_of,
    unsubscribe_path,
)

pytestmark = pytest.mark.django_db

SENT = "If the address is right, we have sent you an email with a link to confirm."


@pytest.fixture
def dialogue(make_dialogue):
    return make_dialogue()


@pytest.fixture
def follow_and_confirm(client, django_capture_on_commit_callbacks):
    """Follow ``page`` at ``email`` over HTTP and press the button behind the
    emailed link; returns the subscription."""

    def run(page, email):
        with django_capture_on_commit_callbacks(execute=True):
            follow(client, page, email)
        [message] = emails_to(email)
        [link] = links_in(message)
        assert client.post(local_path(link)).status_code == 200
        return subscription(page, email)

    return run


def test_the_dialogue_page_offers_following(client, dialogue):
    section = soup_of(client.get(dialogue.url)).find(id="follow")

    assert section.name == "section"
    assert section.find("h2").get_text(strip=True) == "Get feedback by email"
    assert "one email when the feedback" in text_of(section)
    assert "remove it with one click" in text_of(section)
    form = section.find("form")
    assert form["method"] == "post"
    assert form["action"] == follow_url(dialogue) + "#dlk-follow-errors"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    email = form.find("input", attrs={"name": "dlk-follow-email"})
    assert email["type"] == "email"
    assert section.find("label", attrs={"for": email["id"]}).get_text(" ", strip=True)
    # The honeypot is there for bots, hidden from people.
    honeypot = form.find(class_="dlk-honeypot")
    assert honeypot["aria-hidden"] == "true"
    assert honeypot.find("input")["name"] == "dlk-follow-website"


def test_the_privacy_page_is_linked_when_set(client, dialogue, home_page):
    from wagtail.models import Site

    from wagtail_delaktighet.models import DelaktighetSettings

    settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = home_page
    settings.save()

    section = soup_of(client.get(dialogue.url)).find(id="follow")

    link = section.find("a", string="How the municipality handles personal data")
    assert link["href"] == home_page.url


def test_following_sends_one_confirmation_with_a_working_link(
    client, dialogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, dialogue, "  Karin@Example.com ")

    assert response.status_code == 302
    assert response["Location"] == f"{dialogue.url}#follow"
    follower = Subscription.objects.get()
    assert follower.email == "karin@example.com"
    assert follower.page_id == dialogue.pk
    assert follower.source == SubscriptionSource.FOLLOW
    assert follower.confirmed_at is None
    [message] = mail.outbox
    assert message.to == ["karin@example.com"]
    assert dialogue.title in message.subject
    [link] = links_in(message)
    assert link == "http://localhost" + confirm_path(dialogue, follower.token)
    assert OutboxEmail.objects.get().sent_at is not None

    # The redirect shows the message in the follow section, and only there.
    page = soup_of(client.get(dialogue.url))
    section = page.find(id="follow")
    assert text_of(section.find(class_="dlk-notice--success")) == SENT
    assert [text_of(notice) for notice in page.select(".dlk-notice")] == [SENT]

    # Opening the link changes nothing: link scanners open every link.
    page = client.get(local_path(link))
    assert page.status_code == 200
    assert page["X-Robots-Tag"] == "noindex"
    assert page["Referrer-Policy"] == "same-origin"
    assert "no-store" in page["Cache-Control"]
    follower.refresh_from_db()
    assert follower.confirmed_at is None
    form = soup_of(page).select_one("main form")
    assert form["method"] == "post"
    assert form["action"] == confirm_path(dialogue, follower.token)
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("button").get_text(strip=True) == "Confirm my email"

    # The button confirms.
    confirmed = client.post(local_path(link))
    assert confirmed.status_code == 200
    assert "your email is confirmed" in text_of(soup_of(confirmed).find("main"))
    follower.refresh_from_db()
    assert follower.confirmed_at is not None
    assert follower.is_active

    # Pressing it again is harmless and says so.
    again = client.post(local_path(link))
    assert again.status_code == 200
    assert "already confirmed" in text_of(soup_of(again).find("main"))


def test_the_same_address_is_told_the_same_and_not_flooded(
    client, dialogue, follow_and_confirm, django_capture_on_commit_callbacks
):
    shown = []
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("ola@example.com", "OLA@example.com"):
            response = follow(client, dialogue, email)
            page = soup_of(client.get(response["Location"]))
            shown.append(text_of(page.find(id="follow").find(class_="dlk-notice")))

    # One confirmation a day, however often the form is posted, and the
    # same words each time.
    assert len(mail.outbox) == 1
    assert Subscription.objects.count() == 1
    assert shown == [SENT, SENT]

    # A confirmed address gets no new email, and the page says the same.
    follow_and_confirm(dialogue, "karin@example.com")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = follow(client, dialogue, "karin@example.com")
    assert mail.outbox == []
    section = soup_of(client.get(response["Location"])).find(id="follow")
    assert text_of(section.find(class_="dlk-notice")) == SENT


def test_a_pending_address_gets_a_new_confirmation_the_next_day(
    client, dialogue, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        follow(client, dialogue, "ola@example.com")
    tomorrow = timezone.localdate() + timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args: tomorrow)

    with django_capture_on_commit_callbacks(execute=True):
        follow(client, dialogue, "ola@example.com")

    assert len(mail.outbox) == 2
    # The same token: the first link still works.
    assert links_in(mail.outbox[0]) == links_in(mail.outbox[1])


def test_a_link_works_on_its_own_dialogue_only(
    client, make_dialogue, django_capture_on_commit_callbacks
):
    first, second = make_dialogue(), make_dialogue()
    with django_capture_on_commit_callbacks(execute=True):
        follow(client, first, "karin@example.com")
    token = subscription(first, "karin@example.com").token

    for path in (confirm_path(second, token), unsubscribe_path(second, token)):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404
    follower = subscription(first, "karin@example.com")
    assert follower.confirmed_at is None
    assert follower.unsubscribed_at is None


def test_an_unknown_token_is_not_found(client, dialogue):
    for path in (
        confirm_path(dialogue, "x" * 43),
        unsubscribe_path(dialogue, "x" * 43),
    ):
        assert client.get(path).status_code == 404
        assert client.post(path).status_code == 404


def test_unsubscribing_with_the_page_and_its_button(
    client, dialogue, follow_and_confirm
):
    follower = follow_and_confirm(dialogue, "karin@example.com")
    path = unsubscribe_path(dialogue, follower.token)

    page = client.get(path)
    assert page.status_code == 200
    follower.refresh_from_db()
    assert follower.is_active
    form = soup_of(page).select_one("main form")
    assert form["action"] == path
    assert form.find("button").get_text(strip=True) == "Unsubscribe"

    done = client.post(path)
    assert done.status_code == 200
    assert "You are unsubscribed" in text_of(soup_of(done).find("main"))
    follower.refresh_from_db()
    assert follower.unsubscribed_at is not None
    assert not Subscription.objects.active().exists()

    again = client.post(path)
    assert "already unsubscribed" in text_of(soup_of(again).find("main"))
    # The confirmation link is used up too: it says so, and does nothing.
    used = client.post(confirm_path(dialogue, follower.token))
    assert used.status_code == 200
    assert "no longer works" in text_of(soup_of(used).find("main"))
    follower.refresh_from_db()
    assert follower.unsubscribed_at is not None


def test_a_page_route_cannot_take_a_post_without_a_csrf_token(
    new_client, dialogue, follow_and_confirm
):
    # Why the one-click link is a URL of the package (views/following.py):
    # Django's CSRF middleware refuses the bare POST before Wagtail routes it.
    follower = follow_and_confirm(dialogue, "karin@example.com")
    mail_program = new_client(enforce_csrf_checks=True)

    response = mail_program.post(
        unsubscribe_path(dialogue, follower.token),
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 403


def test_following_again_after_unsubscribing_makes_a_new_token(
    client, dialogue, follow_and_confirm, django_capture_on_commit_callbacks
):
    follower = follow_and_confirm(dialogue, "karin@example.com")
    old_token = follower.token
    client.post(unsubscribe_path(dialogue, old_token))
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        follow(client, dialogue, "karin@example.com")

    follower.refresh_from_db()
    assert follower.token != old_token
    assert follower.confirmed_at is None
    assert follower.unsubscribed_at is None
    assert Subscription.objects.count() == 1
    [message] = mail.outbox
    assert links_in(message) == [
        "http://localhost" + confirm_path(dialogue, follower.token)
    ]
    # The old links no longer work.
    assert client.post(confirm_path(dialogue, old_token)).status_code == 404
    assert client.post(unsubscribe_path(dialogue, old_token)).status_code == 404


def test_a_get_of_the_form_address_goes_to_the_form(client, dialogue):
    response = client.get(follow_url(dialogue))

    assert response.status_code == 302
    assert response["Location"] == f"{dialogue.url}#follow"
    assert not Subscription.objects.exists()


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ("karin.example.com", "Enter an email address in the right format"),
        ("", "Enter your email address."),
    ],
)
def test_a_wrong_address_is_refused_with_an_error_summary(
    client, dialogue, email, error
):
    response = follow(client, dialogue, email)

    assert response.status_code == 200
    section = soup_of(response).find(id="follow")
    summary = section.find(id="dlk-follow-errors")
    assert summary["role"] == "alert"
    [link] = summary.find_all("a")
    assert link["href"] == "#id_dlk-follow-email"
    assert error in text_of(link)
    field = section.find(id="id_dlk-follow-email")
    assert field["value" if email else "name"] == (email or "dlk-follow-email")
    assert field["aria-invalid"] == "true"
    assert "id_dlk-follow-email_error" in field["aria-describedby"]
    assert not Subscription.objects.exists()
    assert mail.outbox == []


def test_the_honeypot_refuses_bots(client, dialogue):
    response = follow(
        client, dialogue, "bot@example.com", **{"dlk-follow-website": "spam"}
    )

    assert response.status_code == 200
    summary = soup_of(response).find(id="dlk-follow-errors")
    assert "could not take your address" in text_of(summary)
    assert not Subscription.objects.exists()
    assert not OutboxEmail.objects.exists()


@pytest.mark.usefixtures("rate_limit_window")
def test_too_many_posts_are_refused(client, dialogue):
    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=2):
        for n in range(2):
            assert follow(client, dialogue, f"a{n}@example.com").status_code == 302
        response = follow(client, dialogue, "late@example.com")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    summary = soup_of(response).find(id="dlk-follow-errors")
    assert "Please wait a while" in text_of(summary)
    # What the person wrote is kept.
    field = soup_of(response).find(id="id_dlk-follow-email")
    assert field["value"] == "late@example.com"
    assert not Subscription.objects.filter(email="late@example.com").exists()


@pytest.mark.usefixtures("rate_limit_window")
def test_follow_posts_with_errors_use_up_nothing(client, dialogue):
    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=2):
        for _n in range(12):
            assert follow(client, dialogue, "not an address").status_code == 200
        for n in range(2):
            assert follow(client, dialogue, f"a{n}@example.com").status_code == 302
        assert follow(client, dialogue, "late@example.com").status_code == 429


def test_nothing_is_left_to_follow_once_final_feedback_is_out(client, make_dialogue):
    now = timezone.now()
    dialogue = make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )
    assert soup_of(client.get(dialogue.url)).find(id="follow") is not None
    make_feedback(dialogue, kind="interim")
    assert soup_of(client.get(dialogue.url)).find(id="follow") is not None

    make_feedback(dialogue)

    page = soup_of(client.get(dialogue.url))
    assert page.find(id="follow") is None
    assert page.find(string="Get feedback by email") is None
    # A post from a page loaded before is told why, not signed up.
    response = follow(client, dialogue, "karin@example.com")
    assert response.status_code == 302
    notice = soup_of(client.get(response["Location"])).find(class_="dlk-notice")
    assert "already been published" in text_of(notice)
    assert not Subscription.objects.exists()


# -- after contributing --------------------------------------------------------


@pytest.fixture
def views_dialogue(make_dialogue):
    from tests.participation.support import publish_body

    return publish_body(make_dialogue(), [views()]).block("views")


def contribute(client, block, **fields):
    response = block.post(client, {"text": "Fler bänkar vid dammen.", **fields})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(block.page.url)


def test_after_contributing_the_receipt_offers_following(client, views_dialogue):
    page = soup_of(contribute(client, views_dialogue))

    offer = page.select_one(".dlk-follow-offer")
    assert offer["id"] == "follow"
    assert "Do you want to hear what came of it?" in text_of(offer)
    assert offer.find("form").find("input", attrs={"name": "dlk-follow-email"})
    # The form is on the page once: no second section, no repeated ids.
    assert len(page.select("input[name=dlk-follow-email]")) == 1
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))

    # On the next visit the section at the end is back.
    again = soup_of(client.get(views_dialogue.page.url))
    assert again.select_one(".dlk-follow-offer") is None
    assert again.find(id="follow").name == "section"


def test_a_contributor_who_gave_an_email_is_told_they_hear_anyway(
    client, views_dialogue
):
    page = soup_of(
        contribute(client, views_dialogue, email="karin@example.com", consent="on")
    )

    offer = page.select_one(".dlk-follow-offer")
    assert "You gave your email with your contribution" in text_of(offer)
    assert offer.find("form") is None
    # The usual section stays, for anyone else using the browser.
    assert page.find(id="follow").name == "section"
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))


def test_a_contributor_who_unsubscribed_is_not_told_they_hear(client, views_dialogue):
    Subscription.objects.create(
        page=views_dialogue.page,
        email="karin@example.com",
        unsubscribed_at=timezone.now(),
    )

    page = soup_of(
        contribute(client, views_dialogue, email="Karin@example.com", consent="on")
    )

    offer = page.select_one(".dlk-follow-offer")
    assert "You gave your email" not in text_of(offer)
    assert offer.find("form") is not None


@override_settings(LANGUAGE_CODE="en")
def test_the_confirmation_email_reads_well(
    client, dialogue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        follow(client, dialogue, "karin@example.com")

    [message] = mail.outbox
    assert message.subject == f"Confirm that you want feedback on “{dialogue.title}”"
    assert "Someone, probably you, asked" in message.body
    assert "nothing happens unless the address is confirmed" in message.body
    assert message.from_email == "delaktighet@alvby.example"
