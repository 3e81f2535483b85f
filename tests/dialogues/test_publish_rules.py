"""The publish rules, through the real Wagtail admin edit view.

An editor publishes (or saves a draft of) a dialogue; a broken rule keeps the
dialogue unpublished and shows a message at its field that says what to do.
"""

import json
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests.fixtures.dialogues import create_assessment
from wagtail_delaktighet.models import DialoguePage
from wagtail_delaktighet.publishing.rules import (
    REQUIRED_TO_PUBLISH,
    publish_rule_errors,
    publish_rule_errors_for_page,
)

pytestmark = pytest.mark.django_db

OPENS = "2030-01-10 09:00"
CLOSES = "2030-02-10 17:00"
FEEDBACK = "2030-03-15"
SUGGESTION_BOX = ("suggestion_box", {"prompt": "Vad saknar du i parken?"})
PARAGRAPH = ("paragraph", rich_text("<p>Bakgrund.</p>"))


@pytest.fixture
def draft_dialogue(dialogue_index):
    """A dialogue saved as a draft only: nothing filled in but its title."""
    page = DialoguePage(title="Parken vid ån", slug="parken", live=False)
    dialogue_index.add_child(instance=page)
    # As the admin saves a draft: without the checks that publishing makes.
    page.save_revision(clean=False)
    return DialoguePage.objects.get(pk=page.pk)


def form_data(level, body=(), **overrides):
    """What the edit form posts for a complete, publishable dialogue."""
    values = {
        "title": "Parken vid ån",
        "slug": "parken",
        "summary": "Hur ska parken vid ån bli?",
        "purpose": "Att ta reda på vad invånarna vill ha i parken.",
        "question": "Vad saknar du i parken?",
        "influence_level": level.pk,
        "can_influence": rich_text("<p>Utformningen av parken.</p>"),
        "cannot_influence": rich_text("<p>Budgeten.</p>"),
        "input_handling": rich_text("<p>Tjänstepersoner sammanställer.</p>"),
        "opens_at": OPENS,
        "closes_at": CLOSES,
        "feedback_promised_on": FEEDBACK,
        "decision_timing": "",
        "scope": "",
        "adaptations": rich_text(""),
        "body": streamfield(list(body)),
        "phases": inline_formset([]),
        "activities": inline_formset([]),
        "dialogue_contacts": inline_formset([]),
        "documents": inline_formset([]),
        "decisions": inline_formset([]),
    }
    values.update(overrides)
    return nested_form_data(values)


def with_body_factory(data, body_factory):
    """The form data with a responsible body and the assessment that decided
    to involve residents."""
    body = body_factory()
    assessment = create_assessment(body)
    return {
        **data,
        "responsible_body": body.pk,
        "involvement_assessment": assessment.pk,
    }


def edit(admin, page, data, *, publish):
    if publish:
        data = {**data, "action-publish": "action-publish"}
    return admin.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def field_errors(response, name):
    return [str(message) for message in response.context["form"].errors.get(name, [])]


def assert_shown(response, message):
    """The editor sees the message: as text at a field, or, for the body,
    in the data the StreamField editor renders its errors from."""
    content = response.content.decode()
    as_text = escape(message)
    as_block_data = escape(json.dumps(message)[1:-1])
    assert as_text in content or as_block_data in content


def is_live(page):
    return Page.objects.get(pk=page.pk).live


def latest_draft(page):
    return DialoguePage.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_a_blank_draft_opens_for_editing_without_rule_messages(admin, draft_dialogue):
    # The rules speak when the editor publishes, not when they open a draft
    # that has nothing but its title.
    response = admin.get(reverse("wagtailadmin_pages:edit", args=[draft_dialogue.pk]))

    assert response.status_code == 200
    form = response.context["form"]
    assert form.instance.pk == draft_dialogue.pk
    assert form["title"].value() == "Parken vid ån"
    assert not form.is_bound and not form.errors
    content = response.content.decode()
    for name, message in REQUIRED_TO_PUBLISH.items():
        assert name in form.fields, name
        assert not form[name].value(), name
        assert escape(str(message)) not in content, name


