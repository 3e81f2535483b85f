"""Fixtures are shared through ``pytest_plugins``: each module in
tests/fixtures/ holds those of one subject, available to every test."""

import os

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
