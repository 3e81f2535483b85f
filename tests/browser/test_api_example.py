"""The example front end of its own (example_site/static/api-example/) in
Chromium against the live server: it lists the open dialogues and answers a
survey through the REST API, showing field errors and then the receipt."""

import re

import pytest
from playwright.sync_api import expect

from tests.participation.support import every_block
from wagtail_delaktighet.models import Channel, Contribution

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE = "/static/api-example/index.html"


def test_the_example_lists_dialogues_and_answers_a_survey(
    ladder, make_dialogue, browser_page, assert_no_axe_violations
):
    dialogue = make_dialogue(title="Parken vid ån", body=every_block())
    browser_page.goto(EXAMPLE)
    expect(browser_page.locator("#loading")).to_have_text("1 öppna dialoger")
    item = browser_page.locator(".dialogue", has_text="Parken vid ån")
    form = item.locator("form")
    expect(form.locator("h3")).to_have_text("Enkät om parken")
    assert_no_axe_violations(browser_page)

    # Sent empty: the required questions get the service's messages.
    form.locator("button[type=submit]").click()
    expect(form.locator(".error").first).to_be_visible()
    assert form.locator("[aria-invalid=true]").count() >= 1
    assert not Contribution.objects.exists()

    form.get_by_label("Beskriv parken").fill("Mörk om kvällarna.")
    form.get_by_role("group", name=re.compile("Vilken entré")).get_by_label(
        "Norra"
    ).check()
    form.get_by_role("group", name=re.compile("Hur trygg")).locator(
        "input"
    ).first.check()
    form.locator("button[type=submit]").click()

    receipt = form.locator(".receipt")
    expect(receipt).to_contain_text(re.compile(r"D-\d{4}-\d{6}"))
    stored = Contribution.objects.get(page=dialogue)
    assert stored.channel == Channel.API
    assert stored.receipt in receipt.inner_text()
