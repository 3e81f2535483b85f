"""A first-time visitor's double click: the browser has no session cookie yet,
so both posts of the same rendered form arrive without one. They must still be
stored once (docs/deployment.md, "Exactly once")."""

import pytest

from wagtail_delaktighet.models import Contribution, ContributionAnswer

from .support import (
    assert_redirected_to_block,
    receipt_shown,
    text_of,
    valid_fields,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


def rendered_form_key(client, block):
    """The hidden key of the block's form as the page renders it."""
    response = client.get(block.page.url)
    hidden = block.section(response).find(
        "input", attrs={"name": block.name("submission_key")}
    )
    return hidden["value"]


def double_click(new_client, block, first_fields, second_fields=None):
    """Two posts of the same rendered form, each from a browser without a
    session cookie (the second left before the first one's answer came)."""
    key = rendered_form_key(new_client(), block)
    browsers = new_client(), new_client()
    responses = [
        block.post(browser, fields, submission_key=key)
        for browser, fields in zip(
            browsers, [first_fields, second_fields or first_fields], strict=True
        )
    ]
    return browsers, responses


@pytest.mark.parametrize("block_type", ["survey", "views", "question", "poll"])
def test_a_first_visit_double_click_is_stored_once(new_client, dialogue, block_type):
    block = dialogue.block(block_type)

    browsers, responses = double_click(new_client, block, valid_fields(block))

    for response in responses:
        assert_redirected_to_block(response, block)
    contribution = block.contributions().get()
    assert [receipt_shown(browser, block) for browser in browsers] == [
        contribution.receipt,
        contribution.receipt,
    ]
    answers = ContributionAnswer.objects.filter(contribution=contribution)
    assert answers.count() == len(set(answers.values_list("question_key", "value")))


def test_a_first_visit_double_click_counts_one_vote(new_client, dialogue):
    block = dialogue.block("poll")
    red = block.option_ids()[0]

    double_click(new_client, block, {"choice": red})

    assert ContributionAnswer.objects.filter(block_id=block.id).count() == 1


def test_a_first_visit_double_click_with_another_option_is_already_answered(
    new_client, dialogue
):
    block = dialogue.block("poll")
    red, blue, _green = block.option_ids()

    _browsers, (first, second) = double_click(
        new_client, block, {"choice": red}, {"choice": blue}
    )

    assert_redirected_to_block(first, block)
    assert second.status_code == 409
    assert "You have already answered this" in text_of(block.section(second))
    assert block.contributions().count() == 1
    assert list(
        ContributionAnswer.objects.filter(block_id=block.id).values_list(
            "value", flat=True
        )
    ) == [red]


def test_the_browser_keeps_the_participant_of_its_first_post(new_client, dialogue):
    # After the first post the session holds the participant; a vote from
    # another form on the same page is the same person's second vote.
    block = dialogue.block("poll")
    red, blue, _green = block.option_ids()
    browser = new_client()

    assert_redirected_to_block(block.post(browser, {"choice": red}), block)
    again = block.post(browser, {"choice": blue})

    assert again.status_code == 409
    assert block.contributions().count() == 1


@pytest.mark.parametrize("key", ["short", "x" * 64, "ABCDEF" * 6, "0" * 31])
def test_a_form_key_not_shaped_like_ours_is_no_shared_participant(
    new_client, dialogue, key
):
    # Only a key as the form issues it (32 random hex digits) names a
    # participant; a short or made-up key must not merge different people.
    block = dialogue.block("poll")
    red = block.option_ids()[0]

    responses = [
        block.post(new_client(), {"choice": red}, submission_key=key) for _n in range(2)
    ]

    for response in responses:
        assert_redirected_to_block(response, block)
    assert Contribution.objects.count() == 2
