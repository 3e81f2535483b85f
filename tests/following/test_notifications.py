"""Publishing final feedback tells exactly the right people, once: confirmed
followers and contributors who gave an email with consent, through the outbox,
with a working unsubscribe link in every email."""

import smtplib
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.feedback.support import make_feedback
from wagtail_delaktighet.following.notifications import announce
from wagtail_delaktighet.models import (
    Contribution,
    ContributionPersonalData,
    DelaktighetSettings,
    OutboxEmail,
    Subscription,
    SubscriptionSource,
)
from wagtail_delaktighet.models.feedback import FeedbackKind, FeedbackPage

from .support import links_in, local_path, recipients, soup_of

pytestmark = pytest.mark.django_db

ANNOUNCE = "wagtail_delaktighet.feedback.announce"
#: Loading the pages, the lock, the bulk reads and writes, the log entry.
MAX_ANNOUNCEMENT_QUERIES = 20


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPException("The mail server is down.")


@pytest.fixture
def dialogue(make_dialogue):
    now = timezone.now()
    return make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )


def follower(dialogue, email, *, confirmed=True, unsubscribed=False):
    now = timezone.now()
    return Subscription.objects.create(
        page=dialogue,
        email=email,
        confirmed_at=now if confirmed else None,
        unsubscribed_at=now if unsubscribed else None,
    )


def contributor(dialogue, email, *, consent=True):
    contribution = Contribution.objects.create(
        page=dialogue,
        block_id="block",
        block_type="views",
        content={"text": "Fler bänkar."},
    )
    ContributionPersonalData.objects.create(
        contribution=contribution, name="", email=email, consent=consent
    )
    return contribution


@pytest.fixture
def people(dialogue):
    """Everyone who might hear, and who should: a name → whether told."""
    follower(dialogue, "confirmed@example.com")
    follower(dialogue, "pending@example.com", confirmed=False)
    follower(dialogue, "stopped@example.com", unsubscribed=True)
    follower(dialogue, "stopped-unconfirmed@example.com", confirmed=False)
    Subscription.objects.filter(email="stopped-unconfirmed@example.com").update(
        unsubscribed_at=timezone.now()
    )
    contributor(dialogue, "consented@example.com")
    contributor(dialogue, "Consented@Example.com")
    contributor(dialogue, "no-consent@example.com", consent=False)
    contributor(dialogue, "")
    contributor(dialogue, "CONFIRMED@example.com")
    contributor(dialogue, "stopped@example.com")
    # A pending follower who also gave an email with consent hears.
    contributor(dialogue, "pending-contributor@example.com")
    follower(dialogue, "pending-contributor@example.com", confirmed=False)
    return {
        "confirmed@example.com": 1,
        "consented@example.com": 1,
        "pending-contributor@example.com": 1,
    }


def publish(page, capture):
    with capture(execute=True):
        page.save_revision().publish()


def publish_again(page, capture):
    """Publish the page as it is in the database, as a new revision."""
    publish(FeedbackPage.objects.get(pk=page.pk), capture)


