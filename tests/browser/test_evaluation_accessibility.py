"""The participant evaluation block and the voluntary background questions
in a real browser, checked by axe: before taking part, after a rejected
evaluation (the error state) and after an accepted one."""

import re

import pytest

from tests.participation.support import evaluation, publish_body, views
from tests.privacy.background_support import DISTRICT, define_questions
from wagtail_delaktighet.models import Contribution

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = re.compile(r"D-\d{4}-\d{6}")


@pytest.fixture
def dialogue(ladder, make_dialogue):
    dialogue = publish_body(
        make_dialogue(ask_background_questions=True), [views(), evaluation()]
    )
    define_questions(dialogue.page)
    return dialogue


def section(browser_page, block):
    return browser_page.locator(f"section#{block.anchor}")


def test_the_evaluation_and_the_background_questions_are_accessible(
    dialogue, browser_page, assert_no_axe_violations
):
    block = dialogue.block("evaluation")
    browser_page.goto(dialogue.page.url)
    evaluation_section = section(browser_page, block)
    background = evaluation_section.locator("fieldset.dlk-form__background")
    assert background.is_visible()
    # The browser asks for Swedish.
    assert "visas aldrig offentligt" in background.inner_text()
    assert_no_axe_violations(browser_page)

    # One rating only: the others are errors, linked from the summary.
    evaluation_section.locator(
        f"input[name='{block.name('purpose_clear')}'][value='4']"
    ).check()
    evaluation_section.get_by_label("Norrby").check()
    with browser_page.expect_navigation():
        evaluation_section.locator("button[type=submit]").click()
    summary = section(browser_page, block).locator(".dlk-error-summary")
    assert summary.is_visible()
    assert summary.locator("a").count() == 2
    # What was chosen is kept, the background answer too.
    assert section(browser_page, block).get_by_label("Norrby").is_checked()
    assert_no_axe_violations(browser_page)

    evaluation_section = section(browser_page, block)
    for name in ("influence_understood", "expects_feedback"):
        evaluation_section.locator(
            f"input[name='{block.name(name)}'][value='3']"
        ).check()
    with browser_page.expect_navigation():
        evaluation_section.locator("button[type=submit]").click()
    receipt = section(browser_page, block).locator("[role=status]")
    assert RECEIPT.search(receipt.inner_text())
    stored = Contribution.objects.get(block_id=block.id)
    assert [row.question for row in stored.background_answers.all()] == [DISTRICT]
    assert_no_axe_violations(browser_page)
