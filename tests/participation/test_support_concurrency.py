"""Supporting an idea under concurrency: one participant pressing "Support"
in several requests at the same moment, each on a database connection of
its own, is stored and counted once, and every other post is told that the
idea is already supported, never a server error. Other participants, and the
same participant supporting other ideas, are each counted.

On SQLite (one in-memory connection) these tests skip: run them with
DATABASE_URL set to PostgreSQL or MariaDB."""

import uuid

import pytest
from django.conf import settings
from django.utils import translation

from wagtail_delaktighet.blocks.ideas import IdeasBlock
from wagtail_delaktighet.models import Contribution
from wagtail_delaktighet.participation import service

from .support import ideas, submit
from .test_binding_concurrency import THREADS, at_once, concurrent_connections
from .test_result_counts import assert_counters_fresh, stored_counts

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("concurrent_connections"),
]

__all__ = ["concurrent_connections"]


@pytest.fixture
def block(consultation_dialogue):
    return consultation_dialogue(body=[ideas(publication="at_once")]).block("ideas")


def propose(block, title):
    return submit(block, {"title": title, "description": "Beskrivning."})


def support(block, idea, participant):
    # Each post its own form (its own submission key), as from several tabs.
    return service.submit(
        block.page,
        block.id,
        block.form_data({"supports": str(idea.pk)}),
        participant=participant,
    )


def test_one_participant_supporting_at_once_is_counted_once(block):
    idea = propose(block, "Fler bänkar")
    participant = uuid.uuid4().hex

    outcomes = at_once(THREADS, lambda _number: support(block, idea, participant))

    accepted = [o for o in outcomes if isinstance(o, service.Submission)]
    refused = [o for o in outcomes if isinstance(o, service.AlreadyAnswered)]
    assert (len(accepted), len(refused)) == (1, THREADS - 1), outcomes
    # Said in the site's language, which the posting threads run in.
    with translation.override(settings.LANGUAGE_CODE):
        assert refused[0].message == str(IdeasBlock.already_answered_message)
    assert Contribution.objects.filter(content__supports=idea.pk).count() == 1
    assert stored_counts(block.page)[(block.id, "support", str(idea.pk))] == 1
    assert_counters_fresh(block.page)


def test_many_participants_and_ideas_at_once_are_each_counted(block):
    first, second = propose(block, "Fler bänkar"), propose(block, "Fler träd")
    participants = [uuid.uuid4().hex for _ in range(2)]

    def post(number):
        # Each participant supports each idea twice, all at once.
        idea = (first, second)[number % 2]
        return support(block, idea, participants[(number // 2) % 2])

    outcomes = at_once(8, post)

    accepted = [o for o in outcomes if isinstance(o, service.Submission)]
    refused = [o for o in outcomes if isinstance(o, service.AlreadyAnswered)]
    assert (len(accepted), len(refused)) == (4, 4), outcomes
    counts = stored_counts(block.page)
    assert counts[(block.id, "support", str(first.pk))] == 2
    assert counts[(block.id, "support", str(second.pk))] == 2
    assert_counters_fresh(block.page)
