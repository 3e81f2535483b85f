"""Entering offline input in the admin: staff type in what was said at a
meeting, on a paper form, by phone or on a walk; it goes through the same
participation service as web input, is marked as staff-entered with its
channel and date, and counts in the results (P4)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.participation.support import (
    every_block,
    poll,
    submit,
    survey,
    text_of,
    valid_fields,
)
from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import (
    Channel,
    Contribution,
    ContributionAnswer,
    ContributionStatus,
)

pytestmark = pytest.mark.django_db

FORMAT = "%Y-%m-%dT%H:%M"


def enter_url(page):
    return reverse("wagtail_delaktighet_admin:offline", args=[page.pk])


def yesterday_evening():
    return (timezone.localtime() - timedelta(days=1)).replace(
        hour=18, minute=30, second=0, microsecond=0
    )


def source(block, *, channel="meeting", given_at=None):
    """Step 1's choices: the block, the channel and when."""
    return {
        "block": block.id,
        "channel": channel,
        "given_at": (given_at or yesterday_evening()).strftime(FORMAT),
    }


def enter(client, block, fields, *, submission_key=None, **choices):
    """Post step 2: the block's form with step 1's choices."""
    return client.post(
        enter_url(block.page),
        {
            **source(block, **choices),
            **block.form_data(fields, submission_key=submission_key),
        },
    )


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def error_messages(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def logged_in(user):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


@pytest.fixture
def closed(consultation_dialogue):
    now = timezone.now()
    return consultation_dialogue(
        body=[survey(), poll()],
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
    )


# -- step 1 and step 2 ----------------------------------------------------------


def test_step_one_offers_the_dialogues_blocks_and_the_offline_channels(admin, dialogue):
    response = admin.get(enter_url(dialogue.page))

    assert response.status_code == 200
    page = soup(response)
    blocks = [o["value"] for o in page.select("select[name=block] option")]
    assert blocks == [block.id for block in dialogue.blocks]
    channels = [i["value"] for i in page.select("input[name=channel]")]
    assert channels == ["meeting", "paper", "phone", "email", "walk", "other"]
    assert page.find("input", attrs={"name": "given_at"})["type"] == "datetime-local"


def test_step_two_shows_the_blocks_own_form(admin, dialogue):
    block = dialogue.block("survey")

    response = admin.get(enter_url(dialogue.page), source(block, channel="paper"))

    assert response.status_code == 200
    page = soup(response)
    long_text, _id, _options = block.question("long_text")
    assert page.find("textarea", attrs={"name": block.name(long_text)}) is not None
    assert page.find("input", attrs={"name": block.name("submission_key")})["value"]
    assert page.find("input", attrs={"name": "block"})["value"] == block.id
    chosen = page.find("input", attrs={"name": "channel", "checked": True})
    assert chosen["value"] == "paper"
    # Staff fill in the optional identity fields on the participant's behalf.
    assert "The participant's name (optional)" in text_of(page)


def test_choosing_another_part_goes_back_to_step_one_with_the_choices_kept(
    admin, dialogue
):
    block = dialogue.block("survey")
    step_two = soup(admin.get(enter_url(dialogue.page), source(block, channel="walk")))
    change = step_two.find("a", string="choose another part")["href"]

    step_one = soup(admin.get(change))

    chosen = step_one.select_one("select[name=block] option[selected]")
    assert chosen["value"] == block.id
    walk = step_one.find("input", attrs={"name": "channel", "value": "walk"})
    assert walk.has_attr("checked")
    # The block's own form is not shown until the choices are confirmed.
    long_text, _id, _options = block.question("long_text")
    assert step_one.find("textarea", attrs={"name": block.name(long_text)}) is None


# -- what is stored -------------------------------------------------------------


@pytest.mark.parametrize("block_type", [b for b, _v in every_block()[1:]])
def test_offline_input_is_stored_with_channel_date_and_who_entered_it(
    admin, editor, dialogue, block_type
):
    block = dialogue.block(block_type)
    given_at = yesterday_evening()

    response = enter(
        admin, block, valid_fields(block), channel="phone", given_at=given_at
    )

    contribution = Contribution.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtail_delaktighet_admin:offline_entered",
        args=[dialogue.page.pk, contribution.pk],
    )
    assert contribution.block_id == block.id
    assert contribution.channel == Channel.PHONE
    assert contribution.created_at == given_at
    assert contribution.entered_by == editor
    assert contribution.is_staff_entered


