"""A dialogue's consultation blocks for the API, read from the page's body
(no query) and described by each block's ``input_schema()``."""

from django.http import Http404

from ..participation import service
from .links import api_url


def refusal(page):
    """The ``ParticipationError`` an online contribution would meet now
    whatever its content (the level or the dates), or None."""
    try:
        service.check_level_accepts_input(page)
        service.check_dialogue_open(page)
    except service.ParticipationError as error:
        return error
    return None


def describe(request, page, block_id, block, value):
    """The block as ``BlockSerializer`` shows it."""
    schema = block.input_schema(value, page=page)
    refused = refusal(page)
    return {
        **schema,
        "block_id": block_id,
        "open": refused is None and bool(schema.get("open", True)),
        "not_open": (
            None
            if refused is None
            else {"code": refused.code, "message": refused.message}
        ),
        "contributions_url": api_url(request, "contribution-list", page.pk, block_id),
        "results_url": api_url(request, "block-results", page.pk, block_id),
    }


def describe_all(request, page):
    return [
        describe(request, page, block_id, block, value)
        for block_id, block, value in page.consultation_blocks()
    ]


def find_block(page, block_id):
    """``(block, value)`` of the consultation block; 404 for any other id."""
    try:
        return service.find_consultation_block(page, block_id)
    except service.BlockNotFound:
        raise Http404 from None
