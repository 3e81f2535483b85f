"""axe on a dialogue's easy-read view (lättläst), with a summary that uses
every format the editor offers, and on the dialogue page's link to it."""

import pytest

from tests.participation.support import publish_body, question, views

pytestmark = pytest.mark.django_db(transaction=True)

SUMMARY = (
    "<p>Vi vill göra parken <b>bättre</b>.</p>"
    "<h2>Vad vill vi veta?</h2>"
    "<p>Vad vill du göra i parken?</p>"
    "<h3>Exempel</h3>"
    "<ul><li>Leka</li><li>Sitta och vila</li></ul>"
    "<ol><li>Läs texten.</li><li>Svara på frågan.</li></ol>"
    '<p>Läs mer på <a href="https://alvby.example/parken">kommunens webb</a>.</p>'
)


def test_easy_read_view_has_no_axe_violations(
    make_dialogue, browser_page, assert_no_axe_violations
):
    body = [("paragraph", "<p>Parken ska rustas upp.</p>"), views(), question()]
    dialogue = publish_body(make_dialogue(easy_read_summary=SUMMARY), body)
    page = dialogue.page

    response = browser_page.goto(page.url)
    assert response.status == 200
    link = browser_page.locator(".dlk-dialogue__easy-read a")
    assert link.is_visible()
    assert_no_axe_violations(browser_page)

    link.click()
    browser_page.wait_for_url(f"**{page.url}easy-read/")
    assert browser_page.locator("h1").inner_text() == page.title
    assert browser_page.locator(".dlk-easy-read__summary[lang='sv'] h3").is_visible()
    assert browser_page.locator(".dlk-easy-read__take-part a.dlk-button").is_visible()
    assert_no_axe_violations(browser_page)

    # The button leads to the forms on the full page.
    browser_page.locator(".dlk-easy-read__take-part a.dlk-button").click()
    browser_page.wait_for_url(f"**{page.url}#{dialogue.blocks[0].anchor}")
    assert browser_page.locator(f"#{dialogue.blocks[0].anchor} form").is_visible()
