"""Remind dialogues' contacts of the promised feedback date, and to evaluate
a closed dialogue: run it from cron once a day. The rules are in
feedback/reminders.py and evaluation/reminders.py."""

from django.core.management.base import BaseCommand

from ...evaluation.reminders import (
    plan_evaluation_reminders,
    queue_evaluation_reminders,
)
from ...feedback.reminders import COMING_UP, DUE, plan_reminders, queue_reminders

KIND_LABELS = {COMING_UP: "Coming up", DUE: "Due"}


class Command(BaseCommand):
    help = (
        "Email the contacts of live dialogues without final feedback about "
        "the promised feedback date: once when it is FEEDBACK_REMINDER_DAYS "
        "days away or less, and once on the date (or on the first run after "
        "it, up to FEEDBACK_REMINDER_DAYS days late). Recipients: the "
        "dialogue's officials with an email address; if none has one, every "
        "contact with an email address. Each reminder is sent once; a changed "
        "date gets new reminders. Also, once, a reminder to evaluate a dialogue "
        "closed EVALUATION_REMINDER_DAYS days ago without an evaluation."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List the reminders that would be sent, without sending them.",
        )

    def handle(self, *args, dry_run=False, **options):
        plan = plan_reminders()
        for reminder in plan.reminders:
            self.stdout.write(
                f"{KIND_LABELS[reminder.kind]}: “{reminder.dialogue.title}” "
                f"(page {reminder.dialogue.pk}, promised by "
                f"{reminder.promised_on.isoformat()}) → {reminder.recipient}"
            )
        evaluations = plan_evaluation_reminders()
        for reminder in evaluations:
            self.stdout.write(
                f"Evaluate: “{reminder.dialogue.title}” "
                f"(page {reminder.dialogue.pk}) → {reminder.recipient}"
            )
        for dialogue in plan.without_recipients:
            self.stderr.write(
                f"No reminder for “{dialogue.title}” (page {dialogue.pk}): "
                "none of its contacts has an email address."
            )
        if dry_run:
            self.stdout.write(
                f"Dry run: {len(plan.reminders) + len(evaluations)} reminder(s) "
                "would be queued; nothing was sent."
            )
            return
        queued = queue_reminders(plan.reminders)
        queued += queue_evaluation_reminders(evaluations)
        self.stdout.write(f"Queued {queued} reminder(s).")
