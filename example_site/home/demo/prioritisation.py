"""Demo step: prioritisation blocks with residents' contributions.

- "Medborgarbudget för unga i Bergby" (closed): the participatory budget the
  young people voted in, on the web while it was open and on paper at the
  youth centre;
- "Framtidens Älvby centrum" (closed): a ranking of what matters most in the
  centre, filled in at the dialogue meetings;
- "Ny lekplats i Norrstrandsparken" (upcoming): points to distribute over
  what the new playground should have, open when the dialogue opens.

The blocks have fixed ids (``budget_block()``, ``ranking_block()`` go into
the pages' bodies in ``dialogue_pages``); every contribution has a fixed
submission key, so loading the demo again stores nothing twice.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wagtail_delaktighet.models import Channel, DialoguePage

from .consultation import DemoContribution, fixed_id, list_items
from .consultation import _submit as submit_demo_contribution

BUDGET_SLUG = "medborgarbudget-for-unga-i-bergby"
RANKING_SLUG = "framtidens-alvby-centrum"
POINTS_SLUG = "ny-lekplats-i-norrstrandsparken"
POINTS_ID = fixed_id(POINTS_SLUG, "points")
BUDGET_ID = fixed_id(BUDGET_SLUG, "budget")
RANKING_ID = fixed_id(RANKING_SLUG, "ranking")

BUDGET = 500_000
PROPOSALS = [
    ("Utegym vid Bergby fritidsgård", 180_000),
    ("Belysning i skateparken", 120_000),
    ("Musikstudio på fritidsgården", 150_000),
    ("Gratis bussresor till sommarlovsaktiviteter", 90_000),
    ("Padelbana vid skolan", 250_000),
    ("Lagliga graffitiväggar", 40_000),
]
CENTRE_PRIORITIES = [
    "Fler träd och grönska",
    "Trygg belysning på kvällen",
    "Platser att sitta och mötas",
    "Lätt att ta sig fram med rullstol och barnvagn",
    "Fler butiker och kaféer",
]


def budget_block():
    """The participatory budget, as raw StreamField data with fixed ids."""
    return {
        "type": "budget",
        "id": BUDGET_ID,
        "value": {
            "heading": "Så vill unga använda 500 000 kronor",
            "introduction": (
                "Förslagen kom från unga i Bergby och prövades av "
                "fritidskonsulenten. Välj de förslag du vill ska bli av."
            ),
            "budget": BUDGET,
            "options": [
                {
                    "type": "item",
                    "value": {"title": title, "cost": cost},
                    "id": fixed_id(BUDGET_SLUG, f"proposal-{n}"),
                }
                for n, (title, cost) in enumerate(PROPOSALS, start=1)
            ],
        },
    }


PLAYGROUND_WISHES = [
    "Klätterställning",
    "Gungor",
    "Sandlåda med vattenlek",
    "Skugga och sittplatser",
    "Lek för barn som använder rullstol",
]


def points_block():
    """Points over the playground's parts, as raw StreamField data."""
    return {
        "type": "points",
        "id": POINTS_ID,
        "value": {
            "heading": "Vad är viktigast på den nya lekplatsen?",
            "introduction": (
                "Fördela tio poäng på det du helst vill ha. Du kan ge alla "
                "poäng till en sak eller sprida dem."
            ),
            "options": list_items(POINTS_SLUG, "wish", PLAYGROUND_WISHES),
            "points": 10,
        },
    }


def ranking_block():
    """What matters most in the centre, as raw StreamField data."""
    return {
        "type": "ranking",
        "id": RANKING_ID,
        "value": {
            "heading": "Vad är viktigast i framtidens centrum?",
            "introduction": (
                "Rangordningen gjordes på dialogmötena; svaren är inmatade av kommunen."
            ),
            "options": list_items(RANKING_SLUG, "priority", CENTRE_PRIORITIES),
        },
    }


def _chosen(*titles):
    titles_in_order = [title for title, _cost in PROPOSALS]
    ids = [
        fixed_id(BUDGET_SLUG, f"proposal-{titles_in_order.index(title) + 1}")
        for title in titles
    ]
    return {"chosen": ids}


def _ballot(key, *titles, **kwargs):
    return DemoContribution(key, BUDGET_ID, _chosen(*titles), **kwargs)


def _ranking(key, *ranks, **kwargs):
    fields = {
        f"rank_{fixed_id(RANKING_SLUG, f'priority-{n}')}": str(rank)
        for n, rank in enumerate(ranks, start=1)
    }
    return DemoContribution(key, RANKING_ID, fields, **kwargs)


GYM, LIGHT, STUDIO, BUS, PADEL, GRAFFITI = (title for title, _cost in PROPOSALS)
BALLOTS = [
    _ballot("budget-1", GYM, LIGHT, STUDIO, days=-110, participant="demo-young-1"),
    _ballot("budget-2", PADEL, LIGHT, BUS, days=-100, participant="demo-young-2"),
    _ballot("budget-3", GYM, STUDIO, BUS, GRAFFITI, days=-90, participant="demo-y3"),
    _ballot("budget-4", LIGHT, STUDIO, GRAFFITI, days=-80, participant="demo-y4"),
    _ballot("budget-5", GYM, PADEL, days=-70, participant="demo-young-5"),
    _ballot("budget-6", GYM, LIGHT, BUS, GRAFFITI, days=-60, participant="demo-y6"),
    _ballot("budget-7", STUDIO, PADEL, days=-55, channel=Channel.MEETING),
    _ballot("budget-8", GYM, LIGHT, GRAFFITI, days=-55, channel=Channel.MEETING),
    _ballot("budget-9", GYM, BUS, GRAFFITI, days=-54, channel=Channel.PAPER),
    _ballot("budget-10", LIGHT, BUS, GRAFFITI, days=-53, channel=Channel.PAPER),
]
RANKINGS = [
    _ranking("ranking-1", 1, 2, 3, 4, 5, days=-60, channel=Channel.MEETING),
    _ranking("ranking-2", 2, 1, 3, 5, 4, days=-60, channel=Channel.MEETING),
    _ranking("ranking-3", 3, 1, 2, 4, 5, days=-60, channel=Channel.MEETING),
    _ranking("ranking-4", 1, 3, 4, 2, 5, days=-40, channel=Channel.MEETING),
    _ranking("ranking-5", 4, 2, 1, 3, 5, days=-40, channel=Channel.MEETING),
    _ranking("ranking-6", 5, 2, 3, 1, 4, days=-40, channel=Channel.MEETING),
]


@transaction.atomic
def build_prioritisation(home):
    """Prioritisation: a youth budget and a ranking, with contributions."""
    today = timezone.localdate()
    for slug, contributions in ((BUDGET_SLUG, BALLOTS), (RANKING_SLUG, RANKINGS)):
        page = DialoguePage.objects.descendant_of(home).get(slug=slug)
        # Web votes were sent while the dialogue was open: to a copy of the
        # page as it stood then (never saved); each vote keeps its own date.
        while_open = DialoguePage.objects.get(pk=page.pk)
        while_open.closes_at = timezone.now() + timedelta(days=1)
        for demo in contributions:
            submit_demo_contribution(while_open, demo, today)
