"""The quick start and the level chooser in a real browser: an editor
starts a dialogue with JavaScript turned off, choosing the level by its
label, and axe checks the level chooser in the quick start and the edit
form."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail_delaktighet.admin.links import quick_start_url
from wagtail_delaktighet.models import DialoguePage

pytestmark = pytest.mark.django_db(transaction=True)

LEVEL_CHOOSER = '[data-contentpath="influence_level"]'


@pytest.fixture
def editor_context(browser, live_server, editor):
    """A browser context logged in as ``editor``, JavaScript off unless asked."""
    contexts = []

    def make(javascript=False):
        client = Client()
        client.force_login(editor)
        context = browser.new_context(
            base_url=live_server.url, java_script_enabled=javascript
        )
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def test_a_dialogue_is_started_without_javascript(
    editor_context, dialogue_index, ladder, body_factory
):
    body = body_factory()
    page = editor_context(javascript=False)
    page.goto(quick_start_url())
    today = timezone.localdate()

    page.fill("#id_title", "Stadsparken")
    page.fill("#id_question", "Hur vill du att Stadsparken ska se ut?")
    page.select_option("#id_responsible_body", str(body.pk))
    page.get_by_text("Konsultation", exact=True).click()
    page.fill("#id_opens_at", f"{today + timedelta(days=7)}T09:00")
    page.fill("#id_closes_at", f"{today + timedelta(days=35)}T17:00")
    with page.expect_navigation():
        page.locator("#w-editor-form button[type=submit]").click()

    dialogue = DialoguePage.objects.get()
    assert page.url.endswith(reverse("wagtailadmin_pages:edit", args=[dialogue.pk]))
    assert dialogue.influence_level.name == "Konsultation"
    assert not dialogue.live
    chosen = page.locator(f"{LEVEL_CHOOSER} input[type=radio]:checked")
    assert chosen.get_attribute("value") == str(dialogue.influence_level.pk)


def test_the_level_chooser_is_accessible(
    editor_context, make_dialogue, ladder, assert_no_axe_violations
):
    dialogue = make_dialogue()
    page = editor_context(javascript=True)

    page.goto(quick_start_url())
    assert_no_axe_violations(page, context=LEVEL_CHOOSER)

    page.goto(reverse("wagtailadmin_pages:edit", args=[dialogue.pk]))
    page.get_by_role("tab", name="Purpose and influence").click()
    chooser = page.locator(LEVEL_CHOOSER)
    chooser.wait_for(state="visible")
    assert_no_axe_violations(page, context=LEVEL_CHOOSER)
