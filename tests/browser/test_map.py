"""The map block in a real browser: a pin placed with the keyboard or the
mouse is sent as the form's coordinates, published pins are reached and
opened with the keyboard, the form works without JavaScript through the
place in words, and axe finds nothing before, in the error state and after
sending. No request leaves the test server: the tiles are a local blank
tile (conftest.py, ``local_map_tiles``)."""

import pytest

from tests.participation.support import map_block, publish_body
from wagtail_delaktighet.models import Contribution, ContributionStatus
from wagtail_delaktighet.models.site_settings import DelaktighetSettings

pytestmark = pytest.mark.django_db(transaction=True)

PUBLISHED_COMMENT = "Här är det mörkt på kvällen."


@pytest.fixture
def dialogue(ladder, make_dialogue):
    dialogue = publish_body(make_dialogue(), [map_block()])
    block = dialogue.block("map")
    categories = block.option_ids(block.value["categories"])
    for content in (
        {"latitude": 59.51, "longitude": 17.76, "place": "Dammen"},
        {"place": "Bron över ån"},
    ):
        Contribution.objects.create(
            page=dialogue.page,
            block_id=block.id,
            block_type="map",
            content={
                "category": categories[0],
                "comment": PUBLISHED_COMMENT,
                **content,
            },
            status=ContributionStatus.PUBLISHED,
        )
    return dialogue


@pytest.fixture
def block(dialogue):
    return dialogue.block("map")


def open_context(browser, live_server, **options):
    """A browser context that refuses and records every request to another
    host than the test server."""
    context = browser.new_context(locale="sv-SE", base_url=live_server.url, **options)
    context.outside_requests = []

    def refuse(route):
        context.outside_requests.append(route.request.url)
        route.abort()

    context.route(
        lambda url: not url.startswith(live_server.url) and not url.startswith("data:"),
        refuse,
    )
    return context


@pytest.fixture
def map_page(browser, live_server, local_map_tiles):
    context = open_context(browser, live_server)
    page = context.new_page()
    tiles = []
    page.on(
        "request", lambda request: local_map_tiles in request.url and tiles.append(1)
    )
    page.tiles = tiles
    yield page
    assert context.outside_requests == []
    context.close()


@pytest.fixture
def page_without_javascript(browser, live_server):
    context = open_context(browser, live_server, java_script_enabled=False)
    page = context.new_page()
    yield page
    assert context.outside_requests == []
    context.close()


def section(page, block):
    return page.locator(f"section#{block.anchor}")


def fill_in(page, block, *, place=""):
    form = section(page, block).locator("form")
    form.locator("input[type=radio]").first.check()
    form.locator(f"#{block.field_id('comment')}").fill("Bilarna kör fort här.")
    if place:
        form.locator(f"#{block.field_id('place')}").fill(place)


def send(page, block):
    with page.expect_navigation():
        section(page, block).locator("form button[type=submit]").click()


def coordinates(page, block):
    return (
        page.locator(f"#{block.field_id('latitude')}").input_value(),
        page.locator(f"#{block.field_id('longitude')}").input_value(),
    )


def open_map(page, block):
    page.goto(block.page.url)
    canvas = section(page, block).locator(".dlk-map__canvas")
    canvas.locator(".leaflet-tile-loaded").first.wait_for()
    return canvas


def test_a_pin_placed_with_the_keyboard_is_sent(map_page, block):
    canvas = open_map(map_page, block)
    assert map_page.tiles, "the map asked for no tile"

    canvas.focus()
    assert map_page.evaluate(
        "document.activeElement.classList.contains('leaflet-container')"
    )
    for _ in range(3):
        map_page.keyboard.press("ArrowUp")  # the map moves north
    map_page.wait_for_timeout(400)  # the pan's animation
    map_page.keyboard.press("Enter")

    latitude, longitude = coordinates(map_page, block)
    assert float(latitude) > 59.5
    assert abs(float(longitude) - 17.75) < 0.01
    status = section(map_page, block).locator("[data-dlk-map-status]")
    assert "placerad" in status.inner_text() or "placed" in status.inner_text()
    fill_in(map_page, block)
    send(map_page, block)

    assert map_page.url.endswith(f"#{block.anchor}-receipt")
    stored = Contribution.objects.get(status=ContributionStatus.PENDING)
    assert stored.content["latitude"] == round(float(latitude), 6)
    assert stored.content["longitude"] == round(float(longitude), 6)


