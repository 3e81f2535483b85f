import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEFAULT_USERNAME = "admin"
DEFAULT_PASSWORD = "delaktighet-demo"  # noqa: S105 - the demo site's printed login
DEFAULT_MODERATOR_PASSWORD = "delaktighet-moderator"  # noqa: S105 - likewise


class Command(BaseCommand):
    help = (
        "Create or reset the demo superuser and print its login, and the demo "
        "moderator's once the demo content is loaded. Only for the example "
        "site: passwords come from DEMO_ADMIN_PASSWORD and "
        "DEMO_MODERATOR_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--admin-url",
            default="http://127.0.0.1:8000/admin/",
            help="The admin address to print with the login.",
        )

    def handle(self, *args, **options):
        username = os.environ.get("DEMO_ADMIN_USERNAME", DEFAULT_USERNAME)
        password = os.environ.get("DEMO_ADMIN_PASSWORD", DEFAULT_PASSWORD)
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@alvby.example"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(password)
        user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Wagtail admin: {options['admin_url']} "
                f"username: {username} password: {password}"
            )
        )
        self._reset_moderator(options["admin_url"])

    def _reset_moderator(self, admin_url):
        from ...demo.moderation import set_moderator_password

        password = os.environ.get("DEMO_MODERATOR_PASSWORD", DEFAULT_MODERATOR_PASSWORD)
        moderator = set_moderator_password(password)
        if moderator is not None:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Moderator (sees and moderates the demo dialogues): "
                    f"{admin_url} username: {moderator.username} "
                    f"password: {password}"
                )
            )
