"""Recount the stored results (poll votes, survey answers, participants and
channels) from the contributions: after an upgrade, a restore, or rows
changed outside the package. The counters are kept up to date as
contributions are stored, moderated and deleted; this puts them right if
anything went around that."""

from django.core.management.base import BaseCommand, CommandError

from ...models import ResultCount
from ...participation.counters import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the stored result counters of every dialogue (or of one, "
        "with --page) from the contributions, in one transaction."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--page", type=int, help="Only the dialogue page with this id."
        )

    def handle(self, *args, page=None, **options):
        # The page model, swappable on Wagtail 8.
        Page = ResultCount._meta.get_field("page").related_model
        if page is not None and not Page.objects.filter(pk=page).exists():
            raise CommandError(f"No page with id {page}.")
        rebuild(page=page)
        rows = ResultCount.objects.all()
        if page is not None:
            rows = rows.filter(page_id=page)
        scope = f"page {page}" if page is not None else "all dialogues"
        self.stdout.write(f"Rebuilt {rows.count()} counters for {scope}.")
