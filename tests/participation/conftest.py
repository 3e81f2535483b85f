"""Fixtures for taking part in dialogues through real HTTP."""

import pytest


@pytest.fixture
def client(new_client):
    return new_client()
