"""Two citizens' writes to one SQLite file at the same moment, through
Django's own connections: with the example site's options (docs/installation.md,
"SQLite") the second waits for the first; with Django's defaults it fails at
once with "database is locked" (a server error, the contribution lost)."""

import threading

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from example_site.settings import database_from_url


def two_writers(settings_dict):
    """Run two write transactions that each read first (as storing a
    contribution does: look for an earlier one, then insert), the second
    starting while the first holds the write lock. Returns the rows stored
    and the second writer's error, if any."""
    handler = ConnectionHandler({"default": settings_dict})
    first_wrote, second_read = threading.Event(), threading.Event()
    errors = {}

    def write(name, *, before_reading=None, after_reading=None, after_writing=None):
        connection = handler["default"]  # one connection per thread
        try:
            # What transaction.atomic() does on SQLite: BEGIN, in the
            # configured transaction mode.
            connection.set_autocommit(
                False, force_begin_transaction_with_broken_autocommit=True
            )
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM vote WHERE name = %s", [name])
                if after_reading:
                    after_reading()
                cursor.execute("INSERT INTO vote (name) VALUES (%s)", [name])
                if after_writing:
                    after_writing()
            connection.commit()
        except OperationalError as error:
            errors[name] = error
            connection.rollback()
        finally:
            connection.set_autocommit(True)
            connection.close()

    setup = handler["default"]
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE vote (id integer PRIMARY KEY, name text)")
    setup.close()

    # The first holds its write transaction open until the second has read
    # (or, when the second is made to wait at BEGIN, for a second).
    first = threading.Thread(
        target=write,
        args=("first",),
        kwargs={"after_writing": lambda: (first_wrote.set(), second_read.wait(1))},
    )
    second = threading.Thread(
        target=lambda: (
            first_wrote.wait(10) and write("second", after_reading=second_read.set)
        )
    )
    first.start()
    second.start()
    first.join()
    second.join()

    check = handler["default"]
    with check.cursor() as cursor:
        cursor.execute("SELECT name FROM vote ORDER BY id")
        stored = [name for (name,) in cursor.fetchall()]
    check.close()
    return stored, errors.get("second"), errors.get("first")


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """An SQLite file of the test's own, outside the test database's guard."""
    with django_db_blocker.unblock():
        yield f"sqlite:///{tmp_path / 'site.sqlite3'}"


def test_with_the_example_sites_options_the_second_writer_waits(sqlite_file):
    stored, second_error, first_error = two_writers(database_from_url(sqlite_file))
    assert (first_error, second_error) == (None, None)
    assert stored == ["first", "second"]


def test_with_djangos_defaults_the_second_writer_fails(sqlite_file):
    """Why the options are needed (and the system check warns without them)."""
    defaults = {**database_from_url(sqlite_file), "OPTIONS": {}}
    stored, second_error, first_error = two_writers(defaults)
    assert first_error is None
    assert "database is locked" in str(second_error)
    assert stored == ["first"]
