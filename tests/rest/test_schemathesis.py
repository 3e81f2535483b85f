"""The API against its own OpenAPI schema (Schemathesis), over WSGI with no
network: generated requests to every operation never get a 5xx, and every
response conforms to the schema. Half the requests name a real dialogue and
block, so the successful answers are checked too."""

from contextlib import contextmanager

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.openapi import from_wsgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from .support import API

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 6


@contextmanager
def connections_kept_open():
    """Requests go to the WSGI handler itself, which closes the database
    connection after each one; Django's test client keeps it open for the
    test's transaction (and connects the handler again after each of its
    own requests), and so must this test."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_conforms_to_the_schema(consultation_dialogue, client):
    dialogue = consultation_dialogue()
    token = client.post(f"{API}participants/").json()["token"]
    block_ids = [block.id for block in dialogue.blocks]
    with connections_kept_open():
        schema = from_wsgi(f"{API}schema/?format=json", get_wsgi_application())
        operations = [result.ok() for result in schema.get_all_operations()]
        assert len(operations) >= 15
        for operation in operations:
            conforms(operation, dialogue.page.pk, block_ids, token)


def conforms(operation, page_id, block_ids, token):
    """Run ``EXAMPLES_PER_OPERATION`` generated requests to ``operation``."""

    @settings(
        max_examples=EXAMPLES_PER_OPERATION,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(
        case=operation.as_strategy(),
        real=st.booleans(),
        block_id=st.sampled_from(block_ids),
    )
    def run(case, real, block_id):
        if real and case.path_parameters:
            if "page_id" in case.path_parameters:
                case.path_parameters["page_id"] = str(page_id)
            if "block_id" in case.path_parameters:
                case.path_parameters["block_id"] = block_id
            case.headers = {**(case.headers or {}), "X-Participant-Token": token}
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    run()
