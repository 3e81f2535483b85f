"""Binding answers: a block the editor set to "Only logged-in residents can
answer" takes answers from logged-in residents only, one per account, kept
by the participation service and by the database's unique constraint."""

from urllib.parse import quote

import pytest

from wagtail_delaktighet.blocks.consultation import get_consultation_block_types
from wagtail_delaktighet.blocks.poll import vote_counts
from wagtail_delaktighet.models import Contribution
from wagtail_delaktighet.participation import service
from wagtail_delaktighet.views.dialogue_content_cache import CACHED_CONTENT

from .support import (
    assert_redirected_to_block,
    poll,
    question,
    receipt_shown,
    suggestion_box,
    survey,
    text_of,
    valid_fields,
    views,
)
from .test_store_races import rival_stores_first

pytestmark = pytest.mark.django_db

LOGIN_URL = "/konto/logga-in/"
LOGIN_REQUIRED = "Only logged-in residents can answer this. Log in to take part."
ALREADY_ANSWERED = "You have already answered this. Each person answers once."


def binding(block):
    """A block value as ``support`` makes it, with the login option on."""
    name, value = block
    return name, {**value, "require_login": True}


@pytest.fixture
def resident(django_user_model):
    return django_user_model.objects.create_user("anna", password="hemligt-1")


@pytest.fixture
def neighbour(django_user_model):
    return django_user_model.objects.create_user("bo", password="hemligt-2")


@pytest.fixture
def dialogue(consultation_dialogue):
    """A binding poll, a binding survey and views anyone can send."""
    return consultation_dialogue(body=[binding(poll()), binding(survey()), views()])


def logged_in(new_client, user):
    client = new_client()
    client.force_login(user)
    return client


def login_link(block):
    return f"{LOGIN_URL}?next={quote(f'{block.page.url}#{block.anchor}', safe='/')}"


# -- the option ---------------------------------------------------------------


def test_every_consultation_block_has_the_option_last_and_off():
    for name, block in get_consultation_block_types():
        if name == "ideas":
            # Many ideas from one person: binding answers (one per account
            # and block) do not fit, so the block does not offer them.
            assert "require_login" not in block.child_blocks
            assert not block.requires_login({"require_login": True})
            continue
        option = block.child_blocks["require_login"]
        assert option.get_default() is False, name
        assert str(option.label) == "Only logged-in residents can answer"
        assert list(block.child_blocks)[-1] == "require_login", name
        layout = getattr(block.meta, "form_layout", None)  # Wagtail 8
        if layout is not None:
            assert layout.children[-1] == "require_login", name


def test_a_block_stored_before_the_option_existed_takes_anyone(
    client, consultation_dialogue
):
    block = consultation_dialogue(body=[views()]).block("views")
    assert "require_login" not in block.page.body.raw_data[0]["value"]

    response = block.post(client, {"text": "Fler bänkar"})

    assert_redirected_to_block(response, block)
    assert not Contribution.objects.get().binding


def test_the_input_schema_says_a_login_is_required(dialogue):
    binding_poll, views_block = dialogue.block("poll"), dialogue.block("views")

    def schema(block):
        return block.child.block.input_schema(block.value)

    assert schema(binding_poll)["login_required"] is True
    assert schema(views_block)["login_required"] is False


# -- visitors who are not logged in ----------------------------------------


@pytest.mark.parametrize("block_type", ["poll", "survey"])
def test_a_visitor_not_logged_in_sees_a_login_link_instead_of_the_form(
    client, dialogue, block_type
):
    block = dialogue.block(block_type)

    section = block.section(dialogue.get(client))

    assert section.find("form") is None
    link = section.select_one(".dlk-consultation__login-link")
    assert link["href"] == login_link(block)
    assert "Only residents who are logged in can answer here" in text_of(section)
    # Other blocks keep their form.
    assert dialogue.block("views").section(dialogue.get(client)).find("form")


