"""The API against its own OpenAPI schema (Schemathesis), over WSGI with no
network: generated requests to every operation never get a 5xx, and every
response conforms to the schema. Half the requests name a real dialogue and
block, so the successful answers are checked too."""

import pytest
from django.core.wsgi import get_wsgi_application
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


def test_every_operation_conforms_to_the_schema(consultation_dialogue, client):
    dialogue = consultation_dialogue()
    token = client.post(f"{API}participants/").json()["token"]
    schema = from_wsgi(f"{API}schema/?format=json", get_wsgi_application())
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    block_ids = [block.id for block in dialogue.blocks]

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
