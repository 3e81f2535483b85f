"""The "Take part" link near the top of the dialogue page: it leads to the
first consultation block that takes input now, and is there only while some
block does. The page's content is served from the cache (its key covers the
status), so each case is also checked on a second view."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.utils import timezone

from tests.participation.support import publish_body, question, views

pytestmark = pytest.mark.django_db

BODY = [("paragraph", "<p>Parken ska rustas upp.</p>"), views(), question()]


def take_part_links(client, page):
    """The link on a first and a second view of the page."""
    found = []
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200
        soup = BeautifulSoup(response.content, "html.parser")
        found.append((soup, soup.select(".dlk-dialogue__take-part a")))
    return found


def test_an_open_dialogue_links_to_its_first_block_that_takes_input(
    new_client, make_dialogue
):
    dialogue = publish_body(make_dialogue(), BODY)
    first = dialogue.blocks[0]

    for soup, links in take_part_links(new_client(), dialogue.page):
        [link] = links
        assert link.get_text(strip=True) == "Take part"
        assert link["href"] == f"#{first.anchor}"
        # It is near the top: in the header, and the target is on the page.
        assert link.find_parent("header") is not None
        assert soup.find(id=first.anchor).select_one("form") is not None


def test_the_link_is_in_swedish_on_a_swedish_page(make_dialogue):
    dialogue = publish_body(make_dialogue(), BODY)

    response = Client(headers={"Accept-Language": "sv"}).get(dialogue.page.url)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.html["lang"] == "sv"
    [link] = soup.select(".dlk-dialogue__take-part a")
    assert link.get_text(strip=True) == "Delta"


@pytest.mark.parametrize(
    "opens, closes",
    [(-20, -1), (2, 20)],
    ids=["closed", "upcoming"],
)
def test_no_link_while_no_block_takes_input(client, make_dialogue, opens, closes):
    now = timezone.now()
    dialogue = publish_body(
        make_dialogue(
            opens_at=now + timedelta(days=opens),
            closes_at=now + timedelta(days=closes),
        ),
        BODY,
    )

    for soup, links in take_part_links(client, dialogue.page):
        assert links == []
        # The blocks are still there, without their forms.
        assert soup.find(id=dialogue.blocks[0].anchor) is not None


def test_no_link_without_consultation_blocks(client, make_dialogue):
    dialogue = publish_body(make_dialogue(), [BODY[0]])

    for _soup, links in take_part_links(client, dialogue.page):
        assert links == []


def test_the_link_goes_when_the_dialogue_closes(new_client, make_dialogue):
    import time_machine

    now = timezone.now()
    dialogue = publish_body(make_dialogue(closes_at=now + timedelta(hours=1)), BODY)
    client = new_client()
    assert all(links for _soup, links in take_part_links(client, dialogue.page))

    # The page's content was cached while open; its key has the status.
    with time_machine.travel(now + timedelta(hours=2), tick=False):
        for _soup, links in take_part_links(client, dialogue.page):
            assert links == []