def test_final_feedback_tells_exactly_the_right_people_once(
    dialogue, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(dialogue, summary="Parken får fler lampor.")

    assert recipients() == people
    # Contributors are signed up, confirmed by their consent, so they can
    # unsubscribe from this dialogue like anyone else.
    signed_up = Subscription.objects.get(email="consented@example.com")
    assert signed_up.source == SubscriptionSource.CONTRIBUTION
    assert signed_up.is_active
    assert not Subscription.objects.filter(email="no-consent@example.com").exists()
    # Nobody else changed.
    assert Subscription.objects.get(email="pending@example.com").confirmed_at is None
    assert Subscription.objects.get(email="stopped@example.com").unsubscribed_at
    [entry] = PageLogEntry.objects.filter(page=feedback, action=ANNOUNCE)
    assert entry.data == {"recipients": 3}
    assert OutboxEmail.objects.filter(sent_at__isnull=True).count() == 0
    assert {row.key for row in OutboxEmail.objects.all()} == {
        f"feedback:{feedback.pk}:{subscription.pk}"
        for subscription in Subscription.objects.filter(email__in=people)
    }


def test_publishing_again_tells_nobody_new(
    dialogue, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(dialogue)
    mail.outbox.clear()
    follower(dialogue, "late@example.com")

    # A new revision…
    feedback.summary = "Parken får fler lampor och bänkar."
    publish(feedback, django_capture_on_commit_callbacks)
    # …unpublishing and publishing again…
    feedback.unpublish()
    publish(
        FeedbackPage.objects.get(pk=feedback.pk), django_capture_on_commit_callbacks
    )

    assert mail.outbox == []
    assert PageLogEntry.objects.filter(page=feedback, action=ANNOUNCE).count() == 1


def test_interim_feedback_tells_nobody_until_it_becomes_final(
    dialogue, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(dialogue, kind=FeedbackKind.INTERIM)
    assert mail.outbox == []
    assert not PageLogEntry.objects.filter(action=ANNOUNCE).exists()

    feedback.kind = FeedbackKind.FINAL
    publish(feedback, django_capture_on_commit_callbacks)
    publish(
        FeedbackPage.objects.get(pk=feedback.pk), django_capture_on_commit_callbacks
    )

    assert recipients() == people


def test_a_draft_tells_nobody(dialogue, people, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(dialogue, live=False)

    assert mail.outbox == []


def test_a_second_final_page_is_announced_on_its_own(
    dialogue, people, django_capture_on_commit_callbacks
):
    # Decided: an editor who publishes another final page has something new
    # to tell, so each final page is announced once.
    with django_capture_on_commit_callbacks(execute=True):
        first = make_feedback(dialogue)
        second = make_feedback(dialogue)

    assert recipients() == dict.fromkeys(people, 2)
    for page in (first, second):
        assert PageLogEntry.objects.filter(page=page, action=ANNOUNCE).count() == 1
        assert sum(page.full_url in message.body for message in mail.outbox) == 3


def test_scheduled_publishing_announces_when_the_page_goes_live(
    dialogue, people, django_capture_on_commit_callbacks
):
    go_live_at = timezone.now() + timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(dialogue, live=False, go_live_at=go_live_at)
        FeedbackPage.objects.get(pk=feedback.pk).save_revision().publish()
    assert not FeedbackPage.objects.get(pk=feedback.pk).live
    assert mail.outbox == []

    with (
        time_machine.travel(go_live_at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("publish_scheduled")

    assert FeedbackPage.objects.get(pk=feedback.pk).live
    assert recipients() == people


def test_publishing_in_the_admin_announces(
    admin, dialogue, people, django_capture_on_commit_callbacks
):
    data = nested_form_data(
        {
            "title": "Så blev det",
            "slug": "sa-blev-det",
            "kind": "final",
            "summary": "Parken får fler lampor.",
            "we_heard": rich_text("<p>Många ville ha mer ljus.</p>"),
            "show_results": "on",
            "next_steps": rich_text(""),
            "you_said_we_did": inline_formset([]),
            "decisions": inline_formset([]),
            "milestones": inline_formset([]),
        }
    )
    data["action-publish"] = "action-publish"
    add_url = reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_delaktighet", "feedbackpage", dialogue.pk),
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(add_url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert recipients() == people


@override_settings(LANGUAGE_CODE="en")
def test_every_email_says_what_came_of_it_and_how_to_stop(
    dialogue, people, new_client, django_capture_on_commit_callbacks
):
    site = Site.objects.get(is_default_site=True)
    site_settings = DelaktighetSettings.for_site(site)
    site_settings.notification_from_email = "dialog@alvby.example"
    site_settings.save()

    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(dialogue, summary="Parken får fler lampor.")

    assert len(mail.outbox) == 3
    for message in mail.outbox:
        [address] = message.to
        subscription = Subscription.objects.get(page=dialogue, email=address)
        assert message.from_email == "dialog@alvby.example"
        assert message.subject == f"Feedback published: “{dialogue.title}”"
        assert "Parken får fler lampor." in message.body
        assert feedback.full_url.startswith("http://localhost/")
        unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
        assert links_in(message) == [feedback.full_url, unsubscribe]
        assert message.extra_headers["List-Unsubscribe-Post"] == (
            "List-Unsubscribe=One-Click"
        )
        assert subscription.token in unsubscribe
        assert OutboxEmail.objects.get(recipient=address).unsubscribe_url == (
            unsubscribe
        )

    # A person who opens the link gets the page with the button, which posts
    # to the same address.
    [message] = [m for m in mail.outbox if m.to == ["confirmed@example.com"]]
    unsubscribe = message.extra_headers["List-Unsubscribe"][1:-1]
    subscription = Subscription.objects.get(email="confirmed@example.com")
    opened = new_client().get(local_path(unsubscribe))
    assert opened.status_code == 200
    form = soup_of(opened).select_one("main form")
    assert form["action"] == local_path(unsubscribe)
    assert form.find("button").get_text(strip=True) == "Unsubscribe"
    subscription.refresh_from_db()
    assert subscription.is_active

    # The mail program's one-click button: a bare POST from its server, with
    # no cookie and no CSRF token (RFC 8058).
    mail_program = new_client(enforce_csrf_checks=True)
    response = mail_program.post(
        local_path(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
    # Pressing it again is harmless.
    again = mail_program.post(
        local_path(unsubscribe),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert again.status_code == 200


def test_the_one_click_link_works_on_its_own_dialogue_only(make_dialogue, new_client):
    first, second = make_dialogue(), make_dialogue()
    subscription = follower(first, "karin@example.com")
    mail_program = new_client(enforce_csrf_checks=True)

    for page_id, token in [
        (second.pk, subscription.token),
        (first.pk, "x" * 43),
        (999_999, subscription.token),
    ]:
        url = reverse("wagtail_delaktighet:unsubscribe", args=(page_id, token))
        assert mail_program.post(url).status_code == 404
    subscription.refresh_from_db()
    assert subscription.is_active


def test_a_failing_mail_server_loses_nothing(
    dialogue, people, django_capture_on_commit_callbacks
):
    with (
        override_settings(EMAIL_BACKEND=f"{__name__}.FailingBackend"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        make_feedback(dialogue)

    assert mail.outbox == []
    pending = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 3
    for row in pending:
        assert row.attempts == 1
        assert "SMTPException" in row.last_error

    # The next run after the pause (OUTBOX_RETRY_DELAY) sends each once.
    with time_machine.travel(timezone.now() + timedelta(minutes=5)):
        call_command("delaktighet_send_pending_emails")
        assert recipients() == people
        assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()
        assert set(OutboxEmail.objects.values_list("last_error", flat=True)) == {""}

        call_command("delaktighet_send_pending_emails")
        assert recipients() == people


def test_the_announcement_costs_the_same_for_any_number_of_people(
    make_dialogue, django_assert_max_num_queries
):
    def queries_to_announce(count):
        dialogue = make_dialogue()
        for n in range(count):
            if n % 2:
                follower(dialogue, f"follower{n}@example.com")
            else:
                contributor(dialogue, f"contributor{n}@example.com")
        feedback = make_feedback(dialogue, live=False)
        with django_assert_max_num_queries(MAX_ANNOUNCEMENT_QUERIES) as queries:
            assert announce(FeedbackPage.objects.get(pk=feedback.pk)) == count
        assert OutboxEmail.objects.filter(page=feedback).count() == count
        return len(queries.captured_queries)

    # The site's settings exist, as on any site in use; the first
    # announcement warms up the caches (content types, site root paths).
    DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    queries_to_announce(1)

    assert queries_to_announce(3) == queries_to_announce(50)