@pytest.mark.parametrize("block_type", ["poll", "survey"])
def test_a_post_without_a_login_is_refused_with_a_link_to_log_in(
    client, dialogue, block_type
):
    block = dialogue.block(block_type)

    response = block.post(client, valid_fields(block))

    assert response.status_code == 403
    section = block.section(response)
    refusal = section.select_one(f"#{block.anchor}-errors")
    assert text_of(refusal) == LOGIN_REQUIRED
    assert section.select_one(".dlk-consultation__login-link")["href"] == (
        login_link(block)
    )
    assert section.find("form") is None
    assert not Contribution.objects.exists()


def test_the_service_refuses_input_without_an_account(dialogue, resident):
    block = dialogue.block("poll")
    data = block.form_data(valid_fields(block))

    with pytest.raises(service.LoginRequired) as refused:
        service.submit(block.page, block.id, data, participant="p")

    assert refused.value.http_status == 403
    assert refused.value.message == LOGIN_REQUIRED
    assert not Contribution.objects.exists()


def test_the_login_link_leads_back_to_the_block(client, dialogue, resident):
    block = dialogue.block("survey")
    href = block.section(dialogue.get(client)).select_one(
        ".dlk-consultation__login-link"
    )["href"]

    login_page = client.get(href)
    assert login_page.status_code == 200
    response = client.post(
        LOGIN_URL,
        {
            "username": "anna",
            "password": "hemligt-1",
            "next": login_page.context["next"],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{block.page.url}#{block.anchor}"
    assert block.section(client.get(block.page.url)).find("form") is not None


# -- logged-in residents -------------------------------------------------------


@pytest.mark.parametrize("block_type", ["poll", "survey"])
def test_a_logged_in_resident_answers_once(new_client, dialogue, resident, block_type):
    block = dialogue.block(block_type)
    client = logged_in(new_client, resident)
    assert block.section(dialogue.get(client)).find("form") is not None

    response = block.post(client, valid_fields(block))

    assert_redirected_to_block(response, block)
    receipt = receipt_shown(client, block)
    answer = Contribution.objects.get()
    assert (answer.receipt, answer.account, answer.binding) == (
        receipt,
        resident,
        True,
    )
    # The account answers once, not the browser.
    assert answer.participant_key is None

    again = block.post(client, valid_fields(block))

    assert again.status_code == 409
    section = block.section(again)
    assert text_of(section.select_one(f"#{block.anchor}-errors")) == ALREADY_ANSWERED
    assert section.find("form") is None
    assert block.contributions().count() == 1


def test_an_answered_block_shows_no_form_to_the_resident(
    new_client, dialogue, resident
):
    survey_block = dialogue.block("survey")
    client = logged_in(new_client, resident)
    survey_block.post(client, valid_fields(survey_block))
    receipt_shown(client, survey_block)

    section = survey_block.section(dialogue.get(client))

    assert section.find("form") is None
    assert "You have answered this with your account" in text_of(section)


def test_a_second_answer_from_another_browser_of_the_account_is_refused(
    new_client, dialogue, resident
):
    block = dialogue.block("poll")
    red, blue, _green = block.option_ids()
    block.post(logged_in(new_client, resident), {"choice": red})

    response = block.post(logged_in(new_client, resident), {"choice": blue})

    assert response.status_code == 409
    assert vote_counts(block.page, block.id) == {red: 1}


def test_two_residents_are_both_counted_also_on_one_computer(
    new_client, dialogue, resident, neighbour
):
    block = dialogue.block("poll")
    red, blue, _green = block.option_ids()
    shared = new_client()
    shared.force_login(resident)
    assert_redirected_to_block(block.post(shared, {"choice": red}), block)
    shared.logout()
    shared.force_login(neighbour)

    response = block.post(shared, {"choice": blue})

    assert_redirected_to_block(response, block)
    assert vote_counts(block.page, block.id) == {red: 1, blue: 1}
    assert set(block.contributions().values_list("account__username", flat=True)) == {
        "anna",
        "bo",
    }
    # The poll's results are shown to each voter by their account.
    section = block.section(dialogue.get(shared))
    assert "You have voted" in text_of(section)
    assert section.select_one(".dlk-results") is not None


def test_a_race_lost_to_the_unique_constraint_is_already_answered(
    new_client, dialogue, resident
):
    # The rival, the same resident in another browser, is stored after every
    # check the service makes and before ours: the database refuses ours.
    block = dialogue.block("survey")
    client = logged_in(new_client, resident)

    def rival():
        return service.submit(
            block.page,
            block.id,
            block.form_data(valid_fields(block)),
            participant="another-browser",
            account=resident,
        )

    with rival_stores_first(rival) as raced:
        response = block.post(client, valid_fields(block))

    assert raced["result"].accepted
    assert response.status_code == 409
    assert ALREADY_ANSWERED in text_of(block.section(response))
    assert block.contributions().count() == 1


def test_the_database_allows_one_binding_answer_per_account(dialogue, resident):
    from django.db import IntegrityError, transaction

    block = dialogue.block("survey")
    fields = {
        "page": block.page,
        "block_id": block.id,
        "block_type": "survey",
        "account": resident,
        "binding": True,
    }
    Contribution.objects.create(**fields)
    # Answers that are not binding leave the key NULL and never collide.
    Contribution.objects.create(page=block.page, block_id=block.id)
    Contribution.objects.create(page=block.page, block_id=block.id)

    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.create(**fields)


def test_staff_enter_offline_answers_to_a_binding_block(dialogue, editor):
    block = dialogue.block("survey")

    submission = service.submit(
        block.page,
        block.id,
        block.form_data(valid_fields(block)),
        channel="meeting",
        entered_by=editor,
    )

    assert submission.accepted
    assert not submission.contribution.binding


def test_a_deleted_account_leaves_its_answer_counted(new_client, dialogue, resident):
    block = dialogue.block("poll")
    red = block.option_ids()[0]
    block.post(logged_in(new_client, resident), {"choice": red})

    resident.delete()

    answer = Contribution.objects.get()
    assert answer.account is None
    assert answer.binding
    assert vote_counts(block.page, block.id) == {red: 1}


# -- the page cache ---------------------------------------------------------------


def test_the_cached_page_asks_to_log_in_and_a_resident_gets_the_form(
    new_client, dialogue, resident
):
    block = dialogue.block("survey")
    first = dialogue.get(new_client())
    cached = dialogue.get(new_client())
    assert cached.context.get(CACHED_CONTENT) is not None, "served from the cache"
    for response in (first, cached):
        section = block.section(response)
        assert section.find("form") is None
        assert section.select_one(".dlk-consultation__login-link")["href"] == (
            login_link(block)
        )

    signed_in = dialogue.get(logged_in(new_client, resident))

    assert signed_in.context.get(CACHED_CONTENT) is None
    assert block.section(signed_in).find("form") is not None


# -- every block type, the project's own too ---------------------------------------


@pytest.mark.parametrize("make_block", [poll, survey, views, question, suggestion_box])
def test_every_block_type_takes_binding_answers(
    new_client, consultation_dialogue, resident, neighbour, make_block
):
    block = consultation_dialogue(body=[binding(make_block())]).blocks[0]
    fields = valid_fields(block)

    assert block.post(new_client(), fields).status_code == 403
    assert_redirected_to_block(
        block.post(logged_in(new_client, resident), fields), block
    )
    assert block.post(logged_in(new_client, resident), fields).status_code == 409
    assert_redirected_to_block(
        block.post(logged_in(new_client, neighbour), fields), block
    )
    assert block.contributions().filter(account__isnull=False).count() == 2


def test_a_refused_binding_answer_leaves_the_transaction_usable(dialogue, resident):
    # On PostgreSQL a refused insert aborts the transaction unless it ran in
    # a savepoint: the service's must have been rolled back to, so the test's
    # own transaction still reads.
    block = dialogue.block("survey")

    def post(participant):
        return service.submit(
            block.page,
            block.id,
            block.form_data(valid_fields(block)),
            participant=participant,
            account=resident,
        )

    first = post("first-browser")
    with pytest.raises(service.AlreadyAnswered):
        post("second-browser")

    assert block.contributions().get() == first.contribution
