"""Fixtures for taking part in dialogues through real HTTP."""

from datetime import timedelta

import pytest
from django.utils import timezone

from .support import every_block, publish_body


@pytest.fixture
def client(new_client):
    return new_client()


@pytest.fixture
def consultation_dialogue(make_dialogue):
    """Make a published dialogue whose body holds consultation blocks.

    ``consultation_dialogue()`` gives an open dialogue with one block of each
    type; pass ``body=[...]`` (see support.py) and dialogue fields to vary it.
    """

    def make(body=None, **fields):
        page = make_dialogue(**fields)
        return publish_body(page, every_block() if body is None else body)

    return make


@pytest.fixture
def closed_dialogue(consultation_dialogue):
    now = timezone.now()
    return consultation_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )


@pytest.fixture
def upcoming_dialogue(consultation_dialogue):
    now = timezone.now()
    return consultation_dialogue(
        opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=30)
    )
