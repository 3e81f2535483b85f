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


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """pytest-django's test databases; with SQLite in memory, migrated once
    per run and copied to each worker (tests/fixtures/database.py)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    from example_site.home.demo.site import build_home_page
    from tests.fixtures import database

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)

    def set_up_every_alias():
        return setup_databases(
            verbosity=0,
            interactive=False,
            aliases=aliases,
            serialized_aliases=serialized_aliases,
        )

    def prepare():
        # The home page of every test's site (the home_page fixture), made
        # once per run rather than for each test.
        if "default" in aliases:
            build_home_page()

    copies = aliases == {"default"} and not serialized_aliases
    with django_db_blocker.unblock():
        if copies and database.is_in_memory_sqlite(connection):
            state = database.set_up(
                connection, tmp_path_factory, set_up_every_alias, prepare
            )
        else:
            state = ("migrated", set_up_every_alias())
            prepare()
    yield
    with django_db_blocker.unblock():
        database.tear_down(connection, state, teardown_databases)


#: Folders whose tests share costly set-up per worker (a browser, server
#: processes, the demo): with ``--dist loadgroup`` (``make test``) each runs on
#: one worker, which sets it up once.
SHARED_SET_UP = ("browser", "traffic", "demo")


def pytest_collection_modifyitems(items):
    for item in items:
        folder = item.path.parent.name
        if folder in SHARED_SET_UP and item.path.parent.parent.name == "tests":
            item.add_marker(pytest.mark.xdist_group(folder))
