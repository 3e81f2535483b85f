"""``python -m bench.rss URL``: the peak resident memory of one admin request
(an export), in a process of its own.

A benchmark run starts one per export, against the run's database
(``BENCH_DATABASE_NAME``, with the settings of ``bench.settings``): it logs in
the run's admin user, GETs ``URL``, reads the whole (streamed) body without
keeping it, and prints one JSON line: the process's peak resident set size before and
after the request, in MiB, and the body's size.
A fresh process holds nothing of the run's earlier requests, so the peak is
Django and Wagtail loaded plus what the request needed at its highest.
"""

import json
import os
import resource
import sys

#: The admin user a benchmark run creates (bench/scenarios.py).
USERNAME = "bench"


def peak_rss_mib():
    """This process's peak resident set size, in MiB: ``VmHWM`` of
    /proc/self/status, the high-water mark of its own memory. Not
    ``ru_maxrss``: Linux carries that over from the parent through fork and
    exec, so a child of a run that holds 400 MiB would report 400 MiB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    # Elsewhere (the benchmark runs on Linux): KiB on most systems.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv=None):
    [url] = sys.argv[1:] if argv is None else argv
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.test.utils import setup_test_environment

    from .measure import consume

    setup_test_environment()
    client = Client()
    client.force_login(get_user_model().objects.get(username=USERNAME))
    before = peak_rss_mib()
    response = client.get(url)
    if response.status_code >= 400:
        sys.exit(f"{url}: HTTP {response.status_code}")
    size = consume(response)
    result = {"before_mib": before, "peak_mib": peak_rss_mib(), "bytes": size}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
