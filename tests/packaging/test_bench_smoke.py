"""The benchmark suite (``make bench``) keeps working: its smallest run
builds its data, measures every figure and writes the table. Nothing here is
timed; the figures themselves are for ``make bench``."""

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.fixtures.database import TEMPLATE_VARIABLE

REPO = Path(__file__).resolve().parents[2]

#: Each row of the table, and how many times it appears in the smallest run
#: (two contribution sizes, two index sizes, two submission baselines).
ROWS = {
    "Dialogue page, every block type (as a voter)": 2,
    "Dialogue page rendered afresh (as a voter, after a change)": 2,
    "Results (every block's charts)": 2,
    "CSV export": 2,
    "Dialogue page, itself at the smallest size": 1,
    "Dialogue index": 2,
    "Dialogue index, filtered": 2,
    "Submission throughput (survey POST)": 2,
    "Submission floor: the required writes alone": 1,
    "API v2 listing, all fields": 1,
    "Feedback page with survey charts": 1,
}


def test_smallest_run_writes_every_row(tmp_path, django_db_setup):
    output = tmp_path / "performance.md"
    # From the test run's migrated database, if it has one of SQLite's.
    start_from = os.environ.get(TEMPLATE_VARIABLE, "")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench",
            "--profile",
            "tiny",
            "--output",
            str(output),
            "--workdir",
            str(tmp_path),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "BENCH_START_FROM": start_from},
    )
    assert completed.returncode == 0, completed.stderr[-4000:]
    table = output.read_text()
    assert completed.stdout == table
    rows = [line for line in table.splitlines() if line.startswith("| ")][1:]
    names = [row.split(" | ")[0].removeprefix("| ") for row in rows]
    assert {name: names.count(name) for name in ROWS} == ROWS
    assert len(names) == sum(ROWS.values())
    for row in rows:
        cells = row.split(" | ")
        assert cells[4].endswith("×"), row
        assert cells[6] in {"met", "**not met**", "—"}, row
    # The export's memory, measured in a process of its own (bench/rss.py).
    for row in rows:
        if row.startswith("| CSV export |"):
            assert re.search(r"peak RSS \d+ / \d+ MiB", row), row
    for line in ("- CPU: ", "- Python ", "- Date: "):
        assert line in table
    assert list(tmp_path.iterdir()) == [output]


def test_bench_models_have_their_migrations(tmp_path):
    completed = subprocess.run(
        [sys.executable, "-m", "django", "makemigrations", "bench", "--check"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_WORKDIR": str(tmp_path),
            "BENCH_DATABASE_URL": "",
        },
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
