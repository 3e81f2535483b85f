"""Where staff find a dialogue's contributions and "Enter offline input":
the edit view's header and its "Contributions" panel, the dialogue's
contributions listing, and the moderation inbox filtered to the dialogue
(with each row linking to its dialogue's contributions). Only for those who
may see the dialogue's contributions."""

import pytest
from django.urls import reverse

from tests.participation.support import submit, text_of
from tests.staff.contributions_support import listing_url, logged_in, soup, url

pytestmark = pytest.mark.django_db


def offline_url(dialogue):
    return url("offline", dialogue.page.pk)


def edit_view(client, dialogue):
    return soup(client.get(reverse("wagtailadmin_pages:edit", args=[dialogue.page.pk])))


def link_texts(element, address):
    return [text_of(a) for a in element.find_all("a", href=address)]


def test_the_edit_view_offers_both_in_its_header_and_its_panel(
    committee_dialogues, committee_staff
):
    dialogue = committee_dialogues.a
    page = edit_view(logged_in(committee_staff.editor_a), dialogue)

    header = page.select_one("header")
    assert link_texts(header, listing_url(dialogue)) == ["Contributions"]
    assert link_texts(header, offline_url(dialogue)) == ["Enter offline input"]
    panel = page.select_one(".dlk-submissions-panel")
    assert link_texts(panel, offline_url(dialogue)) == ["Enter offline input"]
    assert link_texts(panel, listing_url(dialogue)) == [
        "All contributions, filters and export"
    ]
    # Above the body, however long the body is.
    html = str(page)
    assert html.index("dlk-submissions-panel") < html.index(
        'id="panel-child-content-body'
    )


def test_staff_without_rights_on_the_dialogue_get_neither(
    committee_dialogues, make_staff_user
):
    # An editor of committee B only: committee A's dialogue is not theirs.
    editor_b = logged_in(make_staff_user("bodil", pages=[committee_dialogues.index_b]))
    dialogue = committee_dialogues.a

    response = editor_b.get(reverse("wagtailadmin_pages:edit", args=[dialogue.page.pk]))
    assert response.status_code == 302
    own = edit_view(editor_b, committee_dialogues.b)
    assert own.find("a", href=offline_url(committee_dialogues.b))
    for address in (listing_url(dialogue), offline_url(dialogue)):
        assert not own.find("a", href=address)
    inbox = soup(editor_b.get(url("inbox"), {"page": dialogue.page.pk}))
    assert not inbox.find("a", href=offline_url(dialogue))


def test_the_contributions_listing_offers_offline_input(
    committee_dialogues, committee_staff
):
    dialogue = committee_dialogues.a
    listing = soup(logged_in(committee_staff.editor_a).get(listing_url(dialogue)))

    assert link_texts(listing.select_one("header"), offline_url(dialogue)) == [
        "Enter offline input"
    ]


def test_the_inbox_filtered_to_a_dialogue_offers_its_actions(
    committee_dialogues, committee_staff
):
    dialogue = committee_dialogues.a
    moderator = logged_in(committee_staff.moderator_a)

    inbox = soup(moderator.get(url("inbox"), {"page": dialogue.page.pk}))

    header = inbox.select_one("header")
    assert link_texts(header, listing_url(dialogue)) == ["Contributions"]
    assert link_texts(header, offline_url(dialogue)) == ["Enter offline input"]
    unfiltered = soup(moderator.get(url("inbox")))
    assert not unfiltered.select_one("header").find("a", href=offline_url(dialogue))


def test_each_inbox_row_links_to_its_dialogues_contributions(
    committee_dialogues, committee_staff
):
    dialogue = committee_dialogues.a
    submit(dialogue.block("views"), {"text": "Fler bänkar."})

    inbox = soup(logged_in(committee_staff.moderator_a).get(url("inbox")))

    [row] = inbox.select("table.listing tbody tr")
    assert link_texts(row, listing_url(dialogue)) == [dialogue.page.title]
