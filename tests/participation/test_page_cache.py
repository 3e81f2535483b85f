"""Dialogue pages behind a page cache or CDN: a page that carries a form is
never stored by a shared cache (its CSRF token and form key belong to one
browser), a page without one stays cacheable, and a stale or copied page gets
a clear answer, never a 500 (docs/installation.md, "Page caches")."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from tests.feedback.support import make_feedback
from wagtail_delaktighet.models import Contribution

from .support import (
    assert_redirected_to_block,
    error_summary,
    receipt_shown,
    valid_fields,
)

pytestmark = pytest.mark.django_db

NEVER_STORED = {"private", "no-cache", "no-store"}


def cache_control(response):
    header = response.headers.get("Cache-Control", "")
    return {part.strip().split("=")[0] for part in header.split(",") if part.strip()}


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


def test_a_dialogue_page_with_an_open_form_is_never_stored_by_a_cache(client, dialogue):
    response = dialogue.get(client)

    assert dialogue.block("poll").section(response).find("form") is not None
    assert cache_control(response) >= NEVER_STORED


def test_the_page_with_a_rejected_post_is_never_stored_by_a_cache(client, dialogue):
    block = dialogue.block("views")

    response = block.post(client, {"text": ""})

    assert response.status_code == 200
    assert error_summary(response, block)
    assert cache_control(response) >= NEVER_STORED


def test_a_refused_post_is_never_stored_by_a_cache(client, closed_dialogue):
    response = closed_dialogue.block("views").post(client, {"text": "Sent"})

    assert response.status_code == 403
    assert cache_control(response) >= NEVER_STORED


def test_a_closed_dialogue_still_offers_to_follow_so_is_not_stored(
    client, closed_dialogue
):
    # Until its final feedback is out, a closed dialogue carries the form
    # to follow it, which has a CSRF token of its own.
    response = closed_dialogue.get(client)

    assert closed_dialogue.block("poll").section(response).find("form") is None
    assert cache_control(response) >= NEVER_STORED


def test_a_dialogue_with_its_final_feedback_out_stays_cacheable(
    client, consultation_dialogue
):
    now = timezone.now()
    done = consultation_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=2)
    )
    make_feedback(done.page)

    response = done.get(client)

    assert response.status_code == 200
    assert b'method="post"' not in response.content
    assert not cache_control(response) & NEVER_STORED


def test_the_dialogue_index_stays_cacheable(client, dialogue):
    response = client.get(dialogue.page.get_parent().url)

    assert response.status_code == 200
    assert not cache_control(response) & NEVER_STORED


# -- a stale or copied page ---------------------------------------------------


def rendered_form(browser, block):
    """The hidden fields of the block's form as ``browser`` got it."""
    form = block.section(browser.get(block.page.url)).find("form")
    return {
        field["name"]: field["value"]
        for field in form.find_all("input", attrs={"type": "hidden"})
    }


def post_rendered(browser, block, hidden, fields):
    data = dict(hidden)
    data.update({block.name(name): value for name, value in fields.items()})
    return browser.post(block.url, data)


def strict_browser():
    """A browser whose posts Django's CSRF protection checks, as in production."""
    return Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})


def test_a_page_posted_after_its_cookies_were_cleared_is_refused_clearly(dialogue):
    block = dialogue.block("views")
    browser = strict_browser()
    hidden = rendered_form(browser, block)
    browser.cookies.clear()

    response = post_rendered(browser, block, hidden, valid_fields(block))

    assert response.status_code == 403
    assert b"CSRF" in response.content
    assert not Contribution.objects.exists()


def test_a_page_copied_from_another_visitor_is_refused_clearly(dialogue):
    block = dialogue.block("poll")
    hidden = rendered_form(strict_browser(), block)
    other = strict_browser()
    rendered_form(other, block)  # the other visitor has cookies of their own

    response = post_rendered(other, block, hidden, valid_fields(block))

    assert response.status_code == 403
    assert not Contribution.objects.exists()


def test_a_form_posted_again_after_the_session_was_lost_is_stored_once(dialogue):
    # The CSRF cookie survives but the session cookie does not (a browser
    # that clears it, or a session that expired): the form's own key still
    # names the same participant.
    block = dialogue.block("poll")
    browser = strict_browser()
    hidden = rendered_form(browser, block)

    first = post_rendered(browser, block, hidden, valid_fields(block))
    receipt = receipt_shown(browser, block)
    del browser.cookies[settings.SESSION_COOKIE_NAME]
    again = post_rendered(browser, block, hidden, valid_fields(block))

    assert_redirected_to_block(first, block)
    assert_redirected_to_block(again, block)
    assert receipt_shown(browser, block) == receipt
    assert block.contributions().count() == 1
