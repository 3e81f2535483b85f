"""Queueing and delivering email through the outbox (models/outbox.py).

``queue_emails`` writes rows (never the same key twice) and, once the
transaction commits, enqueues one background task per new row. ``deliver``
claims one row, sends it and records the outcome. A failure leaves the row
pending with its error and a time for the next attempt, each pause twice the
one before; ``deliver_pending`` (the ``delaktighet_send_pending_emails``
command, run from cron) sends what is due. After ``OUTBOX_MAX_ATTEMPTS``
attempts a row is given up as failed (docs/configuration.md).

No transaction is held while a message is sent: the claim (a conditional
UPDATE that one sender wins) keeps others away, and expires after
``OUTBOX_CLAIM_SECONDS`` should its sender die half way.
"""

import logging
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from ..conf import delaktighet_settings
from ..deadlocks import retrying_deadlocks
from ..models.outbox import OutboxEmail

logger = logging.getLogger(__name__)

#: The error recorded when a sender stopped before recording an outcome.
INTERRUPTED = "Interrupted: the sender stopped before the outcome was recorded."


@dataclass
class Email:
    """One message to queue: ``template`` names a pair of templates,
    ``<template>_subject.txt`` and ``<template>_body.txt``."""

    key: str
    kind: str
    recipient: str
    template: str
    context: dict = field(default_factory=dict)
    page: object = None
    from_email: str = ""
    unsubscribe_url: str = ""
    #: The language the resident used (``Contribution.language``,
    #: ``Subscription.language``); empty: the site's.
    language: str = ""


def render(template, context, language=""):
    """Subject and body in the resident's ``language`` where it is known and
    the site has it, else in the site's language, whoever triggered the
    email."""
    with translation.override(email_language(language)):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    # A subject is one line, whatever the template's whitespace.
    return " ".join(subject.split())[:255], body


def email_language(language):
    """``language`` if the site offers it (``LANGUAGES``), else the site's."""
    if language:
        try:
            return translation.get_supported_language_variant(language)
        except LookupError:
            pass
    return settings.LANGUAGE_CODE


def queue_emails(emails):
    """Write an outbox row per email whose key is new; deliver them after
    commit. Returns the number of new rows."""
    emails = list(emails)
    if not emails:
        return 0
    keys = [email.key for email in emails]
    existing = set(
        OutboxEmail.objects.filter(key__in=keys).values_list("key", flat=True)
    )
    rows = []
    for email in emails:
        if email.key in existing:
            continue
        existing.add(email.key)
        subject, body = render(email.template, email.context, email.language)
        rows.append(
            OutboxEmail(
                key=email.key,
                kind=email.kind,
                page=email.page,
                recipient=email.recipient,
                subject=subject,
                body=body,
                from_email=email.from_email or "",
                unsubscribe_url=email.unsubscribe_url,
            )
        )
    # A concurrent run may have written some keys meanwhile: those are skipped.
    OutboxEmail.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    new_keys = [row.key for row in rows]
    if new_keys:
        transaction.on_commit(lambda: _enqueue_delivery(new_keys), robust=True)
    return len(new_keys)


def _enqueue_delivery(keys):
    from ..tasks import deliver_outbox_email

    pending = OutboxEmail.objects.filter(key__in=keys, sent_at__isnull=True)
    for outbox_id in pending.values_list("pk", flat=True):
        deliver_outbox_email.enqueue(outbox_id=outbox_id)


def _message(row):
    headers = {}
    if row.unsubscribe_url:
        # RFC 8058: mail programs offer a one-click unsubscribe button.
        headers["List-Unsubscribe"] = f"<{row.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return EmailMessage(
        row.subject,
        row.body,
        row.from_email or settings.DEFAULT_FROM_EMAIL,
        [row.recipient],
        headers=headers,
    )


