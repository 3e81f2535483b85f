"""Timing, query counts and peak memory of one in-process request."""

import statistics
import time
import tracemalloc

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
    """Peak Python memory (MiB) allocated while the action runs."""
    tracemalloc.start()
    try:
        call(action)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()