def test_the_receipt_is_shown_with_a_link_to_enter_another(admin, dialogue):
    block = dialogue.block("views")
    given_at = yesterday_evening()

    response = enter(
        admin,
        block,
        {"text": "Fler bänkar vid dammen."},
        channel="meeting",
        given_at=given_at,
    )
    receipt_page = admin.get(response["Location"])

    contribution = Contribution.objects.get()
    assert receipt_page.status_code == 200
    page = soup(receipt_page)
    assert contribution.receipt in text_of(page)
    another = page.find("a", string=lambda s: s and "Enter another" in s)
    assert another["href"].startswith(enter_url(dialogue.page) + "?")
    # The link leads to step 2 of the same block, channel and time.
    step_two = soup(admin.get(another["href"]))
    assert step_two.find("input", attrs={"name": "block"})["value"] == block.id
    assert step_two.find("input", attrs={"name": "given_at"})[
        "value"
    ] == given_at.strftime(FORMAT)
    assert (
        step_two.find("input", attrs={"name": "channel", "checked": True})["value"]
        == "meeting"
    )


def test_entering_is_logged_once_even_if_the_form_is_posted_twice(
    admin, editor, dialogue
):
    block = dialogue.block("views")
    fields = {"text": "Fler bänkar vid dammen."}

    enter(admin, block, fields, submission_key="paper-form-17")
    enter(admin, block, fields, submission_key="paper-form-17")

    contribution = Contribution.objects.get()
    [entry] = ModelLogEntry.objects.for_instance(contribution).filter(
        action=log_actions.ENTER_OFFLINE
    )
    assert entry.user == editor
    assert entry.data["channel"] == "meeting"
    assert entry.data["receipt"] == contribution.receipt
    assert datetime.fromisoformat(entry.data["given_at"]) == contribution.created_at


def test_offline_votes_count_in_the_poll_results_of_a_closed_dialogue(admin, closed):
    block = closed.block("poll")
    red, blue, _green = block.option_ids()

    for choice in (red, red, blue):
        response = enter(admin, block, {"choice": choice}, channel="meeting")
        assert response.status_code == 302

    assert Contribution.objects.filter(channel="meeting").count() == 3
    visitor = Client(headers={"Accept-Language": "en"})
    results = text_of(block.section(visitor.get(closed.page.url)))
    assert "3 votes so far." in results
    assert "67 % (2 votes)" in results
    assert "33 % (1 vote)" in results


def test_offline_survey_answers_are_counted_with_the_web_answers(admin, closed):
    block = closed.block("survey")
    entrance, entrance_id, (north, south, _east) = block.question("single_choice")
    fields = valid_fields(block)
    # A web answer from while the dialogue was open.
    with time_machine.travel(timezone.now() - timedelta(days=10)):
        submit(block, {**fields, entrance: north}, channel="web")

    enter(admin, block, {**fields, entrance: north}, channel="paper")
    enter(admin, block, {**fields, entrance: south}, channel="walk")

    counts = dict(
        ContributionAnswer.objects.filter(
            page=closed.page, block_id=block.id, question_key=entrance_id
        )
        .values_list("value")
        .annotate(count=Count("pk"))
    )
    assert counts == {north: 2, south: 1}
    assert Contribution.objects.filter(entered_by__isnull=False).count() == 2


def test_an_offline_question_awaits_moderation_like_any_other(admin, dialogue):
    enter(admin, dialogue.block("question"), {"question": "När börjar bygget?"})

    contribution = Contribution.objects.get()
    assert contribution.status == ContributionStatus.PENDING
    assert contribution.content["question"] == "När börjar bygget?"


# -- mistakes ------------------------------------------------------------------


def test_a_future_date_is_refused_in_step_one(admin, dialogue):
    block = dialogue.block("poll")
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = admin.get(enter_url(dialogue.page), source(block, given_at=tomorrow))

    assert response.status_code == 200
    page = soup(response)
    assert "cannot have been given in the future" in text_of(page)
    # Still step 1: the block's form is not offered.
    assert page.find("input", attrs={"name": block.name("choice")}) is None


def test_a_future_date_is_refused_in_step_two_and_the_input_kept(admin, dialogue):
    block = dialogue.block("views")
    tomorrow = timezone.localtime() + timedelta(days=1)

    response = enter(admin, block, {"text": "Fler bänkar."}, given_at=tomorrow)

    assert response.status_code == 200
    page = soup(response)
    assert "cannot have been given in the future" in text_of(page)
    kept = page.find("textarea", attrs={"name": block.name("text")}).get_text()
    assert kept.strip() == "Fler bänkar."
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("channel", ["web", "api", "carrier-pigeon"])
def test_an_online_or_unknown_channel_is_refused(admin, dialogue, channel):
    block = dialogue.block("views")

    response = enter(admin, block, {"text": "Fler bänkar."}, channel=channel)

    assert response.status_code == 200
    assert "Input sent through the website or the API is not entered here" in (
        text_of(soup(response))
    )
    assert not Contribution.objects.exists()


