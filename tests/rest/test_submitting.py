"""Taking part through the REST API: the one participation service, the
same rules and messages as the HTML form, idempotent retries."""

import uuid

import pytest
from bs4 import BeautifulSoup

from tests.participation.support import override_delaktighet, valid_fields
from wagtail_delaktighet.models import Channel, Contribution

from .support import API, contribute, new_token, post_json

pytestmark = pytest.mark.django_db


def test_every_block_takes_a_contribution(client, consultation_dialogue):
    dialogue = consultation_dialogue()
    token = new_token(client)
    for block in dialogue.blocks:
        response = contribute(client, block, valid_fields(block), token=token)
        assert response.status_code == 201, (block.block_type, response.content)
        receipt = response.json()["receipt"]
        stored = block.contributions().get()
        assert stored.receipt == receipt
        assert stored.channel == Channel.API
        assert response.json()["duplicate"] is False


def test_answers_are_sent_as_json_values(client, consultation_dialogue):
    block = consultation_dialogue().block("survey")
    multiple, _id, activities = block.question("multiple_choice")
    yes_no = block.question("yes_no")[0]
    body = {**valid_fields(block), multiple: activities[:2], yes_no: "yes"}
    response = contribute(client, block, body, token=new_token(client))
    assert response.status_code == 201, response.content
    answers = block.contributions().get().content["answers"]
    assert sorted(answers[multiple.removeprefix("q_")]) == sorted(activities[:2])


def html_errors(client, block, fields):
    """The error messages the HTML form shows for ``fields``."""
    response = block.post(client, fields)
    section = BeautifulSoup(response.content, "html.parser").find(id=block.anchor)
    return {
        " ".join(error.get_text(" ").split())
        for error in section.select(".dlk-field-error, .dlk-error-message")
    }


@pytest.mark.parametrize("block_type", ["survey", "views", "suggestion_box"])
def test_invalid_input_gives_the_html_forms_errors(
    client, new_client, consultation_dialogue, block_type
):
    block = consultation_dialogue().block(block_type)
    fields = {"email": "not-an-address", "name": "Kim"}
    response = contribute(client, block, fields, token=new_token(client))
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert data["message"] == "Your contribution was not sent"
    required = [
        f["key"]
        for f in block.child.block.input_schema(block.value)["fields"]
        if f["required"]
    ]
    assert set(required) <= set(data["errors"])
    assert "email" in data["errors"]
    page = new_client().post(block.url, block.form_data(fields)).content.decode()
    for messages in data["errors"].values():
        for message in messages:
            assert message in BeautifulSoup(page, "html.parser").get_text(), message
    assert not block.contributions().exists()


def test_a_closed_dialogue_refuses_with_a_code(client, closed_dialogue):
    block = closed_dialogue.block("views")
    response = contribute(client, block, valid_fields(block), token=new_token(client))
    assert response.status_code == 403
    assert response.json()["code"] == "not_open"


def test_one_answer_per_participant_token(client, consultation_dialogue):
    block = consultation_dialogue().block("poll")
    token = new_token(client)
    first = contribute(client, block, valid_fields(block), token=token)
    assert first.status_code == 201
    again = {"choice": block.option_ids()[1]}
    second = contribute(client, block, again, token=token)
    assert second.status_code == 409
    assert second.json()["code"] == "already_answered"
    other = contribute(client, block, again, token=new_token(client))
    assert other.status_code == 201
    assert block.contributions().count() == 2


def test_a_retry_with_the_same_idempotency_key_stores_once(
    client, consultation_dialogue
):
    block = consultation_dialogue().block("views")
    token, key = new_token(client), uuid.uuid4().hex
    first = contribute(client, block, valid_fields(block), token=token, key=key)
    retry = contribute(client, block, valid_fields(block), token=token, key=key)
    assert first.status_code == retry.status_code == 201
    assert retry.json()["receipt"] == first.json()["receipt"]
    assert retry.json()["duplicate"] is True
    assert retry["Idempotent-Replayed"] == "true"
    assert block.contributions().count() == 1
    # Without the key, the same text is a new contribution.
    assert (
        contribute(client, block, valid_fields(block), token=token).status_code == 201
    )
    assert block.contributions().count() == 2


def test_a_token_is_required_and_must_be_ours(client, consultation_dialogue):
    block = consultation_dialogue().block("views")
    missing = contribute(client, block, valid_fields(block))
    assert missing.status_code == 400
    assert missing.json()["code"] == "participant_token_required"
    forged = contribute(client, block, valid_fields(block), token="abc:def")
    assert forged.json()["code"] == "invalid_participant_token"
    long_key = contribute(
        client, block, valid_fields(block), token=new_token(client), key="k" * 65
    )
    assert long_key.json()["code"] == "invalid_idempotency_key"
    assert not block.contributions().exists()


def test_bodies_that_are_not_objects_are_400(client, consultation_dialogue):
    block = consultation_dialogue().block("views")
    token = new_token(client)
    for body in ([1, 2], "text", None):
        response = contribute(client, block, body, token=token)
        assert response.status_code == 400, body
    response = client.post(
        f"{API}dialogues/{block.page.pk}/blocks/{block.id}/contributions/",
        "{not json",
        content_type="application/json",
        HTTP_X_PARTICIPANT_TOKEN=token,
    )
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"


def test_an_unknown_block_is_404(client, consultation_dialogue):
    page = consultation_dialogue().page
    url = f"{API}dialogues/{page.pk}/blocks/no-such-block/contributions/"
    response = post_json(client, url, {}, token=new_token(client))
    assert response.status_code == 404


@pytest.mark.usefixtures("rate_limit_window")
def test_rate_limited_by_participant_with_retry_after(client, consultation_dialogue):
    block = consultation_dialogue().block("views")
    token = new_token(client)
    with override_delaktighet(RATE_LIMIT_PER_PARTICIPANT=2):
        statuses = [
            contribute(client, block, {"text": f"Nummer {n}"}, token=token)
            for n in range(3)
        ]
    assert [r.status_code for r in statuses] == [201, 201, 429]
    assert statuses[-1].json()["code"] == "rate_limited"
    assert int(statuses[-1]["Retry-After"]) > 0
    assert Contribution.objects.filter(page=block.page).count() == 2


@pytest.mark.usefixtures("rate_limit_window")
def test_rate_limited_by_address(client, consultation_dialogue):
    block = consultation_dialogue().block("views")
    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=3):
        tokens = [new_token(client) for _ in range(2)]
        answers = [
            contribute(client, block, {"text": f"Svar {n}"}, token=token)
            for n, token in enumerate(tokens)
        ]
        refused = client.post(f"{API}participants/")
    # Two tokens and one contribution use up the address's three.
    assert [r.status_code for r in answers] == [201, 429]
    assert refused.status_code == 429
    assert "Retry-After" in refused
