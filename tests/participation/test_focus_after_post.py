"""Where focus goes after a post, as the HTML says it without JavaScript: the
redirect after an accepted post names the receipt in its fragment, and the
receipt can take focus; a rejected post comes back with the form's error
summary, named by the form's action, able to take focus and announced. The
browser tests (tests/browser/test_focus_after_post.py) check what a browser
does with it."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.templatetags.static import static

from .support import (
    RECEIPT,
    poll,
    question,
    survey,
    text_of,
    valid_fields,
    views,
)

pytestmark = pytest.mark.django_db

FOCUS_SCRIPT = "wagtail_delaktighet/js/focus.js"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[survey(), poll(), views(), question()])


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("block_type", ["survey", "poll", "views", "question"])
def test_an_accepted_post_redirects_to_the_receipt_which_takes_focus(
    client, dialogue, block_type
):
    block = dialogue.block(block_type)

    response = block.post(client, valid_fields(block))

    assert response.status_code == 302
    page_url, fragment = response["Location"].split("#")
    assert page_url == block.page.url
    assert fragment == f"{block.anchor}-receipt"
    soup = soup_of(client.get(page_url))
    [receipt] = soup.select(f"[id='{fragment}']")
    # In the block, before the offer to follow; focusable by script and by
    # the fragment, not by Tab; read out as a status.
    assert receipt.find_parent("section")["id"] == block.anchor
    assert "dlk-notice--success" in receipt["class"]
    assert receipt["tabindex"] == "-1"
    assert receipt["role"] == "status"
    assert receipt.has_attr("data-dlk-focus")
    assert RECEIPT.search(text_of(receipt))
    # Nothing else on the page asks for focus.
    assert soup.select("[data-dlk-focus]") == [receipt]


def test_the_receipt_is_gone_on_the_next_view(client, dialogue):
    block = dialogue.block("poll")
    location = block.post(client, valid_fields(block))["Location"]
    client.get(location)

    soup = soup_of(client.get(block.page.url))

    assert soup.find(id=f"{block.anchor}-receipt") is None
    assert soup.select("[data-dlk-focus]") == []


@pytest.mark.parametrize("block_type", ["survey", "poll", "views", "question"])
def test_a_rejected_post_comes_back_at_its_error_summary(client, dialogue, block_type):
    block = dialogue.block(block_type)
    form = block.section(client.get(block.page.url)).find("form")
    summary_id = f"{block.anchor}-errors"
    # The form posts to the error summary's id, so the page rendered again
    # for the post opens there, without JavaScript.
    assert form["action"].endswith(f"#{summary_id}")

    response = block.post(client, {})

    assert response.status_code == 200
    soup = soup_of(response)
    [summary] = soup.select(f"[id='{summary_id}']")
    assert summary.find_parent("form") is not None
    assert "dlk-error-summary" in summary["class"]
    assert summary["tabindex"] == "-1"
    assert summary["role"] == "alert"
    heading = soup.find(id=summary["aria-labelledby"])
    assert text_of(heading) == "Your contribution was not sent"
    assert summary.has_attr("data-dlk-focus")
    assert soup.select("[data-dlk-focus]") == [summary]


def test_the_focus_script_is_deferred_from_the_packages_static_files(client, dialogue):
    soup = soup_of(client.get(dialogue.page.url))

    [script] = soup.select(f"script[src='{static(FOCUS_SCRIPT)}']")
    assert script.has_attr("defer")
    # In the head: a base template needs no block for scripts.
    assert script.find_parent("head") is not None


def test_the_script_is_in_the_package(dialogue):
    from django.contrib.staticfiles import finders

    path = finders.find(FOCUS_SCRIPT)
    assert path is not None
    assert "wagtail_delaktighet/static/" in str(path)


def test_a_receipt_page_is_not_cached_and_the_next_one_is(client, dialogue):
    """A page with a receipt is rendered for its request only: the next
    visitor's view of the cached page has no receipt and asks for no
    focus."""
    from django.test import Client

    block = dialogue.block("views")
    other = Client()
    other.get(block.page.url)  # fills the cache
    location = block.post(client, valid_fields(block))["Location"]

    with_receipt = soup_of(client.get(location))
    for_the_other = soup_of(other.get(block.page.url))

    assert with_receipt.find(id=f"{block.anchor}-receipt") is not None
    assert for_the_other.find(id=f"{block.anchor}-receipt") is None
    assert for_the_other.select("[data-dlk-focus]") == []