def test_an_unknown_block_is_refused_with_a_message(admin, dialogue):
    params = {**source(dialogue.block("poll")), "block": "no-such-block"}

    shown = admin.get(enter_url(dialogue.page), params)
    posted = admin.post(enter_url(dialogue.page), params)

    for response in (shown, posted):
        assert response.status_code == 200
        assert "That part is not in this dialogue" in text_of(soup(response))
    assert not Contribution.objects.exists()


def test_a_content_block_is_not_a_part_that_takes_input(admin, dialogue):
    params = {**source(dialogue.block("poll")), "block": dialogue.content_block_id()}

    response = admin.post(enter_url(dialogue.page), params)

    assert response.status_code == 200
    assert "That part is not in this dialogue" in text_of(soup(response))
    assert not Contribution.objects.exists()


def test_an_invalid_form_is_shown_again_with_the_errors_and_the_input(admin, dialogue):
    block = dialogue.block("survey")
    long_text, _id, _options = block.question("long_text")
    short_text, _id, _options = block.question("short_text")

    response = enter(admin, block, {short_text: "Parkvägen"}, channel="paper")

    assert response.status_code == 200
    page = soup(response)
    assert "The input was not saved" in " ".join(error_messages(response))
    assert page.find("input", attrs={"name": block.name(short_text)})["value"] == (
        "Parkvägen"
    )
    assert "This field is required." in text_of(page)
    assert not Contribution.objects.exists()


# -- who may enter input ---------------------------------------------------------


@pytest.fixture
def committees(make_dialogue_index, consultation_dialogue):
    index_a = make_dialogue_index("tekniska", "Tekniska nämndens dialoger")
    index_b = make_dialogue_index("fritid", "Fritidsnämndens dialoger")
    return {
        "a": (index_a, consultation_dialogue(body=[poll()], parent=index_a)),
        "b": (index_b, consultation_dialogue(body=[poll()], parent=index_b)),
    }


def assert_denied(response):
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any("you do not have permission" in m for m in error_messages(response))


def test_a_user_who_cannot_edit_the_dialogue_is_denied(committees, make_staff_user):
    index_a, dialogue_a = committees["a"]
    _index_b, dialogue_b = committees["b"]
    editor_a = logged_in(make_staff_user("erik", pages=[index_a]))
    theirs = dialogue_b.block("poll")

    assert_denied(editor_a.get(enter_url(dialogue_b.page)))
    assert_denied(
        enter(editor_a, theirs, {"choice": theirs.option_ids()[0]}, channel="paper")
    )
    assert not Contribution.objects.exists()

    # Their own committee's dialogue they may enter input to; no moderation
    # permission is needed for that.
    own = dialogue_a.block("poll")
    assert editor_a.get(enter_url(dialogue_a.page)).status_code == 200
    enter(editor_a, own, {"choice": own.option_ids()[0]}, channel="paper")
    assert Contribution.objects.get().page_id == dialogue_a.page.pk


def test_the_receipt_of_another_dialogue_is_not_shown(admin, committees):
    _index_a, dialogue_a = committees["a"]
    _index_b, dialogue_b = committees["b"]
    block = dialogue_b.block("poll")
    enter(admin, block, {"choice": block.option_ids()[0]})
    contribution = Contribution.objects.get()

    response = admin.get(
        reverse(
            "wagtail_delaktighet_admin:offline_entered",
            args=[dialogue_a.page.pk, contribution.pk],
        )
    )

    assert response.status_code == 404


def test_the_enter_offline_input_button_shows_on_dialogues_the_user_may_edit(
    committees, make_staff_user
):
    index_a, dialogue_a = committees["a"]
    _index_b, dialogue_b = committees["b"]
    editor_a = logged_in(make_staff_user("erik", pages=[index_a]))

    listing = editor_a.get(reverse("wagtailadmin_explore", args=[index_a.pk]))
    edit_view = editor_a.get(
        reverse("wagtailadmin_pages:edit", args=[dialogue_a.page.pk])
    )

    for response in (listing, edit_view):
        assert response.status_code == 200
        links = soup(response).find_all("a", href=enter_url(dialogue_a.page))
        # The edit view also has it in its "Contributions" panel.
        assert {text_of(link) for link in links} == {"Enter offline input"}
    # Not on the index page itself, which is no dialogue, nor on the other
    # committee's dialogue.
    index_edit = editor_a.get(reverse("wagtailadmin_pages:edit", args=[index_a.pk]))
    assert enter_url(index_a).encode() not in index_edit.content
    assert enter_url(dialogue_b.page).encode() not in listing.content
