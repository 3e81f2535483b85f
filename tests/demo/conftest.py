import pytest
from django.db import transaction

from tests.fixtures.demo import load_demo
from tests.fixtures.initial_rows import restore_wagtail_initial_rows


@pytest.fixture(scope="package")
def demo_site(django_db_setup, django_db_blocker):
    """The demo as ``make demo`` loads it, built once for every test of this
    folder that asks for it (together with ``db``, which each such test needs).

    It is loaded in a transaction that stays open until the folder's last test
    and is then rolled back. Each test still runs in a savepoint of its own
    (pytest-django's ``db``), so a test that writes leaves the next one the
    demo as built. The folder's tests run on one worker (``SHARED_SET_UP`` in
    tests/conftest.py), which builds it once.
    """
    with django_db_blocker.unblock():
        folder_transaction = transaction.atomic()
        folder_transaction.__enter__()
        restore_wagtail_initial_rows()
        load_demo()
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        folder_transaction.__exit__(None, None, None)