def test_the_button_places_the_pin_in_the_middle_and_another_removes_it(
    map_page, block
):
    open_map(map_page, block)
    place = section(map_page, block).locator("[data-dlk-map-place]")
    place.focus()
    map_page.keyboard.press("Enter")

    latitude, longitude = coordinates(map_page, block)
    assert (round(float(latitude), 2), round(float(longitude), 2)) == (59.5, 17.75)
    section(map_page, block).locator("[data-dlk-map-remove]").click()
    assert coordinates(map_page, block) == ("", "")


def test_a_pin_placed_with_the_mouse_is_sent(map_page, block):
    canvas = open_map(map_page, block)
    box = canvas.bounding_box()

    # Right of and below the middle: east and south of the centre.
    canvas.click(position={"x": box["width"] / 2 + 60, "y": box["height"] / 2 + 40})

    latitude, longitude = coordinates(map_page, block)
    assert float(latitude) < 59.5
    assert float(longitude) > 17.75
    fill_in(map_page, block)
    send(map_page, block)

    assert map_page.url.endswith(f"#{block.anchor}-receipt")
    stored = Contribution.objects.get(status=ContributionStatus.PENDING)
    assert (stored.content["latitude"], stored.content["longitude"]) == (
        round(float(latitude), 6),
        round(float(longitude), 6),
    )


def test_published_pins_are_reached_and_opened_with_the_keyboard(map_page, block):
    site_settings = DelaktighetSettings.for_site(block.page.get_site())
    site_settings.map_attribution = "© Lantmäteriet <b>x</b>"
    site_settings.save()
    canvas = open_map(map_page, block)
    # The attribution is plain text, whatever it holds.
    attribution = canvas.locator(".leaflet-control-attribution")
    assert attribution.inner_text() == "© Lantmäteriet <b>x</b>"
    assert attribution.locator("b").count() == 0
    # One pin: the place given in words alone is in the list only.
    pins = canvas.locator(".leaflet-marker-icon")
    assert pins.count() == 1
    pin = pins.first
    assert pin.get_attribute("alt") == "Otryggt: Dammen"
    assert pin.get_attribute("role") == "button"
    assert pin.get_attribute("tabindex") == "0"

    canvas.focus()
    map_page.keyboard.press("Tab")
    assert map_page.evaluate("document.activeElement.alt") == "Otryggt: Dammen"
    map_page.keyboard.press("Enter")

    popup = canvas.locator(".leaflet-popup-content")
    popup.wait_for()
    assert PUBLISHED_COMMENT in popup.inner_text()
    assert popup.locator("img").count() == 0
    # The list holds both places, the map's accessible equivalent.
    listed = section(map_page, block).locator(".dlk-map-place")
    assert listed.count() == 2


def test_the_form_works_without_javascript_through_the_place_in_words(
    page_without_javascript, block
):
    page = page_without_javascript
    page.goto(block.page.url)
    # No script: the map stays hidden, the list and the words are there.
    assert not section(page, block).locator("[data-dlk-map]").is_visible()
    assert section(page, block).locator(".dlk-map-place").count() == 2

    fill_in(page, block)
    send(page, block)
    summary = section(page, block).locator(".dlk-error-summary")
    assert summary.is_visible()
    link = summary.locator("a")
    assert link.get_attribute("href") == f"#{block.field_id('place')}"

    section(page, block).locator(f"#{block.field_id('place')}").fill(
        "Korsningen vid skolan"
    )
    send(page, block)

    assert page.url.endswith(f"#{block.anchor}-receipt")
    stored = Contribution.objects.get(status=ContributionStatus.PENDING)
    assert stored.content["place"] == "Korsningen vid skolan"
    assert "latitude" not in stored.content


def test_axe_finds_nothing_before_in_the_error_state_and_after(
    map_page, block, assert_no_axe_violations
):
    open_map(map_page, block)
    assert_no_axe_violations(map_page)

    # A pin outside the area, sent as a crafted client would: the error
    # state, with the map shown again.
    fill_in(map_page, block)
    map_page.evaluate(
        """([latitude, longitude]) => {
            document.getElementById(latitude).value = "70";
            document.getElementById(longitude).value = "17.8";
        }""",
        [block.field_id("latitude"), block.field_id("longitude")],
    )
    send(map_page, block)
    assert section(map_page, block).locator(".dlk-error-summary").is_visible()
    section(map_page, block).locator(".leaflet-tile-loaded").first.wait_for()
    assert_no_axe_violations(map_page)

    section(map_page, block).locator("[data-dlk-map-place]").click()
    section(map_page, block).locator(f"#{block.field_id('place')}").fill("Torget")
    send(map_page, block)
    assert map_page.url.endswith(f"#{block.anchor}-receipt")
    assert_no_axe_violations(map_page)
