from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_no_missing_migrations():
    output = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=output)
    except SystemExit:
        pytest.fail(f"Model changes without a migration:\n{output.getvalue()}")


def test_migrations_run_on_every_supported_wagtail():
    """`make migrations` rewrites what only Wagtail 8 understands; check it ran."""
    from pathlib import Path

    from tools.portable_migrations import make_portable

    repo = Path(__file__).resolve().parents[2]
    folders = [
        repo / "wagtail_delaktighet/migrations",
        repo / "example_site/home/migrations",
        repo / "bench/migrations",
    ]
    unportable = [
        str(path.relative_to(repo))
        for folder in folders
        for path in folder.glob("0*.py")
        if make_portable(path.read_text()) != path.read_text()
    ]
    assert not unportable, (
        f"Run `make migrations` (tools/portable_migrations.py): {unportable}"
    )
