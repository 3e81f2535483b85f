"""Taking part with the keyboard only, in a real browser: from the "Delta"
link at the top of the page to the first open block, through its form, to the
receipt or the error summary, which gets focus (so a screen reader reads it).
With JavaScript (the package's focus.js) and without it (the URL's fragment
alone)."""

import re

import pytest
from playwright.sync_api import expect

from tests.participation.support import poll, publish_body, survey

pytestmark = pytest.mark.django_db(transaction=True)

RECEIPT = re.compile(r"D-\d{4}-\d{6}")
#: No test should need more presses of Tab than this to reach anything.
MOST_TABS = 60


@pytest.fixture
def keyboard_page(browser_page):
    """The browser page, with every script error it meets kept."""
    errors = []
    browser_page.on("pageerror", lambda error: errors.append(str(error)))
    browser_page.script_errors = errors
    return browser_page


@pytest.fixture
def no_script_page(browser, live_server):
    context = browser.new_context(
        locale="sv-SE", base_url=live_server.url, java_script_enabled=False
    )
    page = context.new_page()
    yield page
    context.close()


def ends_with(suffix):
    """A URL pattern for Playwright's waiting assertions."""
    return re.compile(re.escape(suffix) + "$")


def focused(page, selector):
    """Whether the focused element matches ``selector``."""
    return page.locator(f"{selector}:focus").count() == 1


def tab_until(page, selector):
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if focused(page, selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def take_part_by_keyboard(page, dialogue):
    """Open the page, follow "Delta" with the keyboard; the next Tab is in
    the first open block."""
    page.goto(dialogue.page.url)
    tab_until(page, ".dlk-dialogue__take-part a")
    assert page.locator(".dlk-dialogue__take-part a:focus").inner_text() == "Delta"
    page.keyboard.press("Enter")
    first = dialogue.blocks[0]
    # Following a link within the page is a navigation the browser may finish
    # after the key press returns: wait for it rather than read the URL at once.
    expect(page).to_have_url(ends_with(f"#{first.anchor}"))
    page.keyboard.press("Tab")
    assert focused(page, f"section#{first.anchor} *"), "Tab did not go on in block"
    return first


def submit_by_keyboard(page, block):
    tab_until(page, f"section#{block.anchor} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_vote_by_keyboard_ends_with_focus_on_the_receipt(
    make_dialogue, keyboard_page, assert_no_axe_violations
):
    dialogue = publish_body(make_dialogue(), [poll(), survey()])
    page = keyboard_page

    block = take_part_by_keyboard(page, dialogue)
    # The first Tab in the poll lands on its first choice: Space chooses it.
    assert focused(page, f"section#{block.anchor} input[type=radio]")
    page.keyboard.press("Space")
    submit_by_keyboard(page, block)

    receipt_id = f"{block.anchor}-receipt"
    assert page.url.endswith(f"{dialogue.page.url}#{receipt_id}")
    assert page.evaluate("document.activeElement.id") == receipt_id
    receipt = page.locator(f"#{receipt_id}")
    assert receipt.get_attribute("role") == "status"
    assert RECEIPT.search(receipt.inner_text())
    # The next Tab goes on from the receipt: into the offer to follow.
    page.keyboard.press("Tab")
    assert focused(page, f"section#{block.anchor} .dlk-follow-offer *")
    assert page.script_errors == []
    assert_no_axe_violations(page)


def test_a_rejected_survey_by_keyboard_ends_with_focus_on_the_error_summary(
    make_dialogue, keyboard_page, assert_no_axe_violations
):
    dialogue = publish_body(make_dialogue(), [survey(), poll()])
    page = keyboard_page

    block = take_part_by_keyboard(page, dialogue)
    page.keyboard.type("Parkvägen")
    submit_by_keyboard(page, block)

    summary_id = f"{block.anchor}-errors"
    assert page.url.endswith(f"#{summary_id}")
    assert page.evaluate("document.activeElement.id") == summary_id
    summary = page.locator(f"#{summary_id}")
    assert summary.get_attribute("role") == "alert"
    assert "Ditt bidrag skickades inte" in summary.inner_text()
    assert page.script_errors == []
    assert_no_axe_violations(page)

    # The script's part: a link to a group of choices focuses its first
    # choice (without the script the browser goes to the group's fieldset,
    # which cannot take focus).
    links = summary.locator("a")
    assert links.count() == 3  # long text, single choice, scale
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert links.nth(1).evaluate("link => link === document.activeElement")
    target = links.nth(1).get_attribute("href")
    page.keyboard.press("Enter")
    expect(page).to_have_url(ends_with(target))
    expect(page.locator(f"fieldset{target} input[type=radio]").first).to_be_focused()


def test_without_javascript_the_redirect_names_the_receipt(
    make_dialogue, no_script_page
):
    dialogue = publish_body(make_dialogue(), [poll(), survey()])
    page = no_script_page

    block = take_part_by_keyboard(page, dialogue)
    page.keyboard.press("Space")
    submit_by_keyboard(page, block)

    receipt_id = f"{block.anchor}-receipt"
    assert page.url.endswith(f"{dialogue.page.url}#{receipt_id}")
    receipt = page.locator(f"#{receipt_id}")
    assert receipt.get_attribute("tabindex") == "-1"
    assert RECEIPT.search(receipt.inner_text())
    # The browser focused the fragment's target by itself.
    assert focused(page, f"#{receipt_id}")


def test_without_javascript_a_rejected_post_opens_at_the_error_summary(
    make_dialogue, no_script_page
):
    dialogue = publish_body(make_dialogue(), [survey(), poll()])
    page = no_script_page

    block = take_part_by_keyboard(page, dialogue)
    submit_by_keyboard(page, block)

    summary_id = f"{block.anchor}-errors"
    assert page.url.endswith(f"#{summary_id}")
    assert focused(page, f"#{summary_id}")
