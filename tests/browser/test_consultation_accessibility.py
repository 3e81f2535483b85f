"""Every consultation block in a real browser, checked by axe: before anyone
takes part, after a rejected submission (the error state) and after a vote.
The forms post without JavaScript; the browser only follows links and
redirects as any browser would."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.participation.support import every_block, publish_body
from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionStatus,
    OfficialResponse,
)

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = re.compile(r"D-\d{4}-\d{6}")
ANSWERED_QUESTION = "När börjar bygget av den nya lekplatsen?"
PUBLISHED_VIEW = "Bänkarna vid dammen behöver bytas ut."


@pytest.fixture
def dialogue(ladder, make_dialogue, body_factory):
    """An open dialogue with every consultation block (the survey asks all six
    kinds of question), a published view and an answered question."""
    dialogue = publish_body(make_dialogue(), every_block())
    kinds = {
        item.value["kind"]
        for item in dialogue.block("survey").value["questions"].bound_blocks
    }
    assert kinds == {
        "short_text",
        "long_text",
        "single_choice",
        "multiple_choice",
        "scale",
        "yes_no",
    }
    views_block, question_block = dialogue.block("views"), dialogue.block("question")
    Contribution.objects.create(
        page=dialogue.page,
        block_id=views_block.id,
        block_type="views",
        content={"text": PUBLISHED_VIEW, "addressed_to": "both"},
        status=ContributionStatus.PUBLISHED,
        display_name="Kim",
    )
    asked = Contribution.objects.create(
        page=dialogue.page,
        block_id=question_block.id,
        block_type="question",
        content={"question": ANSWERED_QUESTION, "addressed_to": "elected"},
        status=ContributionStatus.PUBLISHED,
    )
    OfficialResponse.objects.create(
        contribution=asked,
        signed_by=Contact.objects.create(
            name="Anna Lindqvist",
            kind=Contact.Kind.ELECTED,
            title="Ordförande",
            body=body_factory("Kultur- och fritidsnämnden"),
        ),
        text="Bygget börjar i april.",
        published_at=timezone.now(),
    )
    return dialogue


def section(browser_page, block):
    return browser_page.locator(f"section#{block.anchor}")


def test_every_block_before_taking_part(
    dialogue, browser_page, assert_no_axe_violations
):
    response = browser_page.goto(dialogue.page.url)
    assert response.status == 200

    for block in dialogue.blocks:
        block_section = section(browser_page, block)
        # Each block is a section named by its own h2 heading.
        assert block_section.locator("h2").count() == 1
        assert block_section.get_attribute("aria-labelledby") == (
            block_section.locator("h2").get_attribute("id")
        )
        assert block_section.locator("form button[type=submit]").is_visible()
        # The public-records notice comes before the button.
        assert (
            block_section.locator(
                "form .dlk-form__public-record + button[type=submit]"
            ).count()
            == 1
        )
        # The honeypot is off-screen and out of reach of keyboard and
        # assistive technology.
        honeypot = block_section.locator(".dlk-honeypot")
        assert honeypot.get_attribute("aria-hidden") == "true"
        assert honeypot.locator("input").get_attribute("tabindex") == "-1"
        assert honeypot.bounding_box()["x"] < 0

    # Published views and answered questions are listed, answers signed.
    assert PUBLISHED_VIEW in section(browser_page, dialogue.block("views")).inner_text()
    question_text = section(browser_page, dialogue.block("question")).inner_text()
    assert ANSWERED_QUESTION in question_text
    assert "Anna Lindqvist" in question_text
    assert_no_axe_violations(browser_page)


def test_a_rejected_survey_shows_its_errors_accessibly(
    dialogue, browser_page, assert_no_axe_violations
):
    survey = dialogue.block("survey")
    browser_page.goto(dialogue.page.url)
    street_field, _id, _options = survey.question("short_text")
    section(browser_page, survey).locator(f"#{survey.field_id(street_field)}").fill(
        "Parkvägen"
    )

    with browser_page.expect_navigation():
        section(browser_page, survey).locator("button[type=submit]").click()

    # The browser lands on the error summary at the top of the block's form
    # and focuses it, without JavaScript.
    summary = section(browser_page, survey).locator(".dlk-error-summary")
    assert summary.is_visible()
    assert summary.get_attribute("role") == "alert"
    assert browser_page.url.endswith(f"#{survey.anchor}-errors")
    assert (
        browser_page.evaluate("document.activeElement.id") == f"{survey.anchor}-errors"
    )
    # It links to each required question left empty, and every link's target
    # is in the page, marked invalid and described by its error.
    required = [
        survey.question(kind)[0] for kind in ("long_text", "single_choice", "scale")
    ]
    links = summary.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        f"#{survey.field_id(name)}" for name in required
    ]
    for name in required:
        field = browser_page.locator(f"#{survey.field_id(name)}")
        assert f"{survey.field_id(name)}_error" in field.get_attribute(
            "aria-describedby"
        )
        assert "dlk-field--invalid" in field.evaluate(
            "el => el.closest('.dlk-field').className"
        )
    # What the participant wrote is kept.
    assert (
        browser_page.locator(f"#{survey.field_id(street_field)}").input_value()
        == "Parkvägen"
    )
    # Following a link takes the participant to the question.
    links.first.click()
    # A link within the page: the browser may change the URL after the click.
    expect(browser_page).to_have_url(
        re.compile(re.escape(f"#{survey.field_id(required[0])}") + "$")
    )
    assert Contribution.objects.filter(block_id=survey.id).count() == 0
    assert_no_axe_violations(browser_page)


def test_a_vote_is_confirmed_with_a_receipt_and_results(
    dialogue, browser_page, assert_no_axe_violations
):
    poll = dialogue.block("poll")
    browser_page.goto(dialogue.page.url)
    poll_section = section(browser_page, poll)
    first_option = poll_section.locator("input[type=radio]").first
    first_option.check()

    with browser_page.expect_navigation():
        poll_section.locator("button[type=submit]").click()

    assert browser_page.url.endswith(f"{dialogue.page.url}#{poll.anchor}-receipt")
    notice = poll_section.locator(".dlk-notice--success")
    assert notice.get_attribute("role") == "status"
    receipt = RECEIPT.search(notice.inner_text())
    assert receipt is not None, notice.inner_text()
    assert Contribution.objects.get(block_id=poll.id).receipt == receipt.group(0)
    # The results: a list with the counts written out; the voting form is
    # gone, and the offer to follow the dialogue is next to the receipt.
    rows = poll_section.locator(".dlk-results__row")
    assert rows.count() == len(poll.option_ids())
    assert "100" in rows.first.locator(".dlk-results__value").inner_text()
    assert poll_section.locator("meter").first.get_attribute("aria-hidden") == "true"
    assert (
        poll_section.locator(".dlk-consultation__form, form[action*='/delta/']").count()
        == 0
    )
    assert poll_section.locator(".dlk-follow-offer form").count() == 1
    assert_no_axe_violations(browser_page)
