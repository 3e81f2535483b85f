from django.core.management.base import BaseCommand

from ...demo import load_all


class Command(BaseCommand):
    help = "Create or update the example municipality's demo content (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content …")
        home = load_all(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under {home.url}"))
