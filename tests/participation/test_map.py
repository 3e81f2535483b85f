"""The map block, end to end through real HTTP: a category, a comment and a
place, given as a point on the map (the hidden inputs the map's script fills
in), in words, or both. The words are an equal alternative: a post without a
point is accepted; a point that cannot be read or lies outside the block's
area is a form error on the place field, never a 500."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail_delaktighet.models import Contribution, ContributionAnswer
from wagtail_delaktighet.models.site_settings import DelaktighetSettings

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    map_block,
    override_delaktighet,
    receipt_shown,
    submit,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_map(consultation_dialogue):
    def make(**kwargs):
        return consultation_dialogue(body=[map_block(**kwargs)]).block("map")

    return make


@pytest.fixture
def block(make_map):
    return make_map()


def categories(block):
    return block.option_ids(block.value["categories"])


def fields(block, **values):
    return {"category": categories(block)[0], "comment": "Mörkt här.", **values}


def test_a_pin_with_a_comment_waits_for_moderation(client, block):
    response = block.post(
        client,
        fields(block, latitude="59.512345678", longitude="17.8", display_name="Ola"),
    )

    assert_redirected_to_block(response, block)
    receipt = receipt_shown(client, block)
    contribution = Contribution.objects.get()
    assert contribution.receipt == receipt
    assert contribution.block_type == "map"
    assert contribution.status == "pending"
    assert contribution.display_name == "Ola"
    assert contribution.content == {
        "category": categories(block)[0],
        "comment": "Mörkt här.",
        "place": "",
        "latitude": 59.512346,
        "longitude": 17.8,
    }
    assert list(ContributionAnswer.objects.values_list("question_key", "value")) == [
        ("category", categories(block)[0])
    ]


def test_the_place_in_words_alone_is_enough(client, block):
    """The text alternative: no JavaScript, no map, no coordinates."""
    response = block.post(client, fields(block, place="Gångtunneln vid skolan"))

    assert_redirected_to_block(response, block)
    receipt_shown(client, block)
    content = Contribution.objects.get().content
    assert content["place"] == "Gångtunneln vid skolan"
    assert "latitude" not in content and "longitude" not in content


def test_a_comment_without_any_place_is_refused_with_a_clear_error(client, block):
    response = block.post(client, fields(block))

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["place"])
    assert "Mark the place on the map, or describe it in words." in text_of(
        block.section(response)
    )
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("59,5x", "17.8"),
        ("nan", "17.8"),
        ("59.5", "inf"),
        ("1e400", "17.8"),
        ("59.5", ""),
        ("", "17.8"),
        ("5" * 40, "17.8"),
        ("59.5\x00", "17.8"),
    ],
)
def test_a_point_that_cannot_be_read_is_a_form_error(
    client, block, latitude, longitude
):
    response = block.post(
        client, fields(block, latitude=latitude, longitude=longitude, place="Torget")
    )

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["place"])
    assert "could not be read" in text_of(block.section(response))
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [
        ("58.99", "17.8"),
        ("60.01", "17.8"),
        ("59.5", "16.9"),
        ("59.5", "18.6"),
        ("-59.5", "-17.8"),
        ("91", "17.8"),
    ],
)
def test_a_point_outside_the_blocks_area_is_refused(client, block, latitude, longitude):
    response = block.post(client, fields(block, latitude=latitude, longitude=longitude))

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["place"])
    assert "outside the area" in text_of(block.section(response))
    assert not Contribution.objects.exists()


def test_a_point_on_the_edge_of_the_area_is_inside(client, block):
    response = block.post(client, fields(block, latitude="60", longitude="17"))

    assert_redirected_to_block(response, block)


def test_a_rejected_post_keeps_the_point_for_the_map(client, block):
    response = block.post(
        client, {"comment": "Utan kategori", "latitude": "59.5", "longitude": "17.8"}
    )

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["category"])
    section = block.section(response)
    assert section.find(id=block.field_id("latitude"))["value"] == "59.5"
    assert section.find(id=block.field_id("longitude"))["value"] == "17.8"
    # Hidden inputs, without a label pointing at them.
    assert section.find(id=block.field_id("latitude"))["type"] == "hidden"
    assert section.find("label", attrs={"for": block.field_id("latitude")}) is None


def test_a_category_not_offered_is_refused(client, block):
    response = block.post(client, fields(block, category="nope", place="Torget"))

    assert_errors_link_to(response, block, ["category"])
    assert not Contribution.objects.exists()


@pytest.fixture
def published_places(block):
    """Two published places (one a pin, one in words), one pending and one
    rejected."""
    start = timezone.now() - timedelta(days=2)
    made = {}
    for n, (status, extra) in enumerate(
        [
            ("published", {"latitude": "59.4", "longitude": "17.6"}),
            ("pending", {"latitude": "59.41", "longitude": "17.61"}),
            ("published", {"place": "Bron över ån"}),
            ("rejected", {"place": "Hemlig plats"}),
        ]
    ):
        contribution = submit(
            block,
            fields(block, comment=f"Kommentar {n}", **extra),
            created_at=start + timedelta(hours=n),
        )
        contribution.status = status
        contribution.save(update_fields=["status"])
        made.setdefault(status, []).append(contribution)
    return made


def test_published_places_are_listed_with_their_points(client, block, published_places):
    section = block.section(client.get(block.page.url))

    items = section.select(".dlk-map-place")
    assert [text_of(i.select_one(".dlk-contribution__text")) for i in items] == [
        "Kommentar 2",
        "Kommentar 0",
    ]
    assert text_of(items[0].select_one(".dlk-map-place__category")) == (
        "Otryggt: Bron över ån"
    )
    assert not items[0].has_attr("data-dlk-map-pin")
    assert items[1]["data-latitude"] == "59.400000"
    assert items[1]["data-longitude"] == "17.600000"
    assert text_of(section.select_one(".dlk-results__heading")) == "2 published places"
    html = text_of(section)
    assert "Kommentar 1" not in html and "Hemlig plats" not in html


@override_delaktighet(CONTRIBUTIONS_PER_PAGE=1)
def test_the_list_is_paginated_and_its_queries_bounded(client, block, published_places):
    client.get(block.page.url)  # warm the caches of the first view
    with CaptureQueriesContext(connection) as few:
        first = client.get(block.page.url, {f"{block.id}-page": 1})
    for n in range(3, 13):
        published = submit(block, fields(block, comment=f"Fler {n}", place="Torget"))
        published.status = "published"
        published.save(update_fields=["status"])
    with CaptureQueriesContext(connection) as many:
        client.get(block.page.url, {f"{block.id}-page": 1})

    assert len(block.section(first).select(".dlk-map-place")) == 1
    assert block.section(first).find("nav").find("a", string="Next") is not None
    assert len(many) == len(few)


def test_the_map_carries_the_sites_settings_and_the_blocks_view(client, block):
    site_settings = DelaktighetSettings.for_site(block.page.get_site())
    site_settings.map_tile_url = "https://kartor.example.se/{z}/{x}/{y}.png"
    site_settings.map_attribution = "© Lantmäteriet <b>"
    site_settings.save()

    section = block.section(client.get(block.page.url))

    area = section.select_one("[data-dlk-map]")
    assert area.has_attr("hidden")  # shown by the script, not without it
    assert area["data-tile-url"] == "https://kartor.example.se/{z}/{x}/{y}.png"
    assert area["data-attribution"] == "© Lantmäteriet <b>"
    # The block's own centre and zoom, over the site's.
    assert (area["data-latitude"], area["data-longitude"]) == ("59.500000", "17.750000")
    assert area["data-zoom"] == "12"
    assert area["data-bounds"] == "59.000000,17.000000,60.000000,18.500000"
    assert area.has_attr("data-picking")
    scripts = [s["src"] for s in block.section(client.get(block.page.url))("script")]
    assert scripts == [
        "/static/wagtail_delaktighet/vendor/leaflet/leaflet.js",
        "/static/wagtail_delaktighet/js/map.js",
    ]


def test_without_a_centre_the_map_uses_the_sites(client, consultation_dialogue):
    name, value = map_block()
    value.update(centre_latitude=None, centre_longitude=None, zoom=None)
    block = consultation_dialogue(body=[(name, value)]).block("map")

    area = block.section(client.get(block.page.url)).select_one("[data-dlk-map]")

    assert (area["data-latitude"], area["data-longitude"]) == ("62.000000", "15.000000")
    assert area["data-zoom"] == "5"


def test_a_private_map_is_never_listed(client, make_map):
    private = make_map(publication="private")
    contribution = submit(private, fields(private, place="Torget"))
    assert contribution.status == "private"
    Contribution.objects.filter(pk=contribution.pk).update(status="published")

    section = private.section(client.get(private.page.url))

    assert section.select(".dlk-results") == []
    assert (
        private.section(client.get(private.page.url)).find(
            id=private.field_id("display_name")
        )
        is None
    )


def map_definition():
    from wagtail_delaktighet.models import DialoguePage

    return DialoguePage.body.field.stream_block.child_blocks["map"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"north": 58.0}, "north"),
        ({"east": 16.0}, "east"),
        ({"centre_longitude": None}, "centre_longitude"),
    ],
)
def test_the_editor_is_told_when_the_area_or_centre_does_not_hold(changes, field):
    from wagtail.blocks.struct_block import StructBlockValidationError

    definition = map_definition()
    _name, raw = map_block()
    raw["categories"] = [
        {"type": "item", "value": text, "id": f"c{n}"}
        for n, text in enumerate(raw["categories"])
    ]

    assert definition.clean(definition.to_python(raw))
    with pytest.raises(StructBlockValidationError) as refused:
        definition.clean(definition.to_python({**raw, **changes}))
    assert list(refused.value.block_errors) == [field]


def test_what_participants_write_is_shown_as_text(client, block):
    markup = '<img src=x onerror="alert(1)">'
    published = submit(
        block, fields(block, comment=markup, place=markup, display_name=markup)
    )
    published.status = "published"
    published.save(update_fields=["status"])

    html = client.get(block.page.url).content.decode()

    assert markup not in html
    section = block.section(client.get(block.page.url))
    item = section.select_one(".dlk-map-place")
    assert item.find("img") is None
    assert markup in text_of(item)
