"""A reminder to evaluate: a live dialogue closed ``EVALUATION_REMINDER_DAYS``
days ago or more without a staff evaluation gets one email to its contacts
(the same recipients as the feedback reminders), sent by the daily
``delaktighet_send_reminders`` command.

Only dialogues that closed within ``FEEDBACK_REMINDER_DAYS`` days after the
reminder became due are reminded, so that a first run on an existing site
does not remind about every old dialogue. Each reminder is an outbox row
keyed by dialogue and recipient: it is sent once.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from ..conf import delaktighet_settings
from ..consultations import only_consultation_pages
from ..feedback.reminders import absolute_admin_url, reminder_recipients
from ..mail.outbox import Email, queue_emails
from ..models import (
    DelaktighetSettings,
    DialogueContact,
    DialoguePage,
    OutboxEmail,
    OutboxKind,
)
from ..models.following import normalise_email

TEMPLATE = "wagtail_delaktighet/emails/evaluation_reminder"


@dataclass
class EvaluationReminder:
    dialogue: DialoguePage
    recipient: str

    @property
    def key(self):
        return f"evaluation:{self.dialogue.pk}:{normalise_email(self.recipient)}"[
            : OutboxEmail._meta.get_field("key").max_length
        ]


def dialogues_to_evaluate(today):
    """Live dialogues closed long enough ago, not too long ago, with no
    evaluation, with their contacts."""
    due = today - timedelta(days=delaktighet_settings.EVALUATION_REMINDER_DAYS)
    oldest = due - timedelta(days=delaktighet_settings.FEEDBACK_REMINDER_DAYS)
    contacts = DialogueContact.objects.select_related("contact").order_by(
        "sort_order", "pk"
    )
    # Staff are reminded once of a dialogue in several languages.
    return (
        only_consultation_pages(DialoguePage.objects.live())
        .filter(
            closes_at__lt=_start_of(due + timedelta(days=1)),
            closes_at__gte=_start_of(oldest),
            evaluation__isnull=True,
        )
        .prefetch_related(Prefetch("dialogue_contacts", queryset=contacts))
        .order_by("closes_at", "pk")
    )


def plan_evaluation_reminders(today=None):
    """The reminders to evaluate that have not been queued before."""
    today = today or timezone.localdate()
    candidates = [
        EvaluationReminder(dialogue, email)
        for dialogue in dialogues_to_evaluate(today)
        for email in reminder_recipients(dialogue)
    ]
    sent = set(
        OutboxEmail.objects.filter(
            key__in=[reminder.key for reminder in candidates]
        ).values_list("key", flat=True)
    )
    return [reminder for reminder in candidates if reminder.key not in sent]


def queue_evaluation_reminders(reminders):
    """Queue them in the outbox; returns the number queued."""
    emails = []
    for reminder in reminders:
        dialogue = reminder.dialogue
        site = dialogue.get_site()
        context = {
            "dialogue": dialogue,
            "closed_on": timezone.localdate(dialogue.closes_at),
            "evaluate_url": absolute_admin_url(
                reverse("wagtailsnippets_wagtail_delaktighet_dialogueevaluation:add"),
                site,
            ),
        }
        emails.append(
            Email(
                key=reminder.key,
                kind=OutboxKind.EVALUATION_REMINDER,
                recipient=reminder.recipient,
                template=TEMPLATE,
                context=context,
                page=dialogue,
                from_email=DelaktighetSettings.sender_for(dialogue),
            )
        )
    with transaction.atomic():
        return queue_emails(emails)


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time()))
