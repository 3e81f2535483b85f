"""Reminders to a dialogue's contacts about its promised feedback date (P6),
sent by the ``delaktighet_send_reminders`` command (cron, daily).

The rule, by date only (the promise counts whatever the dialogue's status):
a live dialogue with a promised feedback date and no live final feedback gets

- a *coming up* reminder on the first run within ``FEEDBACK_REMINDER_DAYS``
  days before the date, and
- a *due* reminder on the date, or on the first run after it when the command
  did not run that day, up to ``FEEDBACK_REMINDER_DAYS`` days late. Older
  promises are left to the "Overdue feedback" report, so that a first run
  on an existing site does not remind about every old dialogue at once.

Recipients: the dialogue's officials with an email address; if none has one,
every contact with an email address (elected representatives then too), so
that a promise is never forgotten for want of an official.

Each reminder is an outbox row keyed by dialogue, kind, promised date and
recipient: a second run sends nothing twice, and a changed promised date
makes a new reminder.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.utils import get_admin_base_url

from ..conf import delaktighet_settings
from ..consultations import only_consultation_pages
from ..mail.outbox import Email, queue_emails
from ..models import (
    DelaktighetSettings,
    DialogueContact,
    DialoguePage,
    OutboxEmail,
    OutboxKind,
)
from ..models.following import normalise_email
from ..models.status import live_final_feedback

COMING_UP = "coming_up"
DUE = "due"

TEMPLATE = "wagtail_delaktighet/emails/feedback_reminder"
KEY_LENGTH = OutboxEmail._meta.get_field("key").max_length


def reminder_kind(promised_on, today, days=None):
    """Which reminder (COMING_UP, DUE or None) a promise gets today."""
    days = delaktighet_settings.FEEDBACK_REMINDER_DAYS if days is None else days
    days_left = (promised_on - today).days
    if 0 < days_left <= days:
        return COMING_UP
    if -days <= days_left <= 0:
        return DUE
    return None


def reminder_recipients(dialogue):
    """Email addresses to remind, in the dialogue's order of contacts:
    the officials, or if no official has an address, every contact."""
    contacts = [role.contact for role in dialogue.dialogue_contacts.all()]
    with_email = [contact for contact in contacts if contact.email.strip()]
    officials = [contact for contact in with_email if not contact.is_elected]
    addresses = {}
    for contact in officials or with_email:
        addresses.setdefault(normalise_email(contact.email), contact.email.strip())
    return list(addresses.values())


def reminder_key(dialogue, kind, promised_on, email):
    key = f"reminder:{dialogue.pk}:{kind}:{promised_on.isoformat()}:"
    email = normalise_email(email)
    if len(key) + len(email) > KEY_LENGTH:
        # A very long address: its hash keeps the key unique and short.
        email = hashlib.sha256(email.encode()).hexdigest()
    return key + email


@dataclass
class Reminder:
    dialogue: DialoguePage
    kind: str
    recipient: str
    promised_on: object
    today: object

    @property
    def key(self):
        return reminder_key(self.dialogue, self.kind, self.promised_on, self.recipient)

    @property
    def days_left(self):
        return (self.promised_on - self.today).days


@dataclass
class ReminderPlan:
    """The reminders not sent yet, and the dialogues that should get one but
    have no contact with an email address."""

    reminders: list = field(default_factory=list)
    without_recipients: list = field(default_factory=list)


def dialogues_to_remind(today, days=None):
    """Live dialogues whose promise falls in the reminder window, without
    live final feedback, with their contacts."""
    days = delaktighet_settings.FEEDBACK_REMINDER_DAYS if days is None else days
    contacts = DialogueContact.objects.select_related("contact").order_by(
        "sort_order", "pk"
    )
    # Staff are reminded once of a dialogue in several languages.
    return (
        only_consultation_pages(DialoguePage.objects.live())
        .filter(
            feedback_promised_on__gte=today - timedelta(days=days),
            feedback_promised_on__lte=today + timedelta(days=days),
        )
        .annotate(has_final_feedback=Exists(live_final_feedback(OuterRef)))
        .filter(has_final_feedback=False)
        .prefetch_related(Prefetch("dialogue_contacts", queryset=contacts))
        .order_by("feedback_promised_on", "pk")
    )


def plan_reminders(today=None):
    """The reminders due today that have not been queued before."""
    today = today or timezone.localdate()
    plan = ReminderPlan()
    candidates = []
    for dialogue in dialogues_to_remind(today):
        kind = reminder_kind(dialogue.feedback_promised_on, today)
        if kind is None:
            continue
        recipients = reminder_recipients(dialogue)
        if not recipients:
            plan.without_recipients.append(dialogue)
        candidates += [
            Reminder(dialogue, kind, email, dialogue.feedback_promised_on, today)
            for email in recipients
        ]
    sent = set(
        OutboxEmail.objects.filter(
            key__in=[reminder.key for reminder in candidates]
        ).values_list("key", flat=True)
    )
    plan.reminders = [r for r in candidates if r.key not in sent]
    return plan


def absolute_admin_url(path, site):
    """``WAGTAILADMIN_BASE_URL`` (or, if unset, the site's root URL) + path."""
    base = get_admin_base_url() or (site.root_url if site else "")
    return base.rstrip("/") + path


def reminder_email(reminder, site, sender):
    dialogue = reminder.dialogue
    context = {
        "dialogue": dialogue,
        "kind": reminder.kind,
        "promised_on": reminder.promised_on,
        "days_left": max(reminder.days_left, 0),
        "days_late": max(-reminder.days_left, 0),
        "edit_url": absolute_admin_url(
            reverse("wagtailadmin_pages:edit", args=[dialogue.pk]), site
        ),
        # Named in admin/urls.py; a name, so no import of the admin here.
        "report_url": absolute_admin_url(
            reverse("wagtail_delaktighet_admin:overdue_feedback"), site
        ),
        "public_url": dialogue.get_full_url() or "",
    }
    return Email(
        key=reminder.key,
        kind=OutboxKind.REMINDER,
        recipient=reminder.recipient,
        template=TEMPLATE,
        context=context,
        page=dialogue,
        from_email=sender,
    )


def queue_reminders(reminders):
    """Queue the reminders in the outbox; they are delivered once the
    transaction commits. Returns the number queued."""
    # Site and sender once per dialogue, not per recipient.
    per_dialogue, emails = {}, []
    for reminder in reminders:
        dialogue = reminder.dialogue
        if dialogue.pk not in per_dialogue:
            per_dialogue[dialogue.pk] = (
                dialogue.get_site(),
                DelaktighetSettings.sender_for(dialogue),
            )
        site, sender = per_dialogue[dialogue.pk]
        emails.append(reminder_email(reminder, site, sender))
    with transaction.atomic():
        return queue_emails(emails)