@pytest.mark.parametrize(
    "field, blank",
    [
        ("purpose", ""),
        ("influence_level", ""),
        ("can_influence", rich_text("")),
        ("input_handling", rich_text("")),
        ("responsible_body", ""),
        ("opens_at", ""),
        ("closes_at", ""),
    ],
)
def test_publishing_requires_each_field_and_says_why(
    admin, draft_dialogue, level, body_factory, field, blank
):
    complete = with_body_factory(form_data(level("Konsultation")), body_factory)

    response = edit(admin, draft_dialogue, {**complete, field: blank}, publish=True)

    assert response.status_code == 200
    assert not is_live(draft_dialogue)
    assert field_errors(response, field) == [str(REQUIRED_TO_PUBLISH[field])]
    assert_shown(response, str(REQUIRED_TO_PUBLISH[field]))

    response = edit(admin, draft_dialogue, complete, publish=True)

    assert response.status_code == 302
    assert is_live(draft_dialogue)


def test_a_draft_can_be_saved_without_the_required_fields(admin, draft_dialogue, level):
    data = form_data(
        level("Konsultation"),
        purpose="",
        influence_level="",
        can_influence=rich_text(""),
        input_handling=rich_text(""),
        opens_at="",
        closes_at="",
        feedback_promised_on="",
        summary="Ett utkast",
    )

    response = edit(admin, draft_dialogue, data, publish=False)

    assert response.status_code == 302
    assert not is_live(draft_dialogue)
    draft = latest_draft(draft_dialogue)
    assert draft.summary == "Ett utkast"
    assert draft.purpose == ""
    assert draft.influence_level is None


def test_closing_must_come_after_opening(admin, draft_dialogue, level, body_factory):
    complete = with_body_factory(form_data(level("Konsultation")), body_factory)

    for closes_at in ("2030-01-09 12:00", OPENS):
        response = edit(
            admin, draft_dialogue, {**complete, "closes_at": closes_at}, publish=True
        )
        assert response.status_code == 200
        assert not is_live(draft_dialogue)
        [message] = field_errors(response, "closes_at")
        assert_shown(response, message)
        assert message.startswith("The dialogue must close after it opens.")

    response = edit(
        admin,
        draft_dialogue,
        {**complete, "closes_at": "2030-01-10 09:01"},
        publish=True,
    )
    assert response.status_code == 302
    assert is_live(draft_dialogue)


def test_date_order_is_checked_on_a_draft_too(admin, draft_dialogue, level):
    data = form_data(
        level("Konsultation"), closes_at="2030-01-01 12:00", feedback_promised_on=""
    )

    response = edit(admin, draft_dialogue, data, publish=False)

    assert response.status_code == 200
    [message] = field_errors(response, "closes_at")
    assert_shown(response, message)
    assert message.startswith("The dialogue must close after it opens.")
    # Nothing was saved: the only revision is the one the fixture made.
    assert draft_dialogue.revisions.count() == 1


def test_a_level_without_input_cannot_carry_consultation_blocks(
    admin, draft_dialogue, level, body_factory
):
    information = level("Information")
    with_block = with_body_factory(
        form_data(information, body=[PARAGRAPH, SUGGESTION_BOX]), body_factory
    )

    response = edit(admin, draft_dialogue, with_block, publish=True)

    assert response.status_code == 200
    assert not is_live(draft_dialogue)
    message = (
        "The level “Information” does not accept input, so this dialogue cannot "
        "contain consultation blocks. Remove the “Suggestion box” block or choose "
        "another level."
    )
    assert field_errors(response, "body") == [message]
    assert_shown(response, message)

    without_block = with_body_factory(
        form_data(information, body=[PARAGRAPH]), body_factory
    )
    response = edit(admin, draft_dialogue, without_block, publish=True)

    assert response.status_code == 302
    assert is_live(draft_dialogue)


def test_a_level_that_accepts_input_may_carry_consultation_blocks(
    admin, draft_dialogue, level, body_factory
):
    data = with_body_factory(
        form_data(level("Konsultation"), body=[SUGGESTION_BOX]), body_factory
    )

    response = edit(admin, draft_dialogue, data, publish=True)

    assert response.status_code == 302
    page = DialoguePage.objects.get(pk=draft_dialogue.pk)
    assert page.live
    assert [block.block_type for block in page.body] == ["suggestion_box"]


def test_a_draft_may_hold_consultation_blocks_while_the_level_is_changed(
    admin, draft_dialogue, level
):
    data = form_data(level("Information"), body=[SUGGESTION_BOX])

    response = edit(admin, draft_dialogue, data, publish=False)

    assert response.status_code == 302
    assert latest_draft(draft_dialogue).influence_level == level("Information")