def claim(outbox_id):
    """Claim one due row for sending; returns a claim token, or None when the
    row is not due or another sender holds it.

    One conditional UPDATE, so exactly one of any number of concurrent
    senders wins, on every database. The attempt is counted when it is
    claimed: a message that crashes its sender is given up in the end too.
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    won = (
        OutboxEmail.objects.filter(pk=outbox_id)
        .filter(_due(now))
        .update(
            claimed_by=token,
            claimed_until=now + timedelta(seconds=_setting("OUTBOX_CLAIM_SECONDS")),
            attempts=F("attempts") + 1,
        )
    )
    return token if won else None


def deliver(outbox_id):
    """Send one row if it is due and this sender wins its claim; True if it
    was sent now. A failure is recorded on the row, to be retried later."""
    token = retrying_deadlocks(claim, outbox_id)
    return token is not None and _send(outbox_id, token)


def deliver_pending(limit=None):
    """Try every due row once, oldest first; return (sent, failed). A row
    that another sender claimed meanwhile counts as neither."""
    # Concurrent runs claim and give up rows in one statement each, which
    # InnoDB may pick as a deadlock victim: safe to repeat.
    retrying_deadlocks(give_up_interrupted)
    due = OutboxEmail.objects.filter(_due(timezone.now())).order_by("pk")
    sent = failed = 0
    for outbox_id in list(due.values_list("pk", flat=True)[:limit]):
        token = retrying_deadlocks(claim, outbox_id)
        if token is None:
            continue
        if _send(outbox_id, token):
            sent += 1
        else:
            failed += 1
    return sent, failed


def _send(outbox_id, token):
    row = OutboxEmail.objects.get(pk=outbox_id)
    try:
        _message(row).send()
    except Exception as error:  # any mail failure is retried
        logger.warning("Outbox email %s failed: %s", row.pk, error)
        _record_failure(row, token, f"{type(error).__name__}: {error}"[:2000])
        return False
    _settle(row, token, sent_at=timezone.now(), last_error="")
    return True


def retry_delay(attempts):
    """The pause after the ``attempts``-th failed attempt: OUTBOX_RETRY_DELAY
    seconds, doubled after each further failure, at most
    OUTBOX_RETRY_DELAY_MAX seconds."""
    first = _setting("OUTBOX_RETRY_DELAY")
    longest = _setting("OUTBOX_RETRY_DELAY_MAX")
    # Capped before doubling, so a large count never builds a huge number.
    doublings = min(max(attempts - 1, 0), 32)
    return timedelta(seconds=min(first * 2**doublings, longest))


def give_up_interrupted():
    """Give up rows whose last allowed attempt never recorded an outcome (its
    sender died while sending), so they show as failed, not pending."""
    now = timezone.now()
    return (
        OutboxEmail.objects.filter(
            sent_at__isnull=True,
            failed_at__isnull=True,
            attempts__gte=_setting("OUTBOX_MAX_ATTEMPTS"),
        )
        .filter(_unclaimed(now))
        .update(
            failed_at=now, claimed_by="", claimed_until=None, last_error=INTERRUPTED
        )
    )


def _due(now):
    """Rows to send now: not sent, not given up, attempts left, their pause
    over, and not held by a sender (or held by one whose claim expired)."""
    return Q(
        sent_at__isnull=True,
        failed_at__isnull=True,
        attempts__lt=_setting("OUTBOX_MAX_ATTEMPTS"),
        next_attempt_at__lte=now,
    ) & _unclaimed(now)


def _unclaimed(now):
    return Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)


def _record_failure(row, token, error):
    now = timezone.now()
    if row.attempts >= _setting("OUTBOX_MAX_ATTEMPTS"):
        logger.error("Outbox email %s given up after %s attempts", row.pk, row.attempts)
        _settle(row, token, failed_at=now, last_error=error)
    else:
        next_attempt_at = now + retry_delay(row.attempts)
        _settle(row, token, next_attempt_at=next_attempt_at, last_error=error)


def _settle(row, token, **outcome):
    # Only the claim's holder records an outcome; the claim is released.
    retrying_deadlocks(
        OutboxEmail.objects.filter(pk=row.pk, claimed_by=token).update,
        claimed_by="",
        claimed_until=None,
        **outcome,
    )


def _setting(name):
    return getattr(delaktighet_settings, name)
