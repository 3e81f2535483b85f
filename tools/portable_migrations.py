"""Make freshly generated migrations work on every supported Wagtail.

Wagtail 8 makes the page model swappable (``settings.WAGTAIL_PAGE_MODEL``) and
adds migrations that Wagtail 7.4 LTS does not have. ``makemigrations`` run on
Wagtail 8 writes both into our migrations; this rewrites them to the forms that
both versions understand (``swapper``) and to the newest wagtailcore migration
that 7.4 ships. ``make migrations`` runs it; a test checks it was run.
"""

import re
import sys
from pathlib import Path

OLDEST_WAGTAILCORE_MIGRATION = "0097_baselogentry_uuid_action_timestamp_indexes"

REPLACEMENTS = [
    (
        r"migrations\.swappable_dependency\(settings\.WAGTAIL_PAGE_MODEL\)",
        'swapper.dependency("wagtailcore", "Page")',
    ),
    (
        r"to=settings\.WAGTAIL_PAGE_MODEL",
        'to=swapper.get_model_name("wagtailcore", "Page")',
    ),
    (
        r"\('wagtailcore', '0(09[89]|1\d\d)_[a-z0-9_]+'\)",
        f"('wagtailcore', '{OLDEST_WAGTAILCORE_MIGRATION}')",
    ),
]


def make_portable(text):
    new = text
    for pattern, replacement in REPLACEMENTS:
        new = re.sub(pattern, replacement, new)
    if "swapper." in new and "import swapper" not in new:
        new = new.replace(
            "from django.db import", "import swapper\nfrom django.db import", 1
        )
    return new


def main(paths):
    for directory in paths:
        for path in sorted(Path(directory).glob("0*.py")):
            text = path.read_text()
            new = make_portable(text)
            if new != text:
                path.write_text(new)
                print(f"made portable: {path}")


if __name__ == "__main__":
    main(
        sys.argv[1:]
        or [
            "wagtail_delaktighet/migrations",
            "example_site/home/migrations",
            "bench/migrations",
        ]
    )
