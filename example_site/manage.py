#!/usr/bin/env python
"""Runs the example site: ``python example_site/manage.py runserver``."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # The example site is imported as the package ``example_site`` from the
    # repository root, wherever this script is called from.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
