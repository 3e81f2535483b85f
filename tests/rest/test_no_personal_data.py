"""No personal data on any public endpoint: every GET operation of the
schema, over dialogues whose contributions carry names and emails given as
contact details and whose followers have addresses, shows none of them."""

import json

import pytest

from tests.feedback.support import make_feedback
from tests.participation.support import submit, valid_fields
from wagtail_delaktighet.following.subscriptions import follow
from wagtail_delaktighet.models import ContributionPersonalData, Subscription
from wagtail_delaktighet.moderation.decisions import approve

from .support import API, contribute, new_token

pytestmark = pytest.mark.django_db

CANARY_NAME = "Kanarie Fågelsdotter"
CANARY_EMAIL = "kanarie.privat@canary.example"
FOLLOWER = "foljare.privat@canary.example"
CANARIES = (CANARY_NAME, CANARY_EMAIL, FOLLOWER, "canary.example", "Kanarie")


def with_identity(block):
    identity = {"name": CANARY_NAME, "email": CANARY_EMAIL, "consent": "on"}
    if not block.child.block.collects_identity:
        return valid_fields(block)
    return {**valid_fields(block), **identity}


def test_no_public_endpoint_shows_personal_data(
    client, consultation_dialogue, closed_dialogue, editor
):
    dialogues = [consultation_dialogue(), closed_dialogue]
    token = new_token(client)
    for dialogue in dialogues:
        for block in dialogue.blocks:
            contribution = submit(block, with_identity(block), channel="meeting")
            if block.block_type in ("views", "question"):
                approve(contribution, user=editor)
        follow(dialogue.page, FOLLOWER)
    make_feedback(closed_dialogue.page)
    # Through the API too: the answers show none of it either.
    for block in dialogues[0].blocks:
        response = contribute(client, block, with_identity(block), token=token)
        assert response.status_code in (201, 409), response.content
        assert not any(canary in response.content.decode() for canary in CANARIES)

    schema = client.get(f"{API}schema/", {"format": "json"}).json()
    walked = 0
    for path, operations in schema["paths"].items():
        if "get" not in operations or path.endswith(("/schema/", "/docs/")):
            continue
        for dialogue in dialogues:
            for block in dialogue.blocks:
                url = path.replace("{page_id}", str(dialogue.page.pk)).replace(
                    "{block_id}", block.id
                )
                response = client.get(url, {"page_size": 100})
                assert response.status_code == 200, (url, response.content)
                text = json.dumps(response.json(), ensure_ascii=False)
                for canary in CANARIES:
                    assert canary not in text, (url, canary)
                walked += 1
    assert walked > 50
    # The data was there to leak: stored, and its contributions listed.
    assert ContributionPersonalData.objects.filter(email=CANARY_EMAIL).exists()
    assert Subscription.objects.filter(email=FOLLOWER).count() == 2
    views = dialogues[0].block("views")
    listed = client.get(
        f"{API}dialogues/{views.page.pk}/blocks/{views.id}/contributions/"
    ).json()
    assert listed["count"] >= 1
