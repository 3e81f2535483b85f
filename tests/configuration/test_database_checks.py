"""SQLite for more than one visitor at a time: the example site's options and
the deploy check that tells a host site which options to set."""

import json
import warnings

from django.conf import settings
from django.core.checks import run_checks
from django.db.utils import ConnectionHandler
from django.test import override_settings

from example_site.settings import database_from_url
from wagtail_delaktighet.deploy_checks import (
    RECOMMENDED_SQLITE_OPTIONS,
    check_sqlite_concurrency,
    sqlite_concurrency_warnings,
)

SQLITE_FILE = {"ENGINE": "django.db.backends.sqlite3", "NAME": "/srv/site/db.sqlite3"}


def hinted_options(message):
    """The OPTIONS the warning's hint tells the reader to set."""
    start = message.hint.index("{")
    return json.loads(message.hint[start : message.hint.index("}", start) + 1])


def check_ids(databases, *, deploy=True):
    """The ids of every check's messages with ``DATABASES`` set so."""
    with warnings.catch_warnings():
        # Django warns that overriding DATABASES is risky; only the checks
        # read it here, no connection is made.
        warnings.simplefilter("ignore", UserWarning)
        with override_settings(DATABASES=databases):
            messages = run_checks(include_deployment_checks=deploy, databases=[])
    return {message.id for message in messages}


def test_check_deploy_warns_about_sqlite_with_djangos_defaults():
    assert "wagtail_delaktighet.W018" in check_ids({"default": SQLITE_FILE})
    # On a laptop, plain `check` says nothing.
    assert "wagtail_delaktighet.W018" not in check_ids(
        {"default": SQLITE_FILE}, deploy=False
    )
    configured = {"default": {**SQLITE_FILE, "OPTIONS": RECOMMENDED_SQLITE_OPTIONS}}
    assert "wagtail_delaktighet.W018" not in check_ids(configured)


def test_sqlite_with_djangos_defaults_is_warned_about_with_the_options_to_set():
    (message,) = sqlite_concurrency_warnings({"default": SQLITE_FILE})
    assert message.id == "wagtail_delaktighet.W018"
    assert "database is locked" in message.msg
    assert "docs/installation.md" in message.hint
    assert hinted_options(message) == RECOMMENDED_SQLITE_OPTIONS
    # Following the hint silences the warning.
    configured = {**SQLITE_FILE, "OPTIONS": hinted_options(message)}
    assert sqlite_concurrency_warnings({"default": configured}) == []


def test_immediate_transactions_without_a_long_enough_wait_are_warned_about():
    for options in (
        {"transaction_mode": "IMMEDIATE"},  # Python's 5 seconds
        {"transaction_mode": "IMMEDIATE", "timeout": 2},
        {"transaction_mode": "DEFERRED", "timeout": 20},
    ):
        database = {**SQLITE_FILE, "OPTIONS": options}
        assert sqlite_concurrency_warnings({"default": database}), options


def test_other_databases_and_in_memory_sqlite_are_not_warned_about():
    for database in (
        database_from_url("postgres://postgres@127.0.0.1:5432/site"),
        database_from_url("mysql://root@127.0.0.1:3306/site"),
        {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"},
        {"ENGINE": "django.db.backends.sqlite3", "NAME": "file:x?mode=memory"},
    ):
        assert sqlite_concurrency_warnings({"default": database}) == [], database
    # The test settings' in-memory database, through the registered check.
    assert check_sqlite_concurrency(None) == []
    assert "wagtail_delaktighet.W018" not in check_ids(settings.DATABASES)


def test_the_example_sites_sqlite_file_waits_for_the_write_lock(
    tmp_path, django_db_blocker
):
    """The example site (and `make demo`) opens its SQLite file in WAL mode
    with immediate transactions, as the check asks."""
    settings_dict = database_from_url(f"sqlite:///{tmp_path / 'site.sqlite3'}")
    assert sqlite_concurrency_warnings({"default": settings_dict}) == []

    connection = ConnectionHandler({"default": settings_dict})["default"]
    try:
        # A database of its own, outside the test database's guard.
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] == "wal"
        assert connection.transaction_mode == "IMMEDIATE"
        assert connection.get_connection_params()["timeout"] == 20
    finally:
        connection.close()
