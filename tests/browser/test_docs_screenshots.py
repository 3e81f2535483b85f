"""The screenshots in the docs, taken from the demo by the browser, so they
show what the package looks like today and never go stale.

Run with ``make screenshots`` (``DOCS_SCREENSHOTS=1``): it loads the demo as
``make demo`` does, opens the key public pages and admin screens in Swedish
and in English, and writes each as
``docs/images/screenshots/<language>/<name>.png``. Without the variable the
test is skipped, so an ordinary test run never writes into the checkout.
Commit the images it changes.
"""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.fixtures.demo import load_demo
from wagtail_delaktighet.admin import links

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        os.environ.get("DOCS_SCREENSHOTS") != "1",
        reason="writes the docs' screenshots: run `make screenshots` "
        "(DOCS_SCREENSHOTS=1)",
    ),
]

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "images" / "screenshots"
#: Small enough to read in the docs without zooming, wide enough for
#: Wagtail's admin to show its side menu.
VIEWPORT = {"width": 1200, "height": 800}
#: {language: the browser's locale}; the public pages follow the browser's
#: language, the admin the editor's preferred language.
LANGUAGES = {"sv": "sv-SE", "en": "en-GB"}
#: Palette PNGs: a tenth of the size of full colour, and still sharp text.
COLOURS = 256


def save(page, language, name):
    """Save the visible part of ``page`` as a small palette PNG."""
    from PIL import Image

    path = SCREENSHOTS / language / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=COLOURS)
    small.save(path, optimize=True)
    return path


def demo_pages():
    from example_site.home.demo.feedback import FINAL_FEEDBACK_SLUG
    from example_site.home.demo.feedback_dialogues import FEEDBACK_DIALOGUE_SLUG
    from wagtail_delaktighet.models import DialoguePage, FeedbackPage

    told = next(
        page
        for page in DialoguePage.objects.live().order_by("path")
        if page.has_easy_read_summary
    )
    answered = DialoguePage.objects.live().get(slug=FEEDBACK_DIALOGUE_SLUG)
    feedback = FeedbackPage.objects.child_of(answered).get(slug=FINAL_FEEDBACK_SLUG)
    return told, feedback


def editor_session(language):
    """A superuser's session cookie, the admin in ``language``."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    user, _created = get_user_model().objects.get_or_create(
        username="skarmbilder",
        defaults={"is_superuser": True, "is_staff": True, "first_name": "Kim"},
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def public_screens(page, dialogue, feedback, language):
    page.goto(dialogue.url)
    save(page, language, "dialogue-page")
    page.goto(dialogue.url + dialogue.reverse_subpage("easy_read"))
    save(page, language, "easy-read")
    page.goto(feedback.url)
    save(page, language, "feedback-page")


def admin_screens(page, dialogue, language):
    page.goto(reverse("wagtailadmin_pages:edit", args=[dialogue.pk]))
    save(page, language, "admin-dialogue-editor")
    # The easy-read field, on its tab, with its help text.
    field = page.locator('[name="easy_read_summary"]')
    tab_panel = field.evaluate("el => el.closest('[role=tabpanel]').id")
    page.locator(f'[role="tab"][href="#{tab_panel}"]').click()
    field.evaluate(
        "el => (el.closest('.w-panel') || el.parentElement)"
        ".scrollIntoView({block: 'start'})"
    )
    save(page, language, "admin-easy-read-field")
    page.goto(links.inbox_url())
    save(page, language, "admin-moderation-inbox")
    page.goto(links.overdue_report_url())
    save(page, language, "admin-report-overdue-feedback")


def test_docs_screenshots(browser, live_server):
    load_demo()
    dialogue, feedback = demo_pages()
    for language, locale in LANGUAGES.items():
        visitor = browser.new_context(
            locale=locale, base_url=live_server.url, viewport=VIEWPORT
        )
        public_screens(visitor.new_page(), dialogue, feedback, language)
        visitor.close()

        editor = browser.new_context(
            locale=locale, base_url=live_server.url, viewport=VIEWPORT
        )
        editor.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": editor_session(language),
                    "url": live_server.url,
                },
                # Wagtail's side menu folded: the listings get the width.
                {
                    "name": "wagtail_sidebar_collapsed",
                    "value": "1",
                    "url": live_server.url,
                },
            ]
        )
        admin_screens(editor.new_page(), dialogue, language)
        editor.close()

    written = sorted(SCREENSHOTS.glob("*/*.png"))
    assert len(written) >= 2 * 7
    for path in written:
        assert path.stat().st_size < 300_000, path
