"""Demo step: a map block on the open dialogue "Trygga skolvägar i Bergby",
where residents mark unsafe places on the way to school, as pins on the map
or described in words (from the safety walk and a paper form).

``map_blocks()`` gives the block, in raw StreamField form with fixed block
and category ids, for the dialogue's body (see ``dialogue_pages``).
``build_places`` sends the places in through the participation service, each
with a fixed submission key, so a rerun stores nothing twice, and publishes
the ones a moderator has approved.

The demo's map shows OpenStreetMap's tiles in the visitor's browser (the
site's default Participation settings).
"""

from django.db import transaction
from django.utils import timezone

from wagtail_delaktighet.models import Channel, ContributionStatus, DialoguePage

from .consultation import DIALOGUE_SLUG, DemoContribution, _submit, fixed_id, list_items

MAP_ID = fixed_id(DIALOGUE_SLUG, "map")
CATEGORIES = ["Otrygg plats", "Farlig korsning", "Förslag på åtgärd"]
#: Around the school: the area places are taken in, and the map's view.
CENTRE = (61.7290, 17.1080)
AREA = {"south": 61.7150, "west": 17.0800, "north": 61.7430, "east": 17.1360}


def map_blocks():
    """The map block, as raw StreamField data."""
    return [
        {
            "type": "map",
            "id": MAP_ID,
            "value": {
                "heading": "Markera otrygga platser på kartan",
                "prompt": (
                    "Var på vägen till Bergbyskolan känns det otryggt eller "
                    "farligt? Sätt en nål på kartan eller beskriv platsen med "
                    "ord, och berätta vad som händer där."
                ),
                "categories": list_items(DIALOGUE_SLUG, "map-category", CATEGORIES),
                "publication": "after_moderation",
                "centre_latitude": CENTRE[0],
                "centre_longitude": CENTRE[1],
                "zoom": 15,
                **AREA,
                "require_login": False,
            },
        }
    ]


def _category(name):
    return fixed_id(DIALOGUE_SLUG, f"map-category-{CATEGORIES.index(name) + 1}")


def _place(key, category, comment, *, point=None, place="", **kwargs):
    fields = {"category": _category(category), "comment": comment, "place": place}
    if point is not None:
        fields.update(latitude=str(point[0]), longitude=str(point[1]))
    fields["display_name"] = kwargs.pop("display_name", "")
    return DemoContribution(key, MAP_ID, fields, **kwargs)


PUBLISHED = ContributionStatus.PUBLISHED

PLACES = [
    _place(
        "map-1",
        "Farlig korsning",
        "Bilarna svänger fort in mot skolan och det finns inget övergångsställe.",
        point=(61.7301, 17.1102),
        place="Korsningen Skolvägen–Bergbyvägen",
        display_name="Förälder i Bergby",
        days=-8,
        hour=20,
        status=PUBLISHED,
    ),
    _place(
        "map-2",
        "Otrygg plats",
        "Mörkt och trångt, särskilt på vintern.",
        point=(61.7262, 17.1021),
        days=-7,
        hour=7,
        status=PUBLISHED,
    ),
    # Given in words only: from the safety walk and a paper form.
    _place(
        "map-3",
        "Otrygg plats",
        "Bilar backar ut precis där barnen går in.",
        place="Parkeringen framför skolan",
        display_name="Trygghetsvandringen",
        channel=Channel.WALK,
        days=-5,
        hour=18,
        status=PUBLISHED,
    ),
    _place(
        "map-4",
        "Förslag på åtgärd",
        "Flytta busshållplatsen närmare skolans entré.",
        place="Busshållplatsen vid Bergby torg",
        channel=Channel.PAPER,
        days=-3,
        hour=16,
        status=PUBLISHED,
    ),
    # Waits for a moderator: not shown on the page yet.
    _place(
        "map-5",
        "Farlig korsning",
        "Häcken skymmer sikten vid cykelbanan.",
        point=(61.7318, 17.1135),
        days=-1,
        hour=9,
    ),
]


@transaction.atomic
def build_places(home):
    """Places: pins on the map and places in words, some published."""
    page = DialoguePage.objects.descendant_of(home).get(slug=DIALOGUE_SLUG)
    today = timezone.localdate()
    for demo in PLACES:
        contribution = _submit(page, demo, today)
        if demo.status is not None and contribution.status != demo.status:
            contribution.status = demo.status
            contribution.save(update_fields=["status"])
    return page
