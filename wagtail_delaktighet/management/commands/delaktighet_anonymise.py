"""Remove personal data whose retention period has ended: run it from cron
once a day. What is removed when is in retention/anonymise.py."""

from django.core.management.base import BaseCommand

from ...retention.anonymise import run

COUNT_LABELS = {
    "contributions": "contributions anonymised",
    "personal_data": "names and email addresses deleted",
    "background_answers": "background answers folded into counts",
    "participants": "participant keys replaced",
    "subscriptions": "subscriptions deleted",
    "emails": "sent emails blanked",
}


class Command(BaseCommand):
    help = (
        "Remove the personal data of dialogues whose retention period (closing "
        "date plus the dialogue's or the site's number of months) has ended: "
        "names, email addresses, participant keys and accounts of their "
        "contributions, and their subscriptions. Also delete unconfirmed "
        "subscriptions whose link has expired and blank the recipient and body "
        "of old sent emails. Contributions, counts and results stay. Safe to "
        "run again: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Report what would be removed, without changing anything.",
        )

    def handle(self, *args, dry_run=False, **options):
        report = run(dry_run=dry_run)
        verb = "would be" if dry_run else "were"
        for page, counts in report.dialogues:
            details = ", ".join(
                f"{counts[name]} {label}" for name, label in COUNT_LABELS.items()
            )
            self.stdout.write(f"“{page.title}” (page {page.pk}): {details}")
        self.stdout.write(
            f"{len(report.dialogues)} dialogue(s) past their retention period; "
            f"{report.expired_subscriptions} unconfirmed subscription(s) with an "
            f"expired link {verb} deleted; {report.outbox_emails} sent email(s) "
            f"{verb} blanked for their age."
        )
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
