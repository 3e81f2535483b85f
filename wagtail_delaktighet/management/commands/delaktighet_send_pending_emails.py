"""Send the outbox's pending emails that are due: run it from cron, for
example every fifteen minutes, so mail that failed (a mail server was down)
goes out. Overlapping runs are safe: each email is claimed by one sender."""

from django.core.management.base import BaseCommand

from ...mail.outbox import deliver_pending
from ...models import OutboxEmail


class Command(BaseCommand):
    help = "Send pending emails from the wagtail-delaktighet outbox."

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit", type=int, default=None, help="Send at most this many."
        )

    def handle(self, *args, limit=None, **options):
        sent, failed = deliver_pending(limit=limit)
        pending = OutboxEmail.objects.filter(
            sent_at__isnull=True, failed_at__isnull=True
        ).count()
        given_up = OutboxEmail.objects.filter(failed_at__isnull=False).count()
        self.stdout.write(
            f"Sent {sent} email(s); {failed} failed this run; "
            f"{pending} still pending; {given_up} given up."
        )
