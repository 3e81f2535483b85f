"""Send the outbox's pending emails again: run it from cron, for example every
fifteen minutes, so mail that failed (a mail server was down) goes out."""

from django.core.management.base import BaseCommand

from ...outbox import deliver_pending


class Command(BaseCommand):
    help = "Send pending emails from the wagtail-delaktighet outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Send at most this many."
        )

    def handle(self, *args, limit=None, **options):
        sent, failed = deliver_pending(limit=limit)
        self.stdout.write(f"Sent {sent} email(s); {failed} still pending.")
