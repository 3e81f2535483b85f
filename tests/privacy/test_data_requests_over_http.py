"""A person sees and erases what is stored about their email address, end
to end: the form, the email sent by the outbox command, the link's page,
the JSON download and the erase button."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import (
    Contribution,
    ContributionPersonalData,
    DataRequest,
    OutboxEmail,
    Subscription,
)

from .support import ask, ask_url, emails_to, link_path, soup_of, text_of

pytestmark = pytest.mark.django_db

SENT = "If we have anything stored about the address, we have sent it an email"


@pytest.fixture
def capture(django_capture_on_commit_callbacks):
    return django_capture_on_commit_callbacks


def test_the_form_page(client):
    response = client.get(ask_url())

    assert response.status_code == 200
    page = soup_of(response)
    assert page.find("h1").get_text(strip=True) == "Your data"
    form = page.find("form")
    assert form["method"] == "post"
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"})
    assert form.find("input", attrs={"name": "dlk-data-email"})["type"] == "email"


def test_the_link_shows_that_persons_data_only(client, capture, people):
    response = ask(client, capture, " KARIN@example.com ")

    assert response.status_code == 302
    assert response["Location"] == ask_url()
    assert SENT in text_of(client.get(ask_url()))
    [message] = mail.outbox
    assert message.to == ["karin@example.com"]
    # In the language the email goes out in (the site's, Swedish here).
    assert re.search(r"\b24 (hours|timmar)\b", message.body)
    assert OutboxEmail.objects.get().sent_at is not None
    # Only a keyed hash of the token is kept.
    token = link_path(message).rstrip("/").rsplit("/", 1)[-1]
    assert not DataRequest.objects.filter(token_hash=token).exists()
    assert token not in str(list(DataRequest.objects.values()))

    response = client.get(link_path(message))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    assert "no-cache" in response["Cache-Control"]
    text = text_of(response)
    for receipt in (c.receipt for c in people.karin):
        assert receipt in text
    assert "Fler bänkar vid dammen." in text
    assert "Och belysning på stigen." in text
    assert "Karin Berg" in text
    assert "Parken i Alvby" in text
    assert "Bygg en scen." not in text
    assert "Olle" not in text
    assert people.olle.receipt not in text
    assert "public records" in text


def test_the_json_download(client, capture, people):
    ask(client, capture, "karin@example.com")
    page = soup_of(client.get(link_path(emails_to("karin@example.com")[0])))
    download = page.find("a", string="Download it as a file (JSON)")

    response = client.get(download["href"])

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["email"] == "karin@example.com"
    assert sorted(item["receipt"] for item in data["contributions"]) == sorted(
        c.receipt for c in people.karin
    )
    assert {item["text"] for item in data["contributions"]} == {
        "Fler bänkar vid dammen.",
        "Och belysning på stigen.",
    }
    assert [item["dialogue"] for item in data["subscriptions"]] == ["Parken i Alvby"]
    assert "olle" not in response.content.decode()


def test_erasing_keeps_what_was_said_and_uses_up_the_link(client, capture, people):
    ask(client, capture, "karin@example.com")
    link = link_path(emails_to("karin@example.com")[0])
    counted_before = Contribution.objects.count()

    response = client.post(link)

    assert response.status_code == 200
    text = text_of(response)
    assert "removed from 2 contributions" in text
    assert "public records" in text
    for contribution in people.karin:
        contribution.refresh_from_db()
        personal = ContributionPersonalData.objects.get(contribution=contribution)
        assert (personal.name, personal.email, personal.consent) == ("", "", False)
        assert personal.consent_given_at is None
        assert contribution.display_name == ""
        assert contribution.content["text"]
        assert contribution.anonymised_at is not None
    assert Contribution.objects.count() == counted_before
    assert not Subscription.objects.filter(email="karin@example.com").exists()
    assert not OutboxEmail.objects.filter(recipient__iexact="karin@example.com")
    # Olle's data is untouched.
    assert people.olle.personal_data.email == "olle@example.com"
    assert Subscription.objects.filter(email="olle@example.com").exists()
    # The log says what was done, without the address.
    entry = ModelLogEntry.objects.get(action=log_actions.ERASE_PERSONAL_DATA)
    assert entry.data["contributions"] == 2
    assert entry.data["subscriptions"] == 1
    assert "karin" not in json.dumps(entry.data).lower()
    assert "karin" not in entry.label.lower()
    assert not DataRequest.objects.exclude(email="").exists()

    # The link is used up: a clear page, not an error.
    again = client.post(link)
    assert again.status_code == 410
    assert "The link no longer works" in text_of(again)
    assert client.get(link).status_code == 410
    assert client.get(link + "json/").status_code == 410


def test_an_expired_link_is_refused(client, capture, people):
    ask(client, capture, "karin@example.com")
    link = link_path(emails_to("karin@example.com")[0])

    with time_machine.travel(timezone.now() + timedelta(hours=25)):
        response = client.get(link)
        erase = client.post(link)

    assert response.status_code == 410
    assert "too old" in text_of(response)
    assert erase.status_code == 410
    assert ContributionPersonalData.objects.filter(email__iexact="karin@example.com")


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, capture, people):
    known = ask(client, capture, "karin@example.com")
    known_page = text_of(client.get(ask_url()))
    mail.outbox.clear()

    unknown = ask(client, capture, "nobody@example.com")

    assert (unknown.status_code, unknown["Location"]) == (
        known.status_code,
        known["Location"],
    )
    assert text_of(client.get(ask_url())) == known_page
    assert mail.outbox == []
    assert not DataRequest.objects.filter(email="nobody@example.com").exists()


def test_an_unknown_token_gets_a_clear_page(client):
    response = client.get(ask_url() + "abcdefghijklmnop/")

    assert response.status_code == 410
    assert "The link no longer works" in text_of(response)


def test_invalid_addresses_are_refused_with_the_form(client, capture, people):
    response = ask(client, capture, "not an address")

    assert response.status_code == 200
    assert soup_of(response).find(id="dlk-data-errors")
    assert mail.outbox == []


def test_the_form_is_rate_limited(client, capture, people, rate_limit_window):
    from tests.participation.support import override_delaktighet

    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=1):
        ask(client, capture, "karin@example.com")
        response = ask(client, capture, "karin@example.com")

    assert response.status_code == 429
    assert "Retry-After" in response
    assert len(mail.outbox) == 1


def test_one_address_gets_a_few_links_an_hour_at_most(client, capture, people):
    for _ in range(5):
        ask(client, capture, "karin@example.com")

    assert len(emails_to("karin@example.com")) == 3


def test_the_follow_section_links_to_the_page(client, make_dialogue):
    dialogue = make_dialogue()

    section = soup_of(client.get(dialogue.url)).find(id="follow")

    assert section.find("a", string="Your data")["href"] == ask_url()


def test_the_public_page_stops_showing_the_name_at_once(
    client, capture, people, editor, new_client
):
    from wagtail_delaktighet.moderation import decisions

    decisions.approve(people.karin[0], user=editor)
    page_url = people.dialogue.page.url
    reader = new_client()
    assert "Karin B" in text_of(reader.get(page_url))  # now in the page cache
    ask(client, capture, "karin@example.com")

    client.post(link_path(emails_to("karin@example.com")[0]))

    text = text_of(reader.get(page_url))
    assert "Fler bänkar vid dammen." in text
    assert "Karin B" not in text
