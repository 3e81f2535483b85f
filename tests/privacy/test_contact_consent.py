"""Contributors are written to only with their consent, never about a
contribution rejected as spam, and the wording they agreed to is stored with
their consent."""

import pytest
from django.core import mail
from django.test import Client

from tests.feedback.support import make_feedback
from tests.following.support import follow, recipients
from tests.participation.support import views
from tests.staff.contributions_support import send_views, url
from wagtail_delaktighet.following.subscriptions import FOLLOW_PURPOSE, FOLLOW_USE
from wagtail_delaktighet.models import (
    ContributionPersonalData,
    OutboxEmail,
    RejectionReason,
    Subscription,
)
from wagtail_delaktighet.participation.consent import version_of

pytestmark = pytest.mark.django_db

SPAM = "Reklam eller spam"
CONSENT_SV = (
    "Jag godkänner att kommunen sparar mitt namn och min e-postadress för att "
    "kontakta mig om den här dialogen."
)


@pytest.fixture
def spam_reason():
    return RejectionReason.objects.get(name=SPAM)


@pytest.fixture
def block(consultation_dialogue):
    dialogue = consultation_dialogue(body=[views()])
    return dialogue.block("views")


def reject_in_admin(admin, contribution, reason, capture):
    with capture(execute=True):
        response = admin.post(url("reject", contribution.pk), {"reason": reason.pk})
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.rejection_reason == reason


def test_the_seeded_spam_reason_is_marked_as_spam(spam_reason):
    assert spam_reason.is_spam
    assert not RejectionReason.objects.exclude(name=SPAM).filter(is_spam=True)


def test_a_contribution_rejected_as_spam_in_the_admin_writes_to_nobody(
    admin, block, spam_reason, django_capture_on_commit_callbacks
):
    # Even a spam reason an editor set to "tell the author".
    RejectionReason.objects.filter(pk=spam_reason.pk).update(tell_author=True)
    spam_reason.refresh_from_db()
    contribution = send_views(block, "Köp klockor", email="someone@example.com")

    reject_in_admin(
        admin, contribution, spam_reason, django_capture_on_commit_callbacks
    )

    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_a_spam_address_hears_nothing_when_the_feedback_is_published(
    admin, block, spam_reason, django_capture_on_commit_callbacks
):
    spam = send_views(block, "Köp klockor", email="Someone@example.com")
    send_views(block, "Fler bänkar, tack.", email="resident@example.com")
    # The same address again, consenting: still the spam address.
    send_views(block, "Och billiga klockor.", email="someone@example.com")
    reject_in_admin(admin, spam, spam_reason, django_capture_on_commit_callbacks)
    page = block.page

    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(page, summary="Parken får fler bänkar.")

    assert recipients() == {"resident@example.com": 1}
    assert not OutboxEmail.objects.filter(recipient__iexact="someone@example.com")


def test_a_signed_up_contributor_stops_hearing_once_rejected_as_spam(
    admin, block, spam_reason, django_capture_on_commit_callbacks
):
    contribution = send_views(block, "Köp klockor", email="someone@example.com")
    page = block.page
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(page, summary="Första återkopplingen.")
    assert recipients() == {"someone@example.com": 1}
    mail.outbox.clear()

    # Rejected as spam after the first feedback signed the address up.
    reject_in_admin(
        admin, contribution, spam_reason, django_capture_on_commit_callbacks
    )
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(page, summary="Andra återkopplingen.")

    assert mail.outbox == []


def test_without_consent_a_contributor_gets_no_email(
    admin, block, django_capture_on_commit_callbacks
):
    other_reason = RejectionReason.objects.exclude(name=SPAM).first()
    contribution = send_views(block, "Ni är alla dumma.", email="a@example.com")
    # Consent withdrawn (or never recorded, as on an old paper form).
    ContributionPersonalData.objects.filter(contribution=contribution).update(
        consent=False
    )
    reject_in_admin(
        admin, contribution, other_reason, django_capture_on_commit_callbacks
    )
    page = block.page
    with django_capture_on_commit_callbacks(execute=True):
        make_feedback(page, summary="Parken får fler bänkar.")

    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_the_form_refuses_an_email_without_consent(block):
    response = block.post(Client(), {"text": "Fler bänkar.", "email": "a@example.com"})

    assert response.status_code == 200
    assert not block.contributions().exists()


def test_the_consent_text_shown_is_stored_with_the_consent(block):
    client = Client(headers={"Accept-Language": "sv"})

    response = block.post(
        client,
        {
            "text": "Fler bänkar.",
            "name": "Karin",
            "email": "karin@example.com",
            "consent": "on",
        },
    )

    assert response.status_code == 302
    form_page = client.get(block.page.url).content.decode()
    assert CONSENT_SV in form_page
    personal_data = ContributionPersonalData.objects.get(email="karin@example.com")
    assert personal_data.consent
    assert personal_data.consent_given_at is not None
    assert personal_data.consent_text == CONSENT_SV
    assert personal_data.consent_version == version_of(CONSENT_SV)
    assert len(personal_data.consent_version) == 16


def test_a_follower_s_request_stores_the_wording_shown(consultation_dialogue):
    page = consultation_dialogue(body=[views()]).page
    client = Client(headers={"Accept-Language": "en"})
    shown = client.get(page.url).content.decode()

    follow(client, page, "follower@example.com")

    subscription = Subscription.objects.get(email="follower@example.com")
    assert subscription.consent_text == f"{FOLLOW_PURPOSE} {FOLLOW_USE}"
    assert str(FOLLOW_PURPOSE) in shown and str(FOLLOW_USE) in shown
    assert subscription.consent_version == version_of(subscription.consent_text)


def test_the_contribution_detail_shows_the_consent_text(admin, block):
    contribution = send_views(block, "Fler bänkar.", email="karin@example.com")
    personal_data = ContributionPersonalData.objects.get(contribution=contribution)

    page = admin.get(url("detail", contribution.pk)).content.decode()

    assert "Consent text shown" in page
    assert personal_data.consent_text in page
    assert f"version {personal_data.consent_version}" in page
