"""An email address longer than the database column (254 characters) is a
form error with everything kept, in every form a citizen fills in; before,
the form took up to 320 characters and PostgreSQL then refused the row (500,
the input lost)."""

import pytest

from tests.following.support import follow, soup_of
from wagtail_delaktighet.models import Contribution, Subscription

from .support import assert_errors_link_to, every_block, text_of, valid_fields

pytestmark = pytest.mark.django_db

DOMAIN = "@alvby.example"
TOO_LONG = "a" * (255 - len(DOMAIN)) + DOMAIN
LONGEST = "a" * (254 - len(DOMAIN)) + DOMAIN


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=every_block())


def blocks_asking_for_email(dialogue, client):
    page = client.get(dialogue.page.url)
    blocks = [
        block
        for block in dialogue.blocks
        if block.section(page).find(id=block.field_id("email")) is not None
    ]
    assert {block.block_type for block in blocks} >= {"survey", "views", "question"}
    return blocks


@pytest.mark.parametrize("email", [TOO_LONG, "b" * 300 + DOMAIN])
def test_a_too_long_email_is_refused_and_everything_kept(client, dialogue, email):
    for block in blocks_asking_for_email(dialogue, client):
        fields = {**valid_fields(block), "name": "Karin", "email": email}
        response = block.post(client, {**fields, "consent": "on"})

        assert response.status_code == 200, block.block_type
        assert_errors_link_to(response, block, ["email"])
        section = block.section(response)
        assert "at most 254 characters" in text_of(section)
        assert section.find(id=block.field_id("email"))["value"] == email
        assert section.find(id=block.field_id("name"))["value"] == "Karin"
    assert not Contribution.objects.exists()


def test_the_longest_email_the_column_holds_is_stored(client, dialogue):
    for block in blocks_asking_for_email(dialogue, client):
        fields = {**valid_fields(block), "name": "Karin", "email": LONGEST}
        response = block.post(client, {**fields, "consent": "on"})

        assert response.status_code == 302, block.block_type
        assert block.contributions().get().personal_data.email == LONGEST


def test_the_follow_form_refuses_a_too_long_email_and_keeps_it(client, dialogue):
    response = follow(client, dialogue.page, TOO_LONG)

    assert response.status_code == 200
    section = soup_of(response).find(id="follow")
    assert "at most 254 characters" in text_of(section)
    assert section.find("input", attrs={"type": "email"})["value"] == TOO_LONG
    assert not Subscription.objects.exists()
