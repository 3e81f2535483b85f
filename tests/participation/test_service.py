"""The participation service called directly, for what HTTP cannot reach:
staff entering offline input, and the service's own answers."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from wagtail_delaktighet.models import Contribution
from wagtail_delaktighet.participation import service
from wagtail_delaktighet.participation.ratelimit import client_key

from .support import RECEIPT, override_delaktighet, submit, valid_fields

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


@override_delaktighet(RATE_LIMIT_PER_ADDRESS=1)
def test_staff_enter_offline_input_on_a_closed_dialogue_without_a_limit(
    closed_dialogue, editor
):
    block = closed_dialogue.block("views")
    meeting_hall = client_key("192.0.2.10")

    entered = [
        submit(
            block,
            {"text": f"Sagt på mötet {n}"},
            channel="meeting",
            entered_by=editor,
            client=meeting_hall,
        )
        for n in range(3)
    ]

    assert Contribution.objects.count() == 3
    for contribution in entered:
        assert contribution.channel == "meeting"
        assert contribution.entered_by == editor
        assert contribution.is_staff_entered
        assert contribution.status == "pending"
        assert RECEIPT.fullmatch(contribution.receipt)


@pytest.mark.parametrize("channel", ["web", "api"])
def test_online_channels_need_an_open_dialogue(closed_dialogue, channel):
    block = closed_dialogue.block("views")

    with pytest.raises(service.DialogueNotOpen) as refused:
        service.submit(
            block.page, block.id, block.form_data({"text": "Hej"}), channel=channel
        )

    assert refused.value.http_status == 403
    assert "has closed" in refused.value.message
    assert not Contribution.objects.exists()


def test_an_upcoming_dialogue_says_it_has_not_opened(upcoming_dialogue):
    block = upcoming_dialogue.block("views")

    with pytest.raises(service.DialogueNotOpen) as refused:
        service.submit(block.page, block.id, block.form_data({"text": "Hej"}))

    assert refused.value.message == "This dialogue has not opened yet."


@pytest.mark.usefixtures("rate_limit_window")
@override_delaktighet(RATE_LIMIT_PER_ADDRESS=1)
def test_the_rate_limit_counts_online_posts_per_client(dialogue):
    block = dialogue.block("views")
    address = client_key("192.0.2.20")
    submit(block, {"text": "Första"}, client=address)

    with pytest.raises(service.RateLimited) as refused:
        service.submit(
            block.page, block.id, block.form_data({"text": "Andra"}), client=address
        )

    assert refused.value.http_status == 429
    submit(block, {"text": "Från en annan"}, client=client_key("192.0.2.21"))
    assert Contribution.objects.count() == 2


def test_the_client_key_is_not_the_address():
    key = client_key("192.0.2.30")

    assert "192.0.2.30" not in key
    assert key == client_key("192.0.2.30")
    assert key != client_key("192.0.2.31")


def test_a_poll_takes_one_vote_per_participant_online(dialogue):
    block = dialogue.block("poll")
    red, blue, _green = block.option_ids()
    submit(block, {"choice": red}, participant="token-1")

    with pytest.raises(service.AlreadyAnswered) as refused:
        service.submit(
            block.page,
            block.id,
            block.form_data({"choice": blue}),
            participant="token-1",
        )

    assert refused.value.http_status == 409
    submit(block, {"choice": blue}, participant="token-2")
    assert block.contributions().count() == 2


def test_staff_may_enter_many_poll_votes(dialogue, editor):
    block = dialogue.block("poll")
    red = block.option_ids()[0]

    for _n in range(3):
        submit(
            block,
            {"choice": red},
            channel="paper",
            entered_by=editor,
            participant="staff-session",
        )

    assert block.contributions().filter(participant_key=None).count() == 3


def test_a_repeated_submission_returns_the_first_contribution(dialogue):
    block = dialogue.block("question")
    data = block.form_data({"question": "Hej?"}, submission_key="form-1")

    first = service.submit(block.page, block.id, data)
    again = service.submit(block.page, block.id, data)

    assert not first.duplicate
    assert again.duplicate
    assert again.contribution.pk == first.contribution.pk
    assert Contribution.objects.count() == 1


def test_an_invalid_submission_returns_the_form_and_stores_nothing(dialogue):
    block = dialogue.block("question")

    result = service.submit(block.page, block.id, block.form_data({}))

    assert not result.accepted
    assert list(result.form.errors) == ["question"]
    assert not Contribution.objects.exists()


def test_an_unknown_or_content_block_is_not_found(dialogue):
    for block_id in ("no-such-block", dialogue.content_block_id()):
        with pytest.raises(service.BlockNotFound):
            service.submit(dialogue.page, block_id, {})


def test_the_receipt_carries_the_year_of_the_contribution(dialogue, editor):
    block = dialogue.block("views")
    last_year = datetime(timezone.now().year - 1, 11, 5, 18, 30, tzinfo=STOCKHOLM)

    contribution = submit(
        block,
        valid_fields(block),
        channel="paper",
        entered_by=editor,
        created_at=last_year,
    )

    assert contribution.created_at == last_year
    assert contribution.receipt == f"D-{last_year.year}-{contribution.pk:06d}"


def test_receipts_are_unique(dialogue):
    block = dialogue.block("views")

    receipts = [submit(block, {"text": f"Nr {n}"}).receipt for n in range(3)]

    assert len(set(receipts)) == 3
    assert all(RECEIPT.fullmatch(receipt) for receipt in receipts)


def test_the_receipt_year_is_the_local_year(dialogue, editor):
    block = dialogue.block("views")
    new_years_night = datetime(2027, 1, 1, 0, 30, tzinfo=STOCKHOLM)

    # 23:30 on New Year's Eve in UTC, but 2027 where the municipality is.
    with time_machine.travel(new_years_night, tick=False):
        contribution = submit(
            block, valid_fields(block), channel="paper", entered_by=editor
        )

    assert contribution.receipt.startswith("D-2027-")


def test_a_form_key_shared_by_a_page_cache_does_not_swallow_others_input(dialogue):
    # A cached page serves one form, with one key, to everybody.
    block = dialogue.block("views")
    shared_key = "cached-form-key"

    first = service.submit(
        block.page,
        block.id,
        block.form_data({"text": "Fler bänkar"}, submission_key=shared_key),
        participant="resident-a",
    )
    other_person = service.submit(
        block.page,
        block.id,
        block.form_data({"text": "Fler bänkar"}, submission_key=shared_key),
        participant="resident-b",
    )
    other_text = service.submit(
        block.page,
        block.id,
        block.form_data({"text": "Mer belysning"}, submission_key=shared_key),
        participant="resident-a",
    )
    repeat = service.submit(
        block.page,
        block.id,
        block.form_data({"text": "Fler bänkar"}, submission_key=shared_key),
        participant="resident-a",
    )

    assert not first.duplicate and not other_person.duplicate
    assert not other_text.duplicate
    assert repeat.duplicate
    assert repeat.contribution == first.contribution
    assert block.contributions().count() == 3
