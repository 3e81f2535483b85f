"""Binding answers under concurrency: one resident posting from several
browsers at the same moment, each post on a database connection of its own,
is stored once, counted once, and every other post is told "already
answered", never a server error.

On SQLite (one in-memory connection) these tests skip: run them with
DATABASE_URL set to PostgreSQL or MariaDB."""

import threading
import uuid

import pytest
from django.db import connection

from wagtail_delaktighet.models import Contribution
from wagtail_delaktighet.participation import service

from .support import poll, survey, valid_fields
from .test_result_counts import assert_counters_fresh, stored_counts

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 8


def binding(block):
    name, value = block
    return name, {**value, "require_login": True}


def at_once(count, post):
    """Run ``post(number)`` in ``count`` threads released together; their
    outcomes (a Submission or the exception raised)."""
    barrier = threading.Barrier(count)
    outcomes = [None] * count

    def run(number):
        try:
            barrier.wait()
            outcomes[number] = post(number)
        except Exception as error:  # an outcome to assert on
            outcomes[number] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture(autouse=True)
def concurrent_connections():
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite in memory has one connection; run with DATABASE_URL set to "
            "PostgreSQL or MariaDB to test concurrent writers."
        )


@pytest.mark.parametrize("make_block", [poll, survey])
def test_one_account_posting_at_once_from_many_browsers_is_stored_once(
    consultation_dialogue, django_user_model, make_block
):
    dialogue = consultation_dialogue(body=[binding(make_block())])
    block = dialogue.blocks[0]
    resident = django_user_model.objects.create_user("anna")
    fields = valid_fields(block)

    def post(number):
        # Each its own browser: its own participant and its own form.
        return service.submit(
            block.page,
            block.id,
            block.form_data(fields),
            participant=uuid.uuid4().hex,
            account=resident,
        )

    outcomes = at_once(THREADS, post)

    accepted = [o for o in outcomes if isinstance(o, service.Submission)]
    refused = [o for o in outcomes if isinstance(o, service.AlreadyAnswered)]
    assert (len(accepted), len(refused)) == (1, THREADS - 1), outcomes
    stored = Contribution.objects.get()
    assert stored == accepted[0].contribution
    assert stored.account == resident
    assert_counters_fresh(dialogue.page)


def test_many_residents_at_once_are_each_counted_once(
    consultation_dialogue, django_user_model
):
    dialogue = consultation_dialogue(body=[binding(poll())])
    block = dialogue.blocks[0]
    residents = [
        django_user_model.objects.create_user(f"invanare-{n}") for n in range(4)
    ]
    option = block.option_ids()[0]

    def post(number):
        # Two posts per resident, from two browsers, all at once.
        return service.submit(
            block.page,
            block.id,
            block.form_data({"choice": option}),
            participant=uuid.uuid4().hex,
            account=residents[number % len(residents)],
        )

    outcomes = at_once(2 * len(residents), post)

    accepted = [o for o in outcomes if isinstance(o, service.Submission)]
    refused = [o for o in outcomes if isinstance(o, service.AlreadyAnswered)]
    assert (len(accepted), len(refused)) == (len(residents), len(residents)), outcomes
    assert {c.account for c in Contribution.objects.all()} == set(residents)
    counts = stored_counts(dialogue.page)
    assert counts[(block.id, "choice", option)] == len(residents)
    assert_counters_fresh(dialogue.page)
