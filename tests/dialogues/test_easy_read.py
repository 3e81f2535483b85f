"""Easy-read Swedish (lättläst) on a dialogue (P4): the "Easy-read" link at
the top of the page, shown only when the editor wrote an easy-read summary,
and the easy-read view it leads to, which shows the summary first, then how
to take part, and links back to the full page. Both APIs give the summary as
HTML, as the page shows it."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.participation.support import publish_body, question, views
from tests.rest.support import API
from wagtail_delaktighet.models import DialoguePage

pytestmark = pytest.mark.django_db

SUMMARY = (
    "<p>Vi vill göra parken <b>bättre</b>.</p><ul><li>Du kan svara på webben.</li></ul>"
)
BODY = [("paragraph", "<p>Parken ska rustas upp.</p>"), views(), question()]


@pytest.fixture
def client(new_client):
    return new_client()


def soup_of(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def easy_read_url(page):
    return page.url + page.reverse_subpage("easy_read")


def easy_read_links(client, page):
    """The link on a first and a second view of the page (the second is
    served from the content cache)."""
    return [
        soup_of(client.get(page.url)).select(".dlk-dialogue__easy-read a")
        for _ in range(2)
    ]


def test_a_page_with_a_summary_links_to_its_easy_read_view_first(client, make_dialogue):
    page = make_dialogue(easy_read_summary=SUMMARY)

    for links in easy_read_links(client, page):
        [link] = links
        assert link.get_text(strip=True) == "Easy-read"
        assert link["href"] == easy_read_url(page) == f"{page.url}easy-read/"
    # Near the top: right after the title, before the page's own text.
    soup = soup_of(client.get(page.url))
    header = soup.select_one("header.dlk-dialogue__header")
    first_after_title = header.select_one("h1").find_next_sibling()
    assert "dlk-dialogue__easy-read" in first_after_title["class"]


def test_the_link_is_in_swedish_on_a_swedish_page(make_dialogue):
    from django.test import Client

    page = make_dialogue(easy_read_summary=SUMMARY)

    soup = soup_of(Client(headers={"Accept-Language": "sv"}).get(page.url))
    [link] = soup.select(".dlk-dialogue__easy-read a")
    # "Lättläst" once the translations are in; never missing.
    assert link.get_text(strip=True) in {"Lättläst", "Easy-read"}


@pytest.mark.parametrize("summary", ["", "<p></p>", "<p> </p>"])
def test_without_a_summary_there_is_no_link_and_no_view(client, make_dialogue, summary):
    page = make_dialogue(easy_read_summary=summary)

    assert easy_read_links(client, page) == [[], []]
    assert client.get(easy_read_url(page)).status_code == 404


def test_the_link_comes_with_the_summary_published_later(client, make_dialogue):
    page = make_dialogue()
    assert easy_read_links(client, page) == [[], []]

    page.easy_read_summary = SUMMARY
    page.save_revision().publish()

    assert [len(links) for links in easy_read_links(client, page)] == [1, 1]
    assert client.get(easy_read_url(page)).status_code == 200


def test_the_view_shows_the_summary_first_then_how_to_take_part(client, make_dialogue):
    dialogue = publish_body(make_dialogue(easy_read_summary=SUMMARY), BODY)
    page = dialogue.page

    soup = soup_of(client.get(easy_read_url(page)))
    article = soup.select_one("article.dlk-easy-read")
    assert article.select_one("h1").get_text(strip=True) == page.title
    summary = article.select_one(".dlk-easy-read__summary")
    # Rendered as rich text, in the page's language.
    assert summary["lang"] == page.locale.language_code == "sv"
    assert summary.select_one("b").get_text() == "bättre"
    assert summary.select_one("ul li").get_text() == "Du kan svara på webben."
    take_part = article.select_one(".dlk-easy-read__take-part")
    assert take_part.select_one("h2").get_text(strip=True) == "How to take part"
    # The summary comes before the way to take part.
    assert summary in take_part.find_all_previous("div")
    [button] = take_part.select("a.dlk-button")
    assert button["href"] == f"{page.url}#{dialogue.blocks[0].anchor}"
    assert "You can take part until" in take_part.get_text(" ", strip=True)
    # Back to the full page, whose forms the button's anchor names.
    [back] = article.select(".dlk-easy-read__full a")
    assert back["href"] == page.url
    full = soup_of(client.get(page.url))
    assert full.find(id=dialogue.blocks[0].anchor).select_one("form") is not None


@pytest.mark.parametrize(
    "opens, closes, says",
    [
        (2, 20, "You can take part from"),
        (-20, -1, "You can no longer take part"),
    ],
    ids=["upcoming", "closed"],
)
def test_no_take_part_button_while_the_dialogue_takes_no_input(
    client, make_dialogue, opens, closes, says
):
    now = timezone.now()
    dialogue = publish_body(
        make_dialogue(
            easy_read_summary=SUMMARY,
            opens_at=now + timedelta(days=opens),
            closes_at=now + timedelta(days=closes),
        ),
        BODY,
    )

    soup = soup_of(client.get(easy_read_url(dialogue.page)))
    take_part = soup.select_one(".dlk-easy-read__take-part")
    assert take_part.select("a.dlk-button") == []
    assert says in take_part.get_text(" ", strip=True)


def test_text_is_escaped_and_links_resolved(client, make_dialogue, home_page):
    page = make_dialogue(
        title="Parken <script>alert(1)</script>",
        easy_read_summary=(
            f'<p>Läs mer på <a linktype="page" id="{home_page.pk}">startsidan</a>.'
            "</p><p>&lt;b&gt;inte fet&lt;/b&gt;</p>"
        ),
    )

    response = client.get(easy_read_url(page))
    html = response.content.decode()
    assert "<script>alert(1)</script>" not in html
    soup = soup_of(response)
    assert soup.select_one("h1").get_text() == "Parken <script>alert(1)</script>"
    summary = soup.select_one(".dlk-easy-read__summary")
    assert summary.select_one("a")["href"] == home_page.url
    # Text that looks like a tag stays text.
    assert summary.select("b") == []
    assert "<b>inte fet</b>" in summary.get_text()


def test_the_field_is_on_the_tab_with_the_target_groups(admin, make_dialogue):
    page = make_dialogue(easy_read_summary=SUMMARY)

    response = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    soup = soup_of(response)
    field = soup.find(attrs={"name": "easy_read_summary"})
    panel = field.find_parent(attrs={"role": "tabpanel"})
    tab = soup.find(attrs={"role": "tab", "href": f"#{panel['id']}"})
    assert tab.get_text(" ", strip=True).startswith("People and bodies")
    assert panel.find(attrs={"name": "adaptations"}) is not None
    assert "short sentences, common words" in panel.get_text(" ", strip=True)


def test_the_editor_offers_only_easy_read_friendly_formatting():
    field = DialoguePage._meta.get_field("easy_read_summary")
    assert set(field.features) == {"h2", "h3", "bold", "ol", "ul", "link"}
    assert "lättläst" in str(field.help_text)


def test_both_apis_give_the_summary_as_their_other_rich_text(
    client, make_dialogue, home_page
):
    html = f'<p>Se <a linktype="page" id="{home_page.pk}">startsidan</a>.</p>'
    page = make_dialogue(easy_read_summary=html, can_influence=html)

    # The pages API: in the format it gives every rich text field (the
    # database's, or another that Wagtail's rich_text_format asks for).
    pages_api = client.get(f"/api/v2/pages/{page.pk}/")
    assert pages_api.status_code == 200
    data = pages_api.json()
    assert data["easy_read_summary"] == data["can_influence"]
    assert "startsidan" in data["easy_read_summary"]
    # The REST API: as the page shows it, with the link resolved.
    rest = client.get(f"{API}dialogues/{page.pk}/")
    assert rest.status_code == 200
    expected = f'<p>Se <a href="{home_page.url}">startsidan</a>.</p>'
    assert rest.json()["easy_read_summary"] == expected


def test_a_front_end_cache_purges_the_view_with_the_page(make_dialogue):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    page = make_dialogue(easy_read_summary=SUMMARY)

    batch = PurgeBatch()
    batch.add_page(page)
    assert page.full_url + "easy-read/" in batch.urls
    assert page.full_url in batch.urls
