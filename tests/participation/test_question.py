"""The "ask a question" block, end to end through real HTTP: a question is
published together with its answer, signed so the answerer's role shows."""

import pytest
from django.utils import timezone

from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionAnswer,
    OfficialResponse,
)

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    override_delaktighet,
    question,
    receipt_shown,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ask(consultation_dialogue):
    return consultation_dialogue(body=[question()]).block("question")


def test_a_question_waits_for_its_answer(client, ask):
    response = ask.post(client, {"question": "När börjar bygget?"})

    assert_redirected_to_block(response, ask)
    receipt = receipt_shown(client, ask)
    contribution = Contribution.objects.get()
    assert contribution.receipt == receipt
    assert contribution.block_id == ask.id
    assert contribution.block_type == "question"
    assert contribution.status == "pending"
    assert contribution.channel == "web"
    assert contribution.content == {
        "question": "När börjar bygget?",
        "addressed_to": "elected",
    }
    assert not ContributionAnswer.objects.exists()


def test_the_success_message_says_the_question_is_published_with_its_answer(
    client, ask
):
    ask.post(client, {"question": "När börjar bygget?"})

    notice = ask.section(client.get(ask.page.url)).select_one(".dlk-notice")

    assert "published here together with its answer" in text_of(notice)


def test_an_empty_question_is_refused(client, ask):
    response = ask.post(client, {"display_name": "Ola"})

    assert response.status_code == 200
    assert_errors_link_to(response, ask, ["question"])
    assert ask.section(response).find(id=ask.field_id("display_name"))["value"] == (
        "Ola"
    )
    assert not Contribution.objects.exists()


@override_delaktighet(MAX_TEXT_LENGTH=20)
def test_an_oversized_question_is_refused_and_kept(client, ask):
    text = "Varför " * 5

    response = ask.post(client, {"question": text})

    assert response.status_code == 200
    assert_errors_link_to(response, ask, ["question"])
    kept = ask.section(response).find(id=ask.field_id("question")).get_text()
    assert kept.strip() == text.strip()
    assert not Contribution.objects.exists()


@pytest.fixture
def councillor(body_factory):
    return Contact.objects.create(
        name="Anna Ordförande",
        kind=Contact.Kind.ELECTED,
        body=body_factory(name="Tekniska nämnden"),
    )


def asked(block, text, *, status="published"):
    contribution = submit(block, {"question": text})
    contribution.status = status
    contribution.save(update_fields=["status"])
    return contribution


def answer(contribution, contact, text, *, published=True):
    return OfficialResponse.objects.create(
        contribution=contribution,
        signed_by=contact,
        text=text,
        published_at=timezone.now() if published else None,
    )


def test_an_answered_question_is_shown_with_its_signed_answer(client, ask, councillor):
    answer(asked(ask, "När börjar bygget?"), councillor, "I maj nästa år.")

    section = ask.section(client.get(ask.page.url))

    items = section.select(".dlk-contribution")
    assert len(items) == 1
    text = text_of(items[0])
    assert "När börjar bygget?" in text
    assert "I maj nästa år." in text
    assert "Anna Ordförande" in text
    assert "elected representative for Tekniska nämnden" in text


def test_questions_without_a_published_answer_are_not_shown(client, ask, councillor):
    asked(ask, "Obesvarad fråga?")
    answer(asked(ask, "Utkast till svar?"), councillor, "Ej klart", published=False)
    answer(asked(ask, "Ej granskad fråga?", status="pending"), councillor, "Svar finns")
    answer(asked(ask, "Avvisad fråga?", status="rejected"), councillor, "Svar finns")
    answered = asked(ask, "Besvarad fråga?")
    answer(answered, councillor, "Här är svaret.")
    answer(answered, councillor, "Ett utkast till tillägg", published=False)

    section = ask.section(client.get(ask.page.url))

    shown = [
        text_of(item.select_one(".dlk-contribution__text"))
        for item in section.select(".dlk-contribution")
    ]
    assert shown == ["Besvarad fråga?"]
    assert "Här är svaret." in text_of(section)
    assert "Ej klart" not in text_of(section)
    assert "utkast" not in text_of(section)
    assert text_of(section.select_one(".dlk-results__heading")) == (
        "1 answered question"
    )
