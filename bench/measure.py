"""Timing, query counts and peak memory of one request: in process, or for
the peak resident memory in a process of its own (bench/rss.py)."""

import json
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext


def consume(response):
    """Read the whole body, streamed or not, without keeping it."""
    if getattr(response, "streaming", False):
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        return size
    return len(response.content)


def call(action):
    response = action()
    status = getattr(response, "status_code", 200)
    assert status < 400, f"{action.__name__}: HTTP {status}"
    consume(response)


def interleaved(actions, runs):
    """Median seconds of each action, run in turn ``runs`` times after one
    warm-up each, so that drift on the machine touches all alike."""
    for action in actions:
        call(action)
    times = [[] for _ in actions]
    for _ in range(runs):
        for n, action in enumerate(actions):
            start = time.perf_counter()
            call(action)
            times[n].append(time.perf_counter() - start)
    return [statistics.median(t) for t in times]


def queries(action):
    with CaptureQueriesContext(connection) as captured:
        call(action)
    return len(captured)


def peak_memory(action):
    """Peak Python memory (MiB) allocated while the action runs: what
    ``tracemalloc`` sees, not the process's resident memory."""
    tracemalloc.start()
    try:
        call(action)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


#: Where ``python -m bench.rss`` runs from.
REPOSITORY = Path(__file__).resolve().parents[1]


def peak_rss(url):
    """The peak resident memory of a GET of ``url`` by the run's admin, in a
    fresh process against the run's database: {"before_mib", "peak_mib",
    "bytes"} (bench/rss.py)."""
    completed = subprocess.run(  # noqa: S603 - our own module, our own URL
        [sys.executable, "-m", "bench.rss", url],
        cwd=REPOSITORY,
        capture_output=True,
        text=True,
        env={**os.environ, "BENCH_DATABASE_NAME": connection.settings_dict["NAME"]},
    )
    if completed.returncode != 0:
        raise RuntimeError(f"bench.rss {url}: {completed.stderr[-2000:]}")
    return json.loads(completed.stdout.splitlines()[-1])
