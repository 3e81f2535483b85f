"""Following a dialogue in a real browser, checked by axe: the follow section
after a rejected address (its error state) and the page the confirmation
link opens. The forms post without JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from wagtail_delaktighet.models import Subscription

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_wrong_address_shows_its_error_accessibly(
    ladder, make_dialogue, browser_page, assert_no_axe_violations
):
    dialogue = make_dialogue()
    browser_page.goto(dialogue.url)
    section = browser_page.locator("section#follow")
    section.locator("input[type=email]").fill("karin.example.com")

    with browser_page.expect_navigation():
        section.locator("button[type=submit]").click()

    # The browser lands on the error summary and focuses it, without
    # JavaScript; its link goes to the field, which keeps what was written.
    assert browser_page.url.endswith("#dlk-follow-errors")
    assert browser_page.evaluate("document.activeElement.id") == "dlk-follow-errors"
    summary = section.locator(".dlk-error-summary")
    assert summary.get_attribute("role") == "alert"
    link = summary.locator("a")
    assert link.get_attribute("href") == "#id_dlk-follow-email"
    field = browser_page.locator("#id_dlk-follow-email")
    assert field.input_value() == "karin.example.com"
    assert field.get_attribute("aria-invalid") == "true"
    link.click()
    # A link within the page: the browser may change the URL after the click.
    expect(browser_page).to_have_url(re.compile("#id_dlk-follow-email$"))
    assert not Subscription.objects.exists()
    assert_no_axe_violations(browser_page, context="#follow")


def test_the_confirmation_page_is_accessible(
    ladder, make_dialogue, browser_page, assert_no_axe_violations
):
    dialogue = make_dialogue()
    subscription = Subscription.objects.create(page=dialogue, email="karin@example.com")
    path = dialogue.url + dialogue.reverse_subpage(
        "follow_confirm", args=(subscription.token,)
    )

    response = browser_page.goto(path)

    assert response.status == 200
    assert_no_axe_violations(browser_page)
    with browser_page.expect_navigation():
        browser_page.locator("main button[type=submit]").click()
    assert browser_page.locator("main [role=status]").is_visible()
    subscription.refresh_from_db()
    assert subscription.is_active
    assert_no_axe_violations(browser_page)
