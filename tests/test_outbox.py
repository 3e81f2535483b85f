"""The outbox: each email is queued once by its key, sent by a background
task, and kept pending with its error when the mail server fails."""

import smtplib
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings

from wagtail_delaktighet.models import OutboxEmail, OutboxKind
from wagtail_delaktighet.outbox import Email, queue_emails

pytestmark = pytest.mark.django_db


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


FAILING = override_settings(EMAIL_BACKEND=f"{__name__}.FailingBackend")


def send_pending():
    out = StringIO()
    call_command("delaktighet_send_pending_emails", stdout=out)
    return out.getvalue()


def reminder(recipient="anna@example.se", key="test:1", unsubscribe_url=""):
    return Email(
        key=key,
        kind=OutboxKind.REMINDER,
        recipient=recipient,
        template="testapp/emails/hello",
        context={"name": "Anna"},
        unsubscribe_url=unsubscribe_url,
    )


def test_an_email_is_queued_once_per_key_and_sent_once(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_emails([reminder(), reminder()]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert queue_emails([reminder()]) == 0
    assert OutboxEmail.objects.count() == 1
    assert len(mail.outbox) == 1
    row = OutboxEmail.objects.get()
    assert row.sent_at is not None and row.attempts == 1
    assert mail.outbox[0].to == ["anna@example.se"]
    # The subject template's line break and indentation become one line.
    assert mail.outbox[0].subject == row.subject == "Hello Anna"
    assert mail.outbox[0].body == "Hello Anna, this is the body.\n"


def test_the_unsubscribe_link_becomes_one_click_headers(
    django_capture_on_commit_callbacks,
):
    link = "https://alvby.example/dialoger/parken/follow/unsubscribe/abc/"
    with django_capture_on_commit_callbacks(execute=True):
        queue_emails([reminder(unsubscribe_url=link)])
    headers = mail.outbox[0].extra_headers
    assert headers["List-Unsubscribe"] == f"<{link}>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_failing_mail_server_leaves_rows_pending_until_a_retry_sends_them(
    django_capture_on_commit_callbacks,
):
    with FAILING, django_capture_on_commit_callbacks(execute=True):
        queue_emails([reminder("anna@example.se", "a"), reminder("bo@example.se", "b")])
    assert mail.outbox == []
    pending = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert all("Connection unexpectedly closed" in row.last_error for row in pending)

    with FAILING:
        assert send_pending() == "Sent 0 email(s); 2 still pending.\n"
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {2}

    send_pending()
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()
    assert set(OutboxEmail.objects.values_list("last_error", flat=True)) == {""}

    send_pending()
    assert len(mail.outbox) == 2
