"""Fixtures for the traffic tests: a database of their own on the test run's
engine, server processes of the example site, and fresh dialogues on it.

The database and the servers are made once per test worker and shared by its
traffic tests; every test posts to a dialogue of its own.
"""

import itertools
import os
import uuid

import pytest

from tests.fixtures.database import TEMPLATE_VARIABLE

from .harness import ServedDatabase, SiteServer, SiteTool, server_environment


def required_or_skip(reason):
    """Skip, unless the run requires every end-to-end test (CI sets
    ``E2E_REQUIRED=1``): then fail."""
    if os.environ.get("E2E_REQUIRED") == "1":
        pytest.fail(f"{reason} (E2E_REQUIRED=1)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def served_database(tmp_path_factory):
    """The servers' database, with the schema: the test run's engine."""
    database = ServedDatabase(
        os.environ.get("DATABASE_URL"),
        tmp_path_factory.mktemp("traffic-db"),
        name="traffic",
    )
    if database.engine == "mysql":
        pytest.importorskip("MySQLdb", reason="mysqlclient is not installed")
    try:
        database.create()
    except database.unreachable_errors() as error:
        required_or_skip(f"the {database.engine} server does not answer: {error}")
    try:
        yield database
    finally:
        database.drop()


@pytest.fixture(scope="session")
def site_tool(served_database, tmp_path_factory, django_db_setup):
    """The servers' database at hand (site_tool.py), with its schema: copied
    from the test run's migrated database where both are SQLite, otherwise
    migrated. (``django_db_setup`` first: on SQLite it makes that database,
    or waits for the worker making it, so it is there to copy.)"""
    tool = SiteTool(
        server_environment(served_database.url),
        tmp_path_factory.mktemp("site-tool") / "site-tool.log",
    )
    try:
        if not served_database.copy_schema_from(os.environ.get(TEMPLATE_VARIABLE)):
            tool("migrate")
        yield tool
    finally:
        tool.close()


@pytest.fixture(scope="session")
def site_servers(served_database, site_tool, tmp_path_factory):
    """``site_servers(count, **settings)``: that many server processes with
    the same settings (see server_settings.py), started once per worker."""
    started = {}
    logs = tmp_path_factory.mktemp("traffic-logs")

    def servers(count=1, **settings):
        key = (count, tuple(sorted(settings.items())))
        if key not in started:
            env = server_environment(served_database.url, **settings)
            names = [logs / f"server-{len(started)}-{n}.log" for n in range(count)]
            started[key] = SiteServer.start(count, env, names)
        return started[key]

    yield servers
    for group in started.values():
        for server in group:
            server.stop()


_slugs = itertools.count(1)


@pytest.fixture
def dialogue(site_tool):
    """A new open dialogue with a survey and a poll, on the servers' site."""
    made = site_tool("dialogue", f"parken-{next(_slugs)}-{uuid.uuid4().hex[:6]}")
    made["stored"] = lambda: site_tool("rows", str(made["page_id"]))
    return made
