"""Fixtures are shared through ``pytest_plugins``: each module in
tests/fixtures/ holds those of one subject, available to every test."""

import os

import pytest
from hypothesis import settings as hypothesis_settings

pytest_plugins = [
    "tests.fixtures.environment",
    "tests.fixtures.dialogues",
    "tests.fixtures.users",
    "tests.fixtures.consultation",
    "tests.fixtures.staff",
    "tests.fixtures.api",
    "tests.fixtures.demo",
]

# Property-based tests (Hypothesis): a modest number of examples keeps the
# suite fast; HYPOTHESIS_PROFILE=thorough searches much longer. No deadline:
# an example touches the database, whose speed varies.
hypothesis_settings.register_profile("delaktighet", max_examples=60, deadline=None)
hypothesis_settings.register_profile("thorough", max_examples=1000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "delaktighet"))


#: Folders whose tests share costly set-up per worker (a browser, server
#: processes, the demo): with ``--dist loadgroup`` (``make test``) each runs on
#: one worker, which sets it up once.
SHARED_SET_UP = ("browser", "traffic", "demo")


def pytest_collection_modifyitems(items):
    for item in items:
        folder = item.path.parent.name
        if folder in SHARED_SET_UP and item.path.parent.parent.name == "tests":
            item.add_marker(pytest.mark.xdist_group(folder))
