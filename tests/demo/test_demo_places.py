"""The demo's map block: pins on the map and places given in words, sent in
through the participation service with fixed keys and moderated."""

from bs4 import BeautifulSoup

from example_site.home.demo import places as demo
from wagtail_delaktighet.models import Channel, Contribution, ContributionStatus

from .test_demo_consultation import dialogue  # noqa: F401 (a fixture)


def test_the_map_block_holds_pins_and_places_in_words(dialogue):  # noqa: F811
    [child] = [child for child in dialogue.body if child.block_type == "map"]
    assert child.id == demo.MAP_ID
    places = Contribution.objects.filter(page=dialogue, block_id=demo.MAP_ID)
    assert places.count() == len(demo.PLACES)
    with_point = places.filter(content__has_key="latitude")
    assert 0 < with_point.count() < places.count()
    assert set(places.values_list("channel", flat=True)) >= {
        Channel.WEB,
        Channel.WALK,
        Channel.PAPER,
    }
    assert set(places.values_list("status", flat=True)) == {
        ContributionStatus.PUBLISHED,
        ContributionStatus.PENDING,
    }


def test_the_page_lists_the_published_places_and_pins_them(dialogue, client):  # noqa: F811
    html = client.get(dialogue.url).content
    section = BeautifulSoup(html, "html.parser").find(id=f"dlk-block-{demo.MAP_ID}")

    listed = section.select(".dlk-map-place")
    published = Contribution.objects.filter(
        block_id=demo.MAP_ID, status=ContributionStatus.PUBLISHED
    )
    assert len(listed) == published.count()
    assert (
        len(section.select("[data-dlk-map-pin]"))
        == published.filter(content__has_key="latitude").count()
    )
    pending = Contribution.objects.get(
        block_id=demo.MAP_ID, status=ContributionStatus.PENDING
    )
    assert pending.content["comment"] not in section.get_text()
