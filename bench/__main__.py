"""``python -m bench``: build the data, measure, print and write the table.

Run through ``make bench`` (docs/development.md, "Benchmarks").
"""

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

PROFILES = {
    # contributions on one dialogue, dialogues below one index, runs per figure
    "full": ([10, 100_000, 1_000_000], [10, 1000], 15),
    "quick": ([10, 10_000], [10, 1000], 9),
    # The test suite's smoke run: every row, in seconds.
    "tiny": ([10, 30], [3, 6], 1),
}


def sizes(text):
    return [int(part.replace("_", "")) for part in text.split(",")]


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--profile", choices=PROFILES, default="full")
    parser.add_argument("--quick", dest="profile", action="store_const", const="quick")
    parser.add_argument("--contributions", type=sizes, help="e.g. 10,100000")
    parser.add_argument("--dialogues", type=sizes, help="e.g. 10,1000")
    parser.add_argument("--runs", type=int)
    parser.add_argument(
        "--output",
        type=Path,
        default=Path("docs/performance.md"),
        help="where the Markdown table goes",
    )
    parser.add_argument("--workdir", type=Path, help="for the SQLite database")
    args = parser.parse_args(argv)
    contributions, dialogues, runs = PROFILES[args.profile]
    if args.contributions or args.dialogues or args.runs:
        args.profile += ", sizes or runs given"
    args.contributions = sorted(args.contributions or contributions)
    args.dialogues = sorted(args.dialogues or dialogues)
    args.runs = args.runs or runs
    return args


def create_database(connection, start_from=None):
    """The run's own database, migrated. ``start_from`` (the environment's
    ``BENCH_START_FROM``): a SQLite file already migrated for the example
    site, to copy rather than apply every migration again — the test suite's
    smoke run passes its own."""
    creation = connection.creation
    if start_from and connection.vendor == "sqlite":
        shutil.copyfile(start_from, creation._get_test_db_name())
        creation.create_test_db(verbosity=0, keepdb=True)
    else:
        creation.create_test_db(verbosity=0, autoclobber=True)


def main(argv=None):
    args = parse(argv)
    with tempfile.TemporaryDirectory(dir=args.workdir) as workdir:
        os.environ["BENCH_WORKDIR"] = workdir
        os.environ["BENCH_DATABASE_URL"] = os.environ.get("DATABASE_URL", "")
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        import django

        django.setup()
        from django.db import connection
        from django.test.utils import setup_test_environment

        from .scenarios import run

        setup_test_environment()
        old_name = connection.settings_dict["NAME"]
        create_database(connection, os.environ.get("BENCH_START_FROM"))
        try:
            table = run(args)
        finally:
            connection.creation.destroy_test_db(old_name, verbosity=0)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(table)
    sys.stdout.write(table)


if __name__ == "__main__":
    main()
