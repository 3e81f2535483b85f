"""The poll block, end to end through real HTTP: one vote per participant,
results counted in the database and shown as the editor chose."""

from datetime import timedelta

import pytest
import time_machine
from django.db.models import Count

from wagtail_delaktighet.models import Contribution, ContributionAnswer

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    poll,
    receipt_shown,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_poll(consultation_dialogue):
    def make(show_results="after_voting"):
        return consultation_dialogue(body=[poll(show_results)]).block("poll")

    return make


@pytest.fixture
def the_poll(make_poll):
    return make_poll()


def shown_results(response, block):
    """{option text: (count and percent text, meter value)} and the total line."""
    results = block.section(response).select_one(".dlk-results")
    if results is None:
        return None, None
    rows = {
        text_of(row.select_one(".dlk-results__label")): (
            text_of(row.select_one(".dlk-results__value")),
            row.select_one("meter")["value"],
        )
        for row in results.select(".dlk-results__row")
    }
    return rows, text_of(results.find("p"))


def test_a_vote_is_stored_privately_and_counted(client, the_poll):
    red = the_poll.option_ids()[0]

    response = the_poll.post(client, {"choice": red})

    assert_redirected_to_block(response, the_poll)
    receipt = receipt_shown(client, the_poll)
    vote = Contribution.objects.get()
    assert vote.receipt == receipt
    assert vote.block_id == the_poll.id
    assert vote.block_type == "poll"
    assert vote.status == "private"
    assert vote.channel == "web"
    assert vote.content == {"choice": red}
    assert vote.participant_key  # a keyed hash, so the session votes once
    assert list(vote.answers.values_list("question_key", "value")) == [("choice", red)]


def test_a_second_vote_from_the_same_session_is_refused(client, the_poll):
    red, blue, _green = the_poll.option_ids()
    assert_redirected_to_block(the_poll.post(client, {"choice": red}), the_poll)
    receipt_shown(client, the_poll)

    response = the_poll.post(client, {"choice": blue})

    assert response.status_code == 409
    assert "You have already answered this" in text_of(the_poll.section(response))
    assert the_poll.contributions().count() == 1
    assert ContributionAnswer.objects.get().value == red


def test_another_participant_can_vote(client, new_client, the_poll):
    red, blue, _green = the_poll.option_ids()
    assert_redirected_to_block(the_poll.post(client, {"choice": red}), the_poll)

    response = the_poll.post(new_client(), {"choice": blue})

    assert_redirected_to_block(response, the_poll)
    assert the_poll.contributions().count() == 2


def test_results_after_voting_match_the_database(client, new_client, the_poll):
    red, blue, _green = the_poll.option_ids()
    for choice in (red, red):
        assert the_poll.post(new_client(), {"choice": choice}).status_code == 302
    before_voting = client.get(the_poll.page.url)
    assert shown_results(before_voting, the_poll) == (None, None)
    assert "shown once you have voted" in text_of(the_poll.section(before_voting))

    the_poll.post(client, {"choice": blue})
    response = client.get(the_poll.page.url)

    counts = dict(
        ContributionAnswer.objects.filter(block_id=the_poll.id)
        .values_list("value")
        .annotate(Count("pk"))
    )
    assert counts == {red: 2, blue: 1}
    rows, total = shown_results(response, the_poll)
    assert total == "3 votes so far."
    assert rows == {
        "Röd": ("67 % (2 votes)", "67"),
        "Blå": ("33 % (1 vote)", "33"),
        "Grön": ("0 % (0 votes)", "0"),
    }
    # Who has voted sees the results instead of the form (and, next to the
    # receipt, the offer to follow the dialogue).
    section = the_poll.section(response)
    assert section.select(f"form[action^='{the_poll.url}']") == []
    assert len(section.select(".dlk-follow-offer form")) == 1
    assert "You have voted" in text_of(section)


def test_results_after_closing_are_hidden_while_open(client, new_client, make_poll):
    the_poll = make_poll(show_results="after_closing")
    red = the_poll.option_ids()[0]
    assert_redirected_to_block(the_poll.post(client, {"choice": red}), the_poll)

    while_open = client.get(the_poll.page.url)

    assert shown_results(while_open, the_poll) == (None, None)
    assert "shown when the dialogue closes" in text_of(the_poll.section(while_open))
    with time_machine.travel(the_poll.page.closes_at + timedelta(minutes=1)):
        after_closing = new_client().get(the_poll.page.url)
    rows, total = shown_results(after_closing, the_poll)
    assert total == "1 vote so far."
    assert rows["Röd"] == ("100 % (1 vote)", "100")


def test_a_vote_without_a_choice_is_refused(client, the_poll):
    response = the_poll.post(client, {})

    assert response.status_code == 200
    assert_errors_link_to(response, the_poll, ["choice"])
    assert "Choose one of the options." in text_of(the_poll.section(response))
    assert not Contribution.objects.exists()


def test_a_choice_that_is_not_an_option_is_refused(client, the_poll):
    response = the_poll.post(client, {"choice": "not-an-option"})

    assert response.status_code == 200
    assert_errors_link_to(response, the_poll, ["choice"])
    assert not Contribution.objects.exists()
    # A refused vote does not count as having voted: the form is still there.
    assert the_poll.section(client.get(the_poll.page.url)).find("form") is not None


def test_no_results_are_shown_before_the_dialogue_opens(client, upcoming_dialogue):
    the_poll = upcoming_dialogue.block("poll")

    response = client.get(the_poll.page.url)

    assert shown_results(response, the_poll) == (None, None)
    assert "once the dialogue opens" in text_of(the_poll.section(response))
