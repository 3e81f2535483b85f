"""Fixtures for following dialogues through real HTTP."""

import pytest
from django.core.cache import cache
from django.test import Client


@pytest.fixture(autouse=True)
def empty_rate_limit_cache():
    # The rate limit counts in Django's cache; counts must not leak between
    # tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def new_client():
    """A browser of its own (its own session), reading English source text."""
    return lambda **kwargs: Client(headers={"Accept-Language": "en"}, **kwargs)


@pytest.fixture
def client(new_client):
    return new_client()
