"""How many queries one accepted post costs, so that the participation path
stays lean: the page's routing, the session, one look-up for an earlier
post, and one transaction that stores the contribution and counts it."""

import pytest

from .support import assert_redirected_to_block, poll, survey, valid_fields

pytestmark = pytest.mark.django_db

#: Wagtail's routing and view restrictions (8), the session (1), the
#: influence level (1), the look-up for an earlier post (1); then, in the
#: transaction (a savepoint pair in a test, BEGIN and COMMIT in a site), the
#: contribution and its receipt (2), its answers (1), the person's counter
#: (1, an upsert) and the result counters (1, an upsert).
POST_QUERIES = 18


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[survey(), poll()])


def test_a_survey_post_of_a_participant_who_took_part_before(
    client, dialogue, django_assert_num_queries
):
    block = dialogue.block("survey")
    # The first post makes the session, the person's row and the counters.
    assert_redirected_to_block(block.post(client, valid_fields(block)), block)

    with django_assert_num_queries(POST_QUERIES):
        response = block.post(client, valid_fields(block))

    assert_redirected_to_block(response, block)
    assert block.contributions().count() == 2


def test_a_one_answer_block_looks_for_an_earlier_post_in_one_query(
    client, dialogue, django_assert_num_queries
):
    survey_block, poll_block = dialogue.block("survey"), dialogue.block("poll")
    assert_redirected_to_block(
        survey_block.post(client, valid_fields(survey_block)), survey_block
    )
    # Another client's vote makes the poll's counters.
    other = poll_block.post(type(client)(), valid_fields(poll_block))
    assert_redirected_to_block(other, poll_block)

    with django_assert_num_queries(POST_QUERIES):
        response = poll_block.post(client, valid_fields(poll_block))

    assert_redirected_to_block(response, poll_block)
    assert poll_block.contributions().count() == 2
