"""The dialogue page offers to follow it by email once: in the section near
the end of a fresh page, or, right after a contribution, in the block that
took it (below the receipt) instead of at the end."""

import pytest

from tests.participation.support import publish_body, question, views

from .support import follow_url, soup_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(make_dialogue):
    """A dialogue with two blocks that take input."""
    return publish_body(
        make_dialogue(), [("paragraph", "<p>Parken.</p>"), views(), question()]
    )


def follow_forms(page, soup):
    action = follow_url(page) + "#dlk-follow-errors"
    return soup.find_all("form", attrs={"action": action})


def test_a_fresh_page_offers_following_once_near_the_end(client, dialogue):
    soup = soup_of(client.get(dialogue.page.url))

    [form] = follow_forms(dialogue.page, soup)
    section = soup.find(id="follow")
    assert form in section.find_all("form")
    # After every consultation block, not inside one.
    assert form.find_parent(class_="dlk-consultation") is None
    last_block = soup.find(id=dialogue.blocks[-1].anchor)
    assert section in last_block.find_all_next("section")


def test_after_a_contribution_the_offer_is_in_that_block_only(client, dialogue):
    views_block, question_block = dialogue.blocks
    response = views_block.post(client, {"text": "Fler bänkar vid dammen."})
    assert response.status_code == 302

    soup = soup_of(client.get(dialogue.page.url))

    [form] = follow_forms(dialogue.page, soup)
    assert form.find_parent(id=views_block.anchor) is not None
    assert form.find_parent(id=question_block.anchor) is None
    assert len(soup.find_all(id="follow")) == 1
    assert soup.find(id="follow").find_parent(id=views_block.anchor) is not None
