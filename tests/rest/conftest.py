"""A client of the API reading English source text, that sends no CSRF
token: an API client on another origin has none."""

import pytest


@pytest.fixture
def client(new_client):
    return new_client(enforce_csrf_checks=True)
