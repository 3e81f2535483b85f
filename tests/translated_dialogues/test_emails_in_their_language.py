"""A resident is written to in the language they used: following through
the English version of a dialogue, or contributing through it, gets them
English email; the same through the Swedish version, Swedish email."""

import pytest
from django.core import mail

from tests.feedback.support import make_feedback
from tests.following.support import emails_to, follow, links_in, local_path
from tests.participation.support import views
from wagtail_delaktighet.models import Contribution, Subscription
from wagtail_delaktighet.moderation import decisions

from .support import browser, translate_with_core
from .support import english as english_locale

pytestmark = pytest.mark.django_db


@pytest.fixture
def swedish_and_english(translations_on, consultation_dialogue):
    swedish = consultation_dialogue(body=[views()])
    swedish.page.title = "Parken"
    swedish.page.save_revision().publish()
    english = translate_with_core(swedish.page)
    english.page.title = "The park"
    english.page.save_revision().publish()
    return swedish, english


def test_a_follower_is_asked_to_confirm_in_their_language(
    swedish_and_english, django_capture_on_commit_callbacks
):
    swedish, english = swedish_and_english
    english_reader, swedish_reader = browser("en"), browser("sv")

    with django_capture_on_commit_callbacks(execute=True):
        follow(english_reader, english.page, "anna@example.org")
        follow(swedish_reader, swedish.page, "bo@example.org")

    [to_anna] = emails_to("anna@example.org")
    [to_bo] = emails_to("bo@example.org")
    assert to_anna.subject == "Confirm that you want feedback on “The park”"
    assert to_bo.subject == "Bekräfta att du vill ha återkoppling på ”Parken”"
    # Both follow the one consultation, and the English link confirms it.
    followed = Subscription.objects.order_by("email")
    assert [(s.page_id, s.language) for s in followed] == [
        (swedish.page.pk, "en"),
        (swedish.page.pk, "sv"),
    ]
    [link] = links_in(to_anna)
    assert english_reader.post(local_path(link)).status_code == 200
    assert Subscription.objects.get(email="anna@example.org").confirmed_at


def test_a_rejected_author_is_told_in_their_language(
    swedish_and_english, editor, rejection_reason, django_capture_on_commit_callbacks
):
    swedish, english = swedish_and_english
    rejection_reason.tell_author = True
    rejection_reason.save()
    for client, dialogue, email in (
        (browser("en"), english, "anna@example.org"),
        (browser("sv"), swedish, "bo@example.org"),
    ):
        block = dialogue.block("views")
        fields = {"text": "Fler bänkar.", "name": "N", "email": email, "consent": "on"}
        assert block.post(client, fields).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        for contribution in Contribution.objects.order_by("pk"):
            decisions.reject(contribution, user=editor, reason=rejection_reason)

    [to_anna] = emails_to("anna@example.org")
    [to_bo] = emails_to("bo@example.org")
    assert to_anna.subject == "Your contribution to “The park” was not published"
    assert to_bo.subject == "Ditt bidrag till ”Parken” publicerades inte"
    assert len(mail.outbox) == 2


def test_feedback_is_announced_once_in_each_readers_language(
    swedish_and_english, django_capture_on_commit_callbacks
):
    swedish, english = swedish_and_english
    anna, bo = browser("en"), browser("sv")
    with django_capture_on_commit_callbacks(execute=True):
        follow(anna, english.page, "anna@example.org")
    [to_anna] = emails_to("anna@example.org")
    [link] = links_in(to_anna)
    assert anna.post(local_path(link)).status_code == 200
    # Bo took part in Swedish and gave his address with consent.
    fields = {"text": "Mer ljus.", "name": "Bo", "email": "bo@example.org"}
    posted = swedish.block("views").post(bo, {**fields, "consent": "on"})
    assert posted.status_code == 302
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        feedback = make_feedback(swedish.page, live=False)
        # The English feedback page first: a translation announces nothing.
        translated = feedback.copy_for_translation(english_locale())
        translated.save_revision().publish()
        assert mail.outbox == []
        feedback.save_revision().publish()

    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("anna@example.org", "Feedback published: “The park”"),
        ("bo@example.org", "Återkoppling publicerad: ”Parken”"),
    ]
    assert Subscription.objects.get(email="bo@example.org").language == "sv"
