"""Binding answers in a real browser, checked by axe: a visitor who is not
logged in sees the link to log in instead of the form, logs in on the
example site's login page, comes back to the block and votes once."""

import pytest

from tests.participation.support import poll, publish_body, survey

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "hemligt-losenord"


def binding(block):
    name, value = block
    return name, {**value, "require_login": True}


@pytest.fixture
def dialogue(ladder, make_dialogue):
    return publish_body(make_dialogue(), [binding(survey()), binding(poll())])


def test_log_in_to_take_part_and_vote_once(
    dialogue, browser_page, assert_no_axe_violations, django_user_model
):
    django_user_model.objects.create_user("anna", password=PASSWORD)
    vote = dialogue.block("poll")
    browser_page.goto(dialogue.page.url)
    poll_section = browser_page.locator(f"section#{vote.anchor}")

    # Not logged in: a link to log in, no form.
    assert poll_section.locator("form").count() == 0
    login_link = poll_section.locator(".dlk-consultation__login-link")
    assert login_link.is_visible()
    assert_no_axe_violations(browser_page)

    with browser_page.expect_navigation():
        login_link.click()
    browser_page.get_by_label("Användarnamn").fill("anna")
    browser_page.get_by_label("Lösenord").fill(PASSWORD)
    assert_no_axe_violations(browser_page)
    with browser_page.expect_navigation():
        browser_page.locator("main button[type=submit]").click()

    # Back at the block, logged in: the form.
    assert browser_page.url.endswith(f"{dialogue.page.url}#{vote.anchor}")
    assert "Inloggad som anna" in browser_page.locator(".site-account").inner_text()
    poll_section.locator("input[type=radio]").first.check()
    with browser_page.expect_navigation():
        poll_section.locator("button[type=submit]").click()

    assert poll_section.locator(".dlk-notice--success").is_visible()
    assert poll_section.locator("form[action*='/delta/']").count() == 0
    survey_section = browser_page.locator(f"section#{dialogue.block('survey').anchor}")
    assert survey_section.locator("form button[type=submit]").is_visible()
    assert_no_axe_violations(browser_page)
