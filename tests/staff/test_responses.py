"""Answering questions publicly in the admin: the answer is signed by a
contact, so the public page shows the answerer's role (P1, P8); a draft stays
hidden; only moderators of the question's dialogue may answer; every answer is
in Wagtail's log entries."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.participation.support import (
    DialogueWithBlocks,
    poll,
    question,
    submit,
    text_of,
    valid_fields,
    views,
)
from wagtail_delaktighet import log_actions, moderation, permissions
from wagtail_delaktighet.models import (
    Contact,
    ContributionStatus,
    DialogueContact,
    OfficialResponse,
    RejectionReason,
)
from wagtail_delaktighet.moderation import responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def councillor(body_factory):
    return Contact.objects.create(
        name="Anna Ordförande",
        kind=Contact.Kind.ELECTED,
        title="Ordförande",
        body=body_factory(name="Tekniska nämnden"),
    )


@pytest.fixture
def planner():
    return Contact.objects.create(
        name="Bo Berg", kind=Contact.Kind.OFFICIAL, title="Planarkitekt"
    )


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[question(), views()])


@pytest.fixture
def ask(dialogue):
    return dialogue.block("question")


@pytest.fixture
def asked(ask):
    """A question from the public, awaiting moderation."""
    return submit(ask, {"question": "När börjar bygget?", "display_name": "Ola"})


def respond_url(contribution):
    return reverse("wagtail_delaktighet_admin:respond", args=[contribution.pk])


def answer(client, contribution, contact, text, *, action="publish"):
    return client.post(
        respond_url(contribution),
        {"signed_by": contact.pk if contact else "", "text": text, "action": action},
    )


def public_answers(block):
    """The block's answered questions as a visitor sees them."""
    page = Client(headers={"Accept-Language": "en"}).get(block.page.url)
    assert page.status_code == 200
    return block.section(page).select(".dlk-contribution")


def log_entries(contribution, action):
    return list(
        ModelLogEntry.objects.for_instance(contribution)
        .filter(action=action)
        .order_by("pk")
    )


