"""Two posts that race: the database's unique constraints decide (the
service does not look for an earlier post before storing), and ``submit()``
turns the loser into the winner's row (a duplicate) or ``AlreadyAnswered``,
never an IntegrityError. The loser's
transaction stays usable, also on PostgreSQL, where a failed statement would
otherwise abort the rest of the transaction.

The race is made exact with Django's ``execute_wrapper``: the rival post is
stored just before the service opens the savepoint it stores in, after
every check the service makes before storing."""

from contextlib import contextmanager

import pytest
from django.db import IntegrityError, connection

from wagtail_delaktighet.models import Contribution, ContributionAnswer
from wagtail_delaktighet.participation import service

pytestmark = pytest.mark.django_db

FORM_KEY = "4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e"


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


@contextmanager
def rival_stores_first(rival):
    """Run ``rival()`` once, right before the next savepoint is opened."""
    state = {"done": False, "result": None}

    def wrapper(execute, sql, params, many, context):
        if not state["done"] and sql.upper().startswith("SAVEPOINT"):
            state["done"] = True
            state["result"] = rival()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        yield state
    assert state["done"], "the rival never ran: no savepoint was opened"


def post(block, fields, participant="resident-a"):
    return service.submit(
        block.page,
        block.id,
        block.form_data(fields, submission_key=FORM_KEY),
        participant=participant,
    )


@pytest.mark.parametrize("block_type", ["views", "question", "poll"])
def test_the_same_form_stored_by_a_rival_first_is_returned(dialogue, block_type):
    block = dialogue.block(block_type)
    fields = (
        {"choice": block.option_ids()[0]}
        if block_type == "poll"
        else {block_type if block_type == "question" else "text": "Fler bänkar"}
    )

    with rival_stores_first(lambda: post(block, fields)) as rival:
        ours = post(block, fields)

    assert not rival["result"].duplicate
    assert ours.duplicate
    assert ours.contribution == rival["result"].contribution
    # The transaction is still usable after the refused insert.
    assert block.contributions().count() == 1


def test_a_vote_that_loses_the_race_is_already_answered(dialogue):
    block = dialogue.block("poll")
    red, blue, _green = block.option_ids()

    with (
        rival_stores_first(lambda: post(block, {"choice": blue})),
        pytest.raises(service.AlreadyAnswered),
    ):
        post(block, {"choice": red})

    assert list(ContributionAnswer.objects.values_list("value", flat=True)) == [blue]
    assert block.contributions().count() == 1


def test_another_participant_racing_is_stored_too(dialogue):
    block = dialogue.block("poll")
    red = block.option_ids()[0]

    with rival_stores_first(lambda: post(block, {"choice": red}, "resident-b")):
        ours = post(block, {"choice": red})

    assert not ours.duplicate
    assert Contribution.objects.count() == 2


def test_a_conflict_that_is_no_repeat_is_not_passed_off_as_answered(dialogue):
    # Only the two constraints of a repeat are resolved; any other conflict
    # is a fault to see in the error log, not "you have already answered".
    block = dialogue.block("views")
    state = {"done": False}

    def steal_the_receipt(execute, sql, params, many, context):
        if not state["done"] and sql.upper().startswith("UPDATE") and params:
            state["done"] = True
            receipt = next(p for p in params if str(p).startswith("D-"))
            Contribution.objects.create(
                page=block.page, block_id=block.id, block_type="views", receipt=receipt
            )
        return execute(sql, params, many, context)

    with (
        connection.execute_wrapper(steal_the_receipt),
        pytest.raises(IntegrityError),
    ):
        post(block, {"text": "Fler bänkar"})

    assert state["done"]