def test_a_level_that_promises_feedback_needs_a_feedback_date(
    admin, draft_dialogue, level, body_factory
):
    data = with_body_factory(
        form_data(level("Dialog"), feedback_promised_on=""), body_factory
    )

    response = edit(admin, draft_dialogue, data, publish=True)

    assert response.status_code == 200
    assert not is_live(draft_dialogue)
    [message] = field_errors(response, "feedback_promised_on")
    assert_shown(response, message)
    assert message.startswith("The level “Dialog” promises participants")
    assert "Set the date" in message

    response = edit(
        admin, draft_dialogue, {**data, "feedback_promised_on": FEEDBACK}, publish=True
    )
    assert response.status_code == 302
    assert is_live(draft_dialogue)


def test_a_level_without_that_promise_publishes_without_a_feedback_date(
    admin, draft_dialogue, level, body_factory
):
    data = with_body_factory(
        form_data(level("Information"), feedback_promised_on=""), body_factory
    )

    response = edit(admin, draft_dialogue, data, publish=True)

    assert response.status_code == 302
    assert is_live(draft_dialogue)


def test_the_feedback_date_must_be_after_the_closing_day(
    admin, draft_dialogue, level, body_factory
):
    complete = with_body_factory(form_data(level("Konsultation")), body_factory)

    for feedback_on in ("2030-02-01", "2030-02-10"):
        response = edit(
            admin,
            draft_dialogue,
            {**complete, "feedback_promised_on": feedback_on},
            publish=True,
        )
        assert response.status_code == 200
        assert not is_live(draft_dialogue)
        [message] = field_errors(response, "feedback_promised_on")
        assert_shown(response, message)
        assert message.startswith("The feedback date must be after the dialogue")

    response = edit(
        admin,
        draft_dialogue,
        {**complete, "feedback_promised_on": "2030-02-11"},
        publish=True,
    )
    assert response.status_code == 302
    assert is_live(draft_dialogue)


def test_the_closing_day_is_the_local_one(admin, draft_dialogue, level, body_factory):
    # 00:30 on 2 March in Stockholm is still 1 March in UTC; the closing day
    # participants see is 2 March, so feedback "by 2 March" is not after it.
    complete = with_body_factory(form_data(level("Konsultation")), body_factory)
    data = {
        **complete,
        "opens_at": "2030-02-01 09:00",
        "closes_at": "2030-03-02 00:30",
        "feedback_promised_on": "2030-03-02",
    }

    response = edit(admin, draft_dialogue, data, publish=True)

    assert response.status_code == 200
    [message] = field_errors(response, "feedback_promised_on")
    assert_shown(response, message)
    assert message.startswith("The feedback date must be after the dialogue")
    assert not is_live(draft_dialogue)


def test_the_rules_apply_to_a_page_outside_the_admin(make_dialogue, level):
    # The API and management commands call the same rules on a page.
    page = make_dialogue(influence_level=level("Information"))
    assert publish_rule_errors_for_page(page) == {}

    page.influence_level = level("Dialog")
    page.feedback_promised_on = None
    page.closes_at = page.opens_at
    errors = publish_rule_errors_for_page(page)
    assert set(errors) == {"closes_at", "feedback_promised_on"}

    page.influence_level = None
    page.purpose = "  "
    assert {"influence_level", "purpose"} <= set(publish_rule_errors_for_page(page))
    assert "purpose" not in publish_rule_errors_for_page(page, publishing=False)


def test_closing_day_comparison_uses_the_current_time_zone():
    # 23:30 UTC on 1 March is 00:30 on 2 March in Stockholm (UTC+1): there
    # the dialogue closes on 2 March, so feedback "by 2 March" is not after
    # it; where the current time zone is UTC it closes on 1 March.
    values = {
        "opens_at": datetime(2030, 2, 1, 8, 0, tzinfo=UTC),
        "closes_at": datetime(2030, 3, 1, 23, 30, tzinfo=UTC),
        "feedback_promised_on": date(2030, 3, 2),
    }
    assert timezone.get_current_timezone_name() == "Europe/Stockholm"
    errors = publish_rule_errors(values, publishing=False)
    assert set(errors) == {"feedback_promised_on"}
    assert "closes on March 2, 2030" in errors["feedback_promised_on"]

    with timezone.override("UTC"):
        assert publish_rule_errors(values, publishing=False) == {}