def logged_in(user):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def assert_denied(response):
    """Wagtail's answer to a denied admin request: back to the dashboard with
    an error message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    notices = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("you do not have permission" in notice for notice in notices)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


# -- answering ----------------------------------------------------------------


def test_the_answer_view_shows_the_question_and_contacts_with_their_roles(
    admin, asked, councillor, planner
):
    response = admin.get(respond_url(asked))

    assert response.status_code == 200
    page = soup(response)
    assert "När börjar bygget?" in text_of(page.find(id="main") or page)
    options = [
        text_of(option) for option in page.select("select[name=signed_by] option")
    ]
    assert "Anna Ordförande — elected representative for Tekniska nämnden" in options
    assert "Bo Berg — official, Planarkitekt" in options


def test_a_published_answer_shows_under_the_question_with_the_representatives_role(
    admin, ask, asked, councillor, editor
):
    response = answer(admin, asked, councillor, "Bygget börjar i maj.")

    assert response.status_code == 302
    assert response["Location"] == respond_url(asked)
    asked.refresh_from_db()
    # The question was pending: publishing the answer published it too.
    assert asked.status == ContributionStatus.PUBLISHED
    assert asked.moderated_by == editor
    [shown] = public_answers(ask)
    text = text_of(shown)
    assert "När börjar bygget?" in text
    assert "Bygget börjar i maj." in text
    assert (
        "Answered by Anna Ordförande, elected representative for Tekniska nämnden"
        in text
    )


def test_an_officials_answer_shows_their_title(admin, ask, asked, planner):
    answer(admin, asked, planner, "Vi återkommer i juni.")

    [shown] = public_answers(ask)
    assert "Answered by Bo Berg, Planarkitekt" in text_of(shown)


def test_a_draft_answer_is_not_shown_and_publishing_it_later_keeps_one_answer(
    admin, ask, asked, councillor
):
    response = answer(admin, asked, councillor, "Utkast: maj?", action="draft")

    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.status == ContributionStatus.PENDING
    [draft] = OfficialResponse.objects.filter(contribution=asked)
    assert draft.published_at is None
    assert public_answers(ask) == []
    # The form continues the draft.
    form = soup(admin.get(respond_url(asked)))
    assert form.find("textarea", attrs={"name": "text"}).get_text().strip() == (
        "Utkast: maj?"
    )

    answer(admin, asked, councillor, "Bygget börjar i maj.")

    [published] = OfficialResponse.objects.filter(contribution=asked)
    assert published.pk == draft.pk
    assert published.published_at is not None
    [shown] = public_answers(ask)
    assert "Bygget börjar i maj." in text_of(shown)
    assert "Utkast" not in text_of(shown)


def test_answering_is_logged_with_who_signed_and_whether_it_was_published(
    admin, asked, councillor, editor
):
    answer(admin, asked, councillor, "Utkast", action="draft")
    answer(admin, asked, councillor, "Bygget börjar i maj.")

    draft_entry, published_entry = log_entries(asked, log_actions.RESPOND)
    assert draft_entry.user == editor
    assert draft_entry.data["published"] is False
    assert draft_entry.data["signed_by"] == str(councillor)
    assert draft_entry.data["signed_by_id"] == councillor.pk
    assert published_entry.data["published"] is True
    assert published_entry.data["response_id"] == draft_entry.data["response_id"]
    [approval] = log_entries(asked, log_actions.APPROVE)
    assert approval.user == editor


def test_unpublishing_an_answer_hides_it_and_is_logged(
    admin, ask, asked, councillor, editor
):
    answer(admin, asked, councillor, "Bygget börjar i maj.")
    published = OfficialResponse.objects.get(contribution=asked)

    response = admin.post(
        reverse("wagtail_delaktighet_admin:unpublish_response", args=[published.pk])
    )

    assert response.status_code == 302
    published.refresh_from_db()
    assert published.published_at is None
    assert public_answers(ask) == []
    [entry] = log_entries(asked, log_actions.UNPUBLISH_RESPONSE)
    assert entry.user == editor


def test_an_answer_without_signer_or_text_is_refused_and_the_text_kept(
    admin, asked, councillor
):
    response = answer(admin, asked, None, "Bygget börjar i maj.")

    assert response.status_code == 200
    page = soup(response)
    assert "Choose who signs the answer." in text_of(page)
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == (
        "Bygget börjar i maj."
    )

    response = answer(admin, asked, councillor, "   ")

    assert response.status_code == 200
    assert "Write the answer." in text_of(soup(response))
    assert not OfficialResponse.objects.exists()
    asked.refresh_from_db()
    assert asked.status == ContributionStatus.PENDING


def test_a_rejected_question_gets_no_published_answer_but_may_get_a_draft(
    admin, asked, councillor, editor
):
    moderation.reject(asked, user=editor, reason=RejectionReason.objects.first())

    response = answer(admin, asked, councillor, "Svar")

    assert response.status_code == 200
    assert "Only a published contribution can get a published response" in text_of(
        soup(response)
    )
    assert not OfficialResponse.objects.exists()

    answer(admin, asked, councillor, "Svar", action="draft")

    [draft] = OfficialResponse.objects.all()
    assert not draft.is_published
    asked.refresh_from_db()
    assert asked.status == ContributionStatus.REJECTED


def test_the_dialogues_own_contacts_are_offered_first(
    admin, dialogue, asked, councillor, planner
):
    DialogueContact.objects.create(page=dialogue.page, contact=planner, sort_order=0)

    page = soup(admin.get(respond_url(asked)))

    groups = page.select("select[name=signed_by] optgroup")
    assert [group["label"] for group in groups] == [
        "Contacts of this dialogue",
        "Other contacts",
    ]
    assert [text_of(o) for o in groups[0].select("option")] == [
        "Bo Berg — official, Planarkitekt"
    ]
    assert [text_of(o) for o in groups[1].select("option")] == [
        "Anna Ordförande — elected representative for Tekniska nämnden"
    ]


def test_blocks_that_take_no_answers_refuse_them(
    admin, consultation_dialogue, councillor
):
    # Views and questions take answers (tests/staff/test_views_answers.py);
    # a poll's votes do not.
    polled = consultation_dialogue(body=[poll()]).block("poll")
    vote = submit(polled, valid_fields(polled))

    assert admin.get(respond_url(vote)).status_code == 404
    response = answer(admin, vote, councillor, "Svar")
    assert response.status_code == 404
    assert not OfficialResponse.objects.exists()


# -- who may answer -----------------------------------------------------------


@pytest.fixture
def committees(make_dialogue_index, consultation_dialogue):
    """Two committees, each with its dialogues under an index of its own."""
    index_a = make_dialogue_index("tekniska", "Tekniska nämndens dialoger")
    index_b = make_dialogue_index("fritid", "Fritidsnämndens dialoger")
    return {
        "a": (index_a, consultation_dialogue(body=[question()], parent=index_a)),
        "b": (index_b, consultation_dialogue(body=[question()], parent=index_b)),
    }


def ask_in(dialogue: DialogueWithBlocks):
    return submit(dialogue.block("question"), {"question": "Varför?"})


def test_a_moderator_of_another_committees_dialogue_is_denied(
    committees, make_staff_user, councillor
):
    index_a, dialogue_a = committees["a"]
    _index_b, dialogue_b = committees["b"]
    moderator_a = logged_in(
        make_staff_user("anna", pages=[index_a], permissions=[permissions.MODERATE])
    )
    theirs = ask_in(dialogue_b)

    assert_denied(moderator_a.get(respond_url(theirs)))
    assert_denied(answer(moderator_a, theirs, councillor, "Svar"))
    assert not OfficialResponse.objects.exists()
    theirs.refresh_from_db()
    assert theirs.status == ContributionStatus.PENDING

    # Their own committee's question they may answer.
    own = ask_in(dialogue_a)
    assert moderator_a.get(respond_url(own)).status_code == 200
    assert answer(moderator_a, own, councillor, "Svar").status_code == 302
    assert OfficialResponse.objects.get().contribution == own


def test_an_editor_without_the_moderation_permission_is_denied(
    committees, make_staff_user, councillor
):
    index_a, dialogue_a = committees["a"]
    editor_a = logged_in(make_staff_user("erik", pages=[index_a]))
    own = ask_in(dialogue_a)

    assert_denied(editor_a.get(respond_url(own)))
    assert_denied(answer(editor_a, own, councillor, "Svar"))
    assert not OfficialResponse.objects.exists()


def test_unpublishing_another_committees_answer_is_denied(
    committees, make_staff_user, councillor, editor
):
    index_a, _dialogue_a = committees["a"]
    _index_b, dialogue_b = committees["b"]
    published = responses.respond(
        ask_in(dialogue_b), user=editor, signed_by=councillor, text="Svar"
    )
    moderator_a = logged_in(
        make_staff_user("anna", pages=[index_a], permissions=[permissions.MODERATE])
    )

    response = moderator_a.post(
        reverse("wagtail_delaktighet_admin:unpublish_response", args=[published.pk])
    )

    assert_denied(response)
    published.refresh_from_db()
    assert published.is_published


def test_anonymous_visitors_are_sent_to_the_login(asked, councillor):
    response = answer(Client(), asked, councillor, "Svar")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert not OfficialResponse.objects.exists()


# -- the service, as the ideas block will use it -------------------------------


def test_an_outcome_is_stored_as_the_block_gives_it(asked, councillor, editor):
    first = responses.respond(
        asked,
        user=editor,
        signed_by=councillor,
        text="Vi utreder idén.",
        outcome="under_review",
        publish=False,
    )
    updated = responses.respond(
        asked,
        user=editor,
        signed_by=councillor,
        text="Idén genomförs.",
        outcome="accepted",
    )

    assert updated.pk == first.pk
    assert (updated.outcome, updated.text) == ("accepted", "Idén genomförs.")
    assert updated.created_by == editor
    assert log_entries(asked, log_actions.RESPOND)[-1].data["outcome"] == "accepted"


def test_a_new_answer_after_a_published_one_is_a_second_answer(
    ask, asked, councillor, planner, editor
):
    responses.respond(asked, user=editor, signed_by=councillor, text="Först")
    responses.respond(asked, user=editor, signed_by=planner, text="Sedan")

    assert OfficialResponse.objects.filter(contribution=asked).count() == 2
    [shown] = public_answers(ask)
    assert "Först" in text_of(shown)
    assert "Sedan" in text_of(shown)


def test_an_empty_answer_or_an_overlong_outcome_is_refused(asked, councillor, editor):
    with pytest.raises(responses.ResponseError):
        responses.respond(asked, user=editor, signed_by=councillor, text=" ")
    with pytest.raises(responses.ResponseError):
        responses.respond(
            asked, user=editor, signed_by=councillor, text="Svar", outcome="x" * 33
        )
    assert not OfficialResponse.objects.exists()
    asked.refresh_from_db()
    assert asked.status == ContributionStatus.PENDING
