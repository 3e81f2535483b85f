import pytest

from tests.dialogues.dialogue_parts import make_full_dialogue


@pytest.mark.django_db(transaction=True)
def test_fully_filled_dialogue_page_has_no_axe_violations(
    ladder, make_dialogue, body_factory, browser_page, assert_no_axe_violations
):
    page = make_full_dialogue(make_dialogue, body_factory, count=3)
    # Every section is there to be checked.
    assert page.phases.count() == 3
    assert page.dialogue_contacts.filter(contact__kind="elected").exists()
    assert page.dialogue_contacts.filter(contact__kind="official").exists()
    assert page.documents.filter(document__isnull=False).exists()
    assert page.documents.filter(document__isnull=True).exists()
    assert page.decisions.exists()

    response = browser_page.goto(page.url)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == page.title
    for heading in ["h2#dlk-timeline-heading", "h2#dlk-activities-heading"]:
        assert browser_page.locator(heading).is_visible()
    current = browser_page.locator('[aria-current="step"]')
    assert current.count() == 1
    # The package's stylesheet is applied, so axe checks its contrast too.
    border = current.evaluate("el => getComputedStyle(el).borderLeftWidth")
    assert border == "6px"
    assert_no_axe_violations(browser_page)

    # The badge's disclosure, opened, is checked as well.
    details = browser_page.locator("details.dlk-badge__details")
    details.locator("summary").click()
    assert details.get_attribute("open") is not None
    assert browser_page.locator(".dlk-badge__promise").is_visible()
    assert_no_axe_violations(browser_page)
