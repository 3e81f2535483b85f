"""The run's figures as a Markdown table, with the machine it ran on."""

import os
import platform
from dataclasses import dataclass, field
from datetime import UTC, datetime

import django
import wagtail
from django.db import connection


@dataclass
class Figure:
    name: str
    size: str
    ours: float
    baseline: float
    baseline_name: str
    #: The ratio that counts (ours / baseline, or baseline / ours for throughput).
    ratio: float
    target: str = ""
    met: bool | None = None
    notes: list[str] = field(default_factory=list)


def cpu_name():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def database_version():
    vendor = connection.vendor
    with connection.cursor() as cursor:
        if vendor == "sqlite":
            cursor.execute("select sqlite_version()")
            return f"SQLite {cursor.fetchone()[0]}"
        cursor.execute("select version()")
        return cursor.fetchone()[0].split(" on ")[0]


def milliseconds(seconds):
    ms = seconds * 1000
    return f"{ms:.1f} ms" if ms >= 1 else f"{ms:.2f} ms"


def markdown(figures, profile):
    met = {True: "met", False: "**not met**", None: "—"}
    lines = [
        "# Performance",
        "",
        'Written by `make bench` (docs/development.md, "Benchmarks"). Each figure',
        "is a ratio to its baseline, measured in one run: medians of interleaved",
        "in-process requests through Django's test client.",
        "",
        f"- Profile: {profile}",
        "- The targets are for the full profile (`make bench`, up to 1,000,000",
        "  contributions) on PostgreSQL; a shorter run shows the trend.",
        f"- Date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        f"- CPU: {cpu_name()}, {os.cpu_count()} cores; load average "
        f"{os.getloadavg()[0]:.1f} at the end of the run",
        f"- Python {platform.python_version()}, Django {django.get_version()}, "
        f"Wagtail {wagtail.__version__}, {database_version()}",
        "",
        "| Figure | Size | Ours | Baseline | Ratio | Target | Result | Notes |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for f in figures:
        lines.append(
            f"| {f.name} | {f.size} | {milliseconds(f.ours)} | "
            f"{milliseconds(f.baseline)} ({f.baseline_name}) | {f.ratio:.2f}× | "
            f"{f.target or '—'} | {met[f.met]} | {'; '.join(f.notes)} |"
        )
    return "\n".join(lines) + "\n"
