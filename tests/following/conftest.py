"""Fixtures for following dialogues through real HTTP."""

import pytest


@pytest.fixture
def client(new_client):
    return new_client()
