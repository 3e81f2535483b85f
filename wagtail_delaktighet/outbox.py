"""Queueing and delivering email through the outbox (models/outbox.py).

``queue_emails`` writes rows (never the same key twice) and, once the
transaction commits, enqueues one background task per new row. ``deliver``
sends one row and records the outcome; a failure leaves the row pending with
its error, and ``deliver_pending`` (the ``delaktighet_send_pending_emails``
command, run from cron) tries again.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models.outbox import OutboxEmail

logger = logging.getLogger(__name__)


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


def render(template, context):
    """Subject and body in the site's language, whoever triggered the email."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}_body.txt", context)
    # A subject is one line, whatever the template's whitespace.
    return " ".join(subject.split())[:255], body


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
        subject, body = render(email.template, email.context)
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
    from .tasks import deliver_outbox_email

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


def deliver(outbox_id):
    """Send one pending row; True if it was sent now."""
    with transaction.atomic():
        # The row stays locked while it is sent, so two workers never both
        # send it (PostgreSQL and MariaDB; SQLite serialises writes anyway).
        row = (
            OutboxEmail.objects.select_for_update()
            .filter(pk=outbox_id, sent_at__isnull=True)
            .first()
        )
        if row is None:
            return False
        row.attempts += 1
        try:
            _message(row).send()
        except Exception as error:  # noqa: BLE001 - any mail failure is retried
            logger.warning("Email %s to the outbox recipient failed: %s", row.pk, error)
            row.last_error = f"{type(error).__name__}: {error}"[:2000]
            row.save(update_fields=["attempts", "last_error"])
            return False
        row.sent_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["attempts", "last_error", "sent_at"])
        return True


def deliver_pending(limit=None):
    """Try every pending row once, oldest first; return (sent, failed)."""
    pending = OutboxEmail.objects.filter(sent_at__isnull=True).order_by("pk")
    ids = list(pending.values_list("pk", flat=True)[:limit])
    sent = sum(1 for outbox_id in ids if deliver(outbox_id))
    return sent, len(ids) - sent
