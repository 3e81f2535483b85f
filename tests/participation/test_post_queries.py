"""How many queries one accepted post costs, so that the participation path
stays lean: the request's site and the dialogue, the session, and one
transaction that stores the contribution and counts it. The form posts to the
package's participation URL, so no query routes through the page tree. No
look-up for an earlier post: the unique constraints refuse a repeat, and only
then is the earlier row read."""

import pytest

from .support import assert_redirected_to_block, every_block, poll, survey, valid_fields

pytestmark = pytest.mark.django_db

#: Finding the page (2): the request's site, then the live dialogue by its
#: id, with its influence level and whether a view restriction may apply
#: (views/participation_endpoint.py). Routing through the tree would add more.
ROUTE_QUERIES = 2
#: In the transaction (a savepoint pair in a test, BEGIN and COMMIT in a
#: site): the contribution (1) and its receipt (1), its answers (1), the
#: person's counter (1, an upsert), the result counters (1, an upsert) and
#: the page's results version (1, an upsert; views/dialogue_content_cache.py).
STORE_QUERIES = 2 + 6
#: A participant who took part before: their session is read (1).
POST_QUERIES = ROUTE_QUERIES + STORE_QUERIES + 1
#: A first post, from a browser without a session: the session is made
#: (a look-up for a free key, then its insert in a savepoint pair: 4).
FIRST_POST_QUERIES = ROUTE_QUERIES + STORE_QUERIES + 4


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


def test_a_poll_vote_of_a_participant_who_took_part_before(
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


@pytest.mark.parametrize("block_type", ["survey", "poll"])
def test_a_first_post_of_a_new_participant(
    new_client, consultation_dialogue, django_assert_num_queries, block_type
):
    # Every block on the page, as a dialogue has; the counters exist.
    dialogue = consultation_dialogue(body=every_block())
    block = dialogue.block(block_type)
    assert_redirected_to_block(block.post(new_client(), valid_fields(block)), block)

    with django_assert_num_queries(FIRST_POST_QUERIES):
        response = block.post(new_client(), valid_fields(block))

    assert_redirected_to_block(response, block)
    assert block.contributions().count() == 2


def test_the_first_post_to_a_dialogue_makes_its_counters_in_the_same_statements(
    new_client, consultation_dialogue, django_assert_num_queries
):
    dialogue = consultation_dialogue(body=every_block())
    block = dialogue.block("survey")
    # Wagtail reads its sites once per process.
    assert dialogue.get(new_client()).status_code == 200

    with django_assert_num_queries(FIRST_POST_QUERIES):
        response = block.post(new_client(), valid_fields(block))

    assert_redirected_to_block(response, block)
