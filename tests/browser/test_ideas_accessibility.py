"""The ideas block in a real browser, checked by axe: before anyone takes
part, after an idea is sent, in the error state, and after a support and a
second support of the same idea. Everything posts without JavaScript."""

import re

import pytest
from django.utils import timezone

from tests.participation.support import ideas, publish_body
from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionStatus,
    OfficialResponse,
)

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = re.compile(r"D-\d{4}-\d{6}")
IDEA = "Fler bänkar vid dammen"


@pytest.fixture
def dialogue(ladder, make_dialogue, body_factory):
    """An open dialogue with an ideas block and one published idea with a
    status and a signed answer."""
    dialogue = publish_body(make_dialogue(), [ideas(publication="at_once")])
    block = dialogue.block("ideas")
    idea = Contribution.objects.create(
        page=dialogue.page,
        block_id=block.id,
        block_type="ideas",
        content={"title": IDEA, "description": "Det saknas sittplatser."},
        status=ContributionStatus.PUBLISHED,
        display_name="Kim",
    )
    OfficialResponse.objects.create(
        contribution=idea,
        signed_by=Contact.objects.create(
            name="Anna Lindqvist",
            kind=Contact.Kind.ELECTED,
            title="Ordförande",
            body=body_factory("Kultur- och fritidsnämnden"),
        ),
        text="Vi ställer ut fem nya bänkar i vår.",
        outcome="accepted",
        published_at=timezone.now(),
    )
    return dialogue


def section(browser_page, block):
    return browser_page.locator(f"section#{block.anchor}")


def test_the_ideas_block_before_taking_part(
    dialogue, browser_page, assert_no_axe_violations
):
    block = dialogue.block("ideas")
    browser_page.goto(dialogue.page.url)

    text = section(browser_page, block).inner_text()
    assert IDEA in text
    assert "Status: Godkänd" in text
    assert "Anna Lindqvist" in text
    button = section(browser_page, block).locator(".dlk-idea__support-form button")
    assert button.is_visible()
    assert "Stöd idén" in button.evaluate("el => el.textContent")
    assert_no_axe_violations(browser_page)


def test_an_idea_sent_and_an_idea_refused(
    dialogue, browser_page, assert_no_axe_violations
):
    block = dialogue.block("ideas")
    browser_page.goto(dialogue.page.url)
    ideas_section = section(browser_page, block)

    # Nothing filled in: the error summary, focused, links to the fields.
    with browser_page.expect_navigation():
        ideas_section.locator(".dlk-form button[type=submit]").click()
    summary = ideas_section.locator(".dlk-error-summary")
    assert summary.is_visible()
    assert browser_page.evaluate("document.activeElement.id") == (
        f"{block.anchor}-errors"
    )
    assert summary.locator("a").count() == 2
    assert_no_axe_violations(browser_page)

    ideas_section.locator(f"#{block.field_id('title')}").fill("En boulebana")
    ideas_section.locator(f"#{block.field_id('description')}").fill("Vid ån.")
    ideas_section.locator("input[type=radio]").first.check()
    with browser_page.expect_navigation():
        ideas_section.locator(".dlk-form button[type=submit]").click()

    notice = ideas_section.locator(".dlk-notice--success")
    assert notice.get_attribute("role") == "status"
    assert RECEIPT.search(notice.inner_text())
    assert "En boulebana" in ideas_section.inner_text()
    assert_no_axe_violations(browser_page)


def test_supporting_once_and_again(dialogue, browser_page, assert_no_axe_violations):
    block = dialogue.block("ideas")
    browser_page.goto(dialogue.page.url)
    ideas_section = section(browser_page, block)
    assert "0 stöd" in ideas_section.inner_text()

    with browser_page.expect_navigation():
        ideas_section.locator(".dlk-idea__support-form button").click()

    assert browser_page.url.endswith(f"#{block.anchor}-receipt")
    assert "Tack för att du stöder idén" in ideas_section.inner_text()
    assert "1 stöd" in ideas_section.inner_text()
    assert_no_axe_violations(browser_page)

    with browser_page.expect_navigation():
        ideas_section.locator(".dlk-idea__support-form button").click()

    summary = ideas_section.locator(".dlk-error-summary")
    assert "redan stött den här idén" in summary.inner_text()
    assert browser_page.evaluate("document.activeElement.id") == (
        f"{block.anchor}-errors"
    )
    assert "1 stöd" in ideas_section.inner_text()
    assert_no_axe_violations(browser_page)
