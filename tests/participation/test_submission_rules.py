"""Rules every consultation block shares, through real HTTP: the dialogue must
be open, bots and floods are stopped, a repeated post is stored once, personal
data is optional, consented and never public."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client

from wagtail_delaktighet.models import (
    Contribution,
    ContributionAnswer,
    ContributionPersonalData,
)

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    error_summary,
    override_delaktighet,
    receipt_shown,
    text_of,
    valid_fields,
)

pytestmark = pytest.mark.django_db

BLOCK_TYPES = ["survey", "poll", "views", "question", "suggestion_box"]


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_a_closed_dialogue_takes_no_contributions(client, closed_dialogue, block_type):
    block = closed_dialogue.block(block_type)

    response = block.post(client, valid_fields(block))

    assert response.status_code == 403
    section = block.section(response)
    assert section.find("form") is None
    assert "This dialogue has closed" in text_of(section)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_a_dialogue_not_yet_open_takes_no_contributions(
    client, upcoming_dialogue, block_type
):
    block = upcoming_dialogue.block(block_type)

    response = block.post(client, valid_fields(block))

    assert response.status_code == 403
    section = block.section(response)
    assert section.find("form") is None
    assert "This dialogue has not opened yet." in text_of(section)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_a_filled_honeypot_is_refused(client, dialogue, block_type):
    block = dialogue.block(block_type)

    response = block.post(client, {**valid_fields(block), "website": "spam.example"})

    assert response.status_code == 200
    assert "could not be sent" in text_of(error_summary(response, block))
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
def test_the_same_form_posted_twice_is_stored_once(client, dialogue, block_type):
    block = dialogue.block(block_type)
    fields = valid_fields(block)

    first = block.post(client, fields, submission_key="same-form")
    first_receipt = receipt_shown(client, block)
    again = block.post(client, fields, submission_key="same-form")

    assert_redirected_to_block(first, block)
    assert_redirected_to_block(again, block)
    assert receipt_shown(client, block) == first_receipt
    assert Contribution.objects.get().receipt == first_receipt
    answers = ContributionAnswer.objects.values_list("question_key", "value")
    assert len(answers) == len(set(answers))


@pytest.mark.usefixtures("rate_limit_window")
@override_delaktighet(RATE_LIMIT_PER_ADDRESS=2)
def test_too_many_posts_from_one_client_are_refused(client, new_client, dialogue):
    block = dialogue.block("views")
    for n in range(2):
        assert block.post(client, {"text": f"Synpunkt {n}"}).status_code == 302

    response = block.post(new_client(), {"text": "En till"})

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 3600
    summary = text_of(error_summary(response, block))
    assert "many contributions in a short time" in summary
    kept = block.section(response).find(id=block.field_id("text")).get_text()
    assert kept.strip() == "En till"
    assert sorted(Contribution.objects.values_list("content__text", flat=True)) == [
        "Synpunkt 0",
        "Synpunkt 1",
    ]


@pytest.mark.usefixtures("rate_limit_window")
@override_delaktighet(RATE_LIMIT_PER_ADDRESS=2)
def test_the_rate_limit_is_per_client(dialogue):
    block = dialogue.block("views")
    first = Client(REMOTE_ADDR="198.51.100.1")
    second = Client(REMOTE_ADDR="198.51.100.2")
    for n in range(2):
        assert block.post(first, {"text": f"Synpunkt {n}"}).status_code == 302

    assert block.post(first, {"text": "Tredje"}).status_code == 429
    assert block.post(second, {"text": "Från en annan"}).status_code == 302
    assert Contribution.objects.count() == 3


def test_get_on_the_participate_url_goes_back_to_the_page(client, dialogue):
    block = dialogue.block("views")

    response = client.get(block.url)

    assert response.status_code == 302
    assert response["Location"] == dialogue.page.url


def posted_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("unknown", ["no-such-block", "content"])
def test_a_post_to_an_unknown_block_goes_back_with_a_message(client, dialogue, unknown):
    block_id = dialogue.content_block_id() if unknown == "content" else unknown
    url = dialogue.page.url + f"participate/{block_id}/"

    response = client.post(url, {f"dlk-{block_id}-submission_key": "abc"})

    assert response.status_code == 302
    assert response["Location"] == dialogue.page.url
    assert posted_messages(response) == ["This part of the dialogue no longer exists."]
    assert not Contribution.objects.exists()


def test_the_message_for_an_unknown_block_is_shown(client, dialogue):
    url = dialogue.page.url + "participate/no-such-block/"

    response = client.post(url, {"dlk-no-such-block-submission_key": "abc"})
    page = client.get(response["Location"])

    assert "This part of the dialogue no longer exists." in page.content.decode()


def test_the_forms_are_protected_against_cross_site_posts(dialogue):
    block = dialogue.block("views")
    browser = Client(enforce_csrf_checks=True)
    page = BeautifulSoup(browser.get(dialogue.page.url).content, "html.parser")
    form = page.find(id=block.anchor).find("form")
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    data = block.form_data({"text": "Hej"})

    assert browser.post(block.url, data).status_code == 403
    assert not Contribution.objects.exists()
    response = browser.post(block.url, {**data, "csrfmiddlewaretoken": token})
    assert_redirected_to_block(response, block)
    assert Contribution.objects.count() == 1


# -- personal data -----------------------------------------------------------

NAME = "Karin Hemlig"
EMAIL = "karin.hemlig@example.se"


@pytest.mark.parametrize("given", [{"name": NAME}, {"email": EMAIL}])
def test_name_or_email_without_consent_is_refused(client, dialogue, given):
    block = dialogue.block("views")

    response = block.post(client, {"text": "Hej", **given})

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["consent"])
    section = block.section(response)
    field, value = next(iter(given.items()))
    assert section.find(id=block.field_id(field))["value"] == value
    assert not Contribution.objects.exists()
    assert not ContributionPersonalData.objects.exists()


def test_personal_data_is_kept_apart_and_never_public(client, dialogue):
    block = dialogue.block("views")
    fields = {"text": "Fler bänkar", "name": NAME, "email": EMAIL, "consent": "on"}

    response = block.post(client, fields)

    assert_redirected_to_block(response, block)
    after_submitting = client.get(dialogue.page.url).content.decode()
    contribution = Contribution.objects.get()
    personal = ContributionPersonalData.objects.get(contribution=contribution)
    assert (personal.name, personal.email, personal.consent) == (NAME, EMAIL, True)
    assert personal.consent_given_at is not None
    stored = json.dumps(contribution.content, ensure_ascii=False)
    assert NAME not in stored and EMAIL not in stored
    assert contribution.display_name == ""
    # Published by a moderator, the view is public; its sender is not.
    contribution.status = "published"
    contribution.save(update_fields=["status"])
    published = client.get(dialogue.page.url).content.decode()
    assert "Fler bänkar" in published
    for html in (after_submitting, published):
        assert NAME not in html
        assert EMAIL not in html


def test_anonymous_contributions_store_no_personal_data(client, dialogue):
    block = dialogue.block("question")

    assert_redirected_to_block(block.post(client, {"question": "Hej?"}), block)

    assert Contribution.objects.count() == 1
    assert not ContributionPersonalData.objects.exists()


def test_every_form_warns_that_contributions_are_public_records(client, dialogue):
    response = dialogue.get(client)

    for block in dialogue.blocks:
        form = block.section(response).find("form")
        assert "public record" in text_of(form), block.block_type
