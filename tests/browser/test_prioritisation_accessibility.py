"""The prioritisation blocks in a real browser, checked by axe: before
taking part, after a post over the limit (the error state) and after an
accepted one (receipt and results). The forms post without JavaScript."""

import re

import pytest

from tests.participation.support import budget, points, publish_body, ranking
from wagtail_delaktighet.models import Contribution

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = re.compile(r"D-\d{4}-\d{6}")


@pytest.fixture
def dialogue(ladder, make_dialogue):
    return publish_body(make_dialogue(), [points(), ranking(), budget()])


def section(browser_page, block):
    return browser_page.locator(f"section#{block.anchor}")


def send(browser_page, block):
    with browser_page.expect_navigation():
        section(browser_page, block).locator("button[type=submit]").click()


def test_the_blocks_before_taking_part(
    dialogue, browser_page, assert_no_axe_violations
):
    assert browser_page.goto(dialogue.page.url).status == 200

    for block in dialogue.blocks:
        block_section = section(browser_page, block)
        assert block_section.locator(".dlk-prioritisation__rule").is_visible()
        assert block_section.locator("form button[type=submit]").is_visible()
        # Every input has its label: the option's text.
        for field in block_section.locator("input:visible, select").all():
            field_id = field.get_attribute("id")
            assert block_section.locator(f"label[for='{field_id}']").count() == 1
    assert_no_axe_violations(browser_page)


@pytest.mark.parametrize("block_type", ["points", "ranking", "budget"])
def test_a_post_over_the_limit_shows_its_errors_accessibly(
    dialogue, browser_page, assert_no_axe_violations, block_type
):
    block = dialogue.block(block_type)
    browser_page.goto(dialogue.page.url)
    block_section = section(browser_page, block)
    if block_type == "points":
        for field in block_section.locator("input[type=number]").all():
            field.fill("5")
    elif block_type == "ranking":
        for field in block_section.locator("select").all():
            field.select_option("1")
    else:
        for field in block_section.locator("input[type=checkbox]").all():
            field.check()

    send(browser_page, block)

    summary = block_section.locator(".dlk-error-summary")
    assert summary.is_visible()
    assert browser_page.url.endswith(f"#{block.anchor}-errors")
    assert (
        browser_page.evaluate("document.activeElement.id") == f"{block.anchor}-errors"
    )
    target = summary.locator("a").first.get_attribute("href")
    field = browser_page.locator(target)
    assert f"{target[1:]}_error" in field.get_attribute("aria-describedby")
    assert Contribution.objects.filter(block_id=block.id).count() == 0
    assert_no_axe_violations(browser_page)


def test_an_accepted_budget_shows_its_receipt_and_results(
    dialogue, browser_page, assert_no_axe_violations
):
    block = dialogue.block("budget")
    browser_page.goto(dialogue.page.url)
    block_section = section(browser_page, block)
    block_section.locator("input[type=checkbox]").first.check()

    send(browser_page, block)

    assert browser_page.url.endswith(f"#{block.anchor}-receipt")
    notice = block_section.locator(".dlk-notice--success")
    assert RECEIPT.search(notice.inner_text())
    assert block_section.locator(".dlk-chart .dlk-results__row").count() == 3
    # The form is gone (the offer to follow the dialogue stays).
    assert block_section.locator("form[action*='/delta/']").count() == 0
    assert_no_axe_violations(browser_page)


def numbers_in(locator):
    """The numbers of a text in any language: "40 000" or "40,000" is 40000."""
    text = locator.inner_text()
    return [int(re.sub(r"\D", "", n)) for n in re.findall(r"\d+(?:[\s,.]\d{3})*", text)]


def test_the_running_total_follows_the_points_and_the_budget(
    dialogue, browser_page, assert_no_axe_violations
):
    """The optional script: a polite live region with the total so far."""
    browser_page.goto(dialogue.page.url)
    points_block, budget_block = dialogue.block("points"), dialogue.block("budget")
    points_tally = section(browser_page, points_block).locator(
        ".dlk-prioritisation__tally"
    )
    budget_tally = section(browser_page, budget_block).locator(
        ".dlk-prioritisation__tally"
    )
    assert points_tally.get_attribute("aria-live") == "polite"

    inputs = section(browser_page, points_block).locator("input[type=number]")
    inputs.nth(0).fill("6")
    inputs.nth(1).fill("3")
    assert numbers_in(points_tally) == [9, 1, 10]  # given, left, limit
    inputs.nth(2).fill("4")
    assert numbers_in(points_tally) == [13, 3, 10]  # given, too many, limit

    boxes = section(browser_page, budget_block).locator("input[type=checkbox]")
    boxes.nth(0).check()
    assert numbers_in(budget_tally) == [40_000, 60_000, 100_000]
    boxes.nth(1).check()
    assert numbers_in(budget_tally) == [110_000, 10_000, 100_000]
    assert_no_axe_violations(browser_page)
