from django.core.management.base import BaseCommand

from ...demo import load_all


class Command(BaseCommand):
    help = "Create or update the example municipality's demo content (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hostname",
            help=(
                "Give the default site this hostname, so that links in emails "
                "lead to the running demo (`make demo` passes its HOST)."
            ),
        )
        parser.add_argument(
            "--port",
            type=int,
            default=80,
            help="The default site's port, with --hostname (`make demo`: PORT).",
        )

    def handle(self, *args, **options):
        self.stdout.write("Loading demo content …")
        home = load_all(
            stdout=self.stdout, hostname=options["hostname"], port=options["port"]
        )
        self.stdout.write(self.style.SUCCESS(f"Demo content ready under {home.url}"))
