"""The outbox: each email is queued once by its key, sent by a background
task, and kept pending with its error when the mail server fails; retried
after growing pauses until it is given up; claimed by one sender at a time,
so overlapping delivery runs send it once."""

import re
import smtplib
import threading
import time
from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends import locmem
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from wagtail_delaktighet.mail.outbox import Email, claim, queue_emails, retry_delay
from wagtail_delaktighet.models import OutboxEmail, OutboxKind

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
    django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(timezone.now(), tick=False)
    with FAILING, django_capture_on_commit_callbacks(execute=True):
        queue_emails([reminder("anna@example.se", "a"), reminder("bo@example.se", "b")])
    assert mail.outbox == []
    pending = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 2
    assert all("Connection unexpectedly closed" in row.last_error for row in pending)

    time_machine.shift(timedelta(minutes=5))
    with FAILING:
        assert send_pending() == (
            "Sent 0 email(s); 2 failed this run; 2 still pending; 0 given up.\n"
        )
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {2}

    time_machine.shift(timedelta(minutes=10))
    send_pending()
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()
    assert set(OutboxEmail.objects.values_list("last_error", flat=True)) == {""}

    time_machine.shift(timedelta(days=1))
    send_pending()
    assert len(mail.outbox) == 2


# -- overlapping runs ------------------------------------------------------------


class OverlappingRunBackend(BaseEmailBackend):
    """Delivers to Django's test outbox; while the first message is being
    sent, a second delivery run starts, as when cron starts the command again
    before a slow run has finished."""

    second_run = None

    def send_messages(self, messages):
        cls = OverlappingRunBackend
        if cls.second_run is None:
            cls.second_run = ""
            cls.second_run = send_pending()
        mail.outbox.extend(messages)
        return len(messages)


def test_two_overlapping_runs_send_each_email_once():
    queue_emails([reminder("anna@example.se", "a"), reminder("bo@example.se", "b")])
    assert mail.outbox == []
    OverlappingRunBackend.second_run = None

    with override_settings(EMAIL_BACKEND=f"{__name__}.OverlappingRunBackend"):
        first_run = send_pending()

    # The first run claimed Anna's email; the second, started while the
    # first was sending it, skipped it and sent Bo's, which the first then
    # found already sent.
    assert sorted(m.to[0] for m in mail.outbox) == ["anna@example.se", "bo@example.se"]
    assert first_run.startswith("Sent 1 email(s); 0 failed")
    assert OverlappingRunBackend.second_run.startswith("Sent 1 email(s); 0 failed")
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {1}


def test_only_one_claim_wins_and_a_crashed_senders_claim_expires(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    queue_emails([reminder()])
    row = OutboxEmail.objects.get()

    # A sender claims the row and dies before it sends.
    assert claim(row.pk) is not None
    assert claim(row.pk) is None
    send_pending()
    assert mail.outbox == []

    time_machine.shift(timedelta(seconds=599))
    send_pending()
    assert mail.outbox == []

    # The claim has expired: the next run sends it, once.
    time_machine.shift(timedelta(seconds=1))
    send_pending()
    send_pending()
    assert len(mail.outbox) == 1
    row.refresh_from_db()
    assert row.attempts == 2 and row.sent_at is not None


@override_settings(WAGTAIL_DELAKTIGHET={"OUTBOX_MAX_ATTEMPTS": 1})
def test_a_last_attempt_whose_sender_died_is_given_up(time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    queue_emails([reminder()])
    row = OutboxEmail.objects.get()
    assert claim(row.pk) is not None

    time_machine.shift(timedelta(seconds=600))
    assert "0 still pending; 1 given up" in send_pending()

    row.refresh_from_db()
    assert row.failed_at == timezone.now() and row.attempts == 1
    assert row.last_error.startswith("Interrupted")
    assert mail.outbox == []


# -- retries ---------------------------------------------------------------------


@override_settings(
    WAGTAIL_DELAKTIGHET={
        "OUTBOX_MAX_ATTEMPTS": 4,
        "OUTBOX_RETRY_DELAY": 60,
        "OUTBOX_RETRY_DELAY_MAX": 150,
    }
)
def test_a_failing_email_is_retried_with_growing_pauses_then_given_up(
    django_capture_on_commit_callbacks, time_machine
):
    start = timezone.now()
    time_machine.move_to(start, tick=False)
    with FAILING, django_capture_on_commit_callbacks(execute=True):
        queue_emails([reminder()])
    row = OutboxEmail.objects.get()
    assert (row.attempts, row.next_attempt_at) == (1, start + timedelta(seconds=60))

    attempts_at = []
    with FAILING:
        for _step in range(90):
            time_machine.shift(timedelta(seconds=10))
            before = row.attempts
            send_pending()
            row.refresh_from_db()
            if row.attempts != before:
                attempts_at.append((timezone.now() - start).total_seconds())

    # Pauses of 60, 120 and then 150 seconds (the longest allowed); after the
    # fourth attempt the email is given up and never tried again.
    assert attempts_at == [60, 180, 330]
    assert row.attempts == 4
    assert row.failed_at == start + timedelta(seconds=330)
    assert not row.is_pending
    assert "Connection unexpectedly closed" in row.last_error
    assert mail.outbox == []
    send_pending()
    assert mail.outbox == []
    assert "0 still pending; 1 given up" in send_pending()


def test_the_default_pauses_add_up_to_about_two_and_a_half_days():
    pauses = [retry_delay(attempt) for attempt in range(1, 12)]

    assert [pause.total_seconds() / 60 for pause in pauses] == [
        5, 10, 20, 40, 80, 160, 320, 640, 720, 720, 720,
    ]  # fmt: skip
    assert sum(pauses, timedelta()) == timedelta(hours=57, minutes=15)


DUMMY_TASKS = "django_tasks.backends.dummy.DummyBackend"


class SlowBackend(locmem.EmailBackend):
    """A mail server that takes a moment per message, so that concurrent
    runs overlap."""

    def send_messages(self, messages):
        time.sleep(0.02)
        return super().send_messages(messages)


@pytest.mark.django_db(transaction=True)
@override_settings(EMAIL_BACKEND=f"{__name__}.SlowBackend")
def test_concurrent_runs_on_their_own_connections_send_each_email_once():
    if connection.vendor == "sqlite":
        pytest.skip(
            "The tests' in-memory SQLite, shared between threads, refuses a "
            "second writer at once ('table is locked'); the overlapping-runs "
            "test covers SQLite, CI runs this one on PostgreSQL and MariaDB."
        )
    addresses = [f"person{n}@example.se" for n in range(20)]
    # No task worker runs: the emails wait for the command.
    with override_settings(TASKS={"default": {"BACKEND": DUMMY_TASKS}}):
        queue_emails(reminder(address, f"key:{address}") for address in addresses)
    assert mail.outbox == []
    start = threading.Barrier(4)
    outputs, errors = [], []

    def run():
        try:
            start.wait()
            outputs.append(send_pending())
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(m.to[0] for m in mail.outbox) == sorted(addresses)
    sent = [int(re.match(r"Sent (\d+)", output)[1]) for output in outputs]
    assert sum(sent) == 20
    assert set(OutboxEmail.objects.values_list("attempts", flat=True)) == {1}
