"""Demo step: the ideas block on the open dialogue "Trygga skolvägar i
Bergby": residents' ideas, supports from other residents, and the
municipality's official statuses with signed answers.

``ideas_block()`` gives the block in raw StreamField form, with fixed ids, for
the dialogue's body (``dialogue_pages``). ``build_ideas`` sends the ideas and
the supports in through the participation service with fixed submission keys
and fixed participants, so a rerun stores nothing twice, and answers ideas
once each.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail_delaktighet.models import (
    Contact,
    ContributionStatus,
    DialoguePage,
    OfficialResponse,
)
from wagtail_delaktighet.participation import service
from wagtail_delaktighet.participation.forms import form_prefix

from .consultation import DIALOGUE_SLUG, fixed_id, list_items

IDEAS_ID = fixed_id(DIALOGUE_SLUG, "ideas")
CATEGORIES = ["Gång och cykel", "Bil och buss", "Belysning och trygghet"]


def ideas_block():
    """The ideas block, as raw StreamField data."""
    return {
        "type": "ideas",
        "id": IDEAS_ID,
        "value": {
            "heading": "Idéer för en tryggare skolväg",
            "prompt": (
                "Har du en idé som gör vägen till Bergbyskolan tryggare? Skriv "
                "den här och stöd andras idéer. Trafikplaneraren eller "
                "nämndens ordförande ger varje idé en status och ett svar."
            ),
            "categories": list_items(DIALOGUE_SLUG, "ideas-category", CATEGORIES),
            "publication": "after_moderation",
        },
    }


def _category(name):
    return fixed_id(DIALOGUE_SLUG, f"ideas-category-{CATEGORIES.index(name) + 1}")


@dataclass
class DemoIdea:
    key: str
    title: str
    description: str
    category: str = ""
    display_name: str = ""
    days: int = -5
    #: How many residents support it (each a fixed demo participant).
    supporters: int = 0
    #: (contact name, outcome, answer text), or None for no answer yet.
    answer: tuple | None = None
    status: str = ContributionStatus.PUBLISHED
    personal: dict = field(default_factory=dict)


IDEAS = [
    DemoIdea(
        "idea-1",
        "Gångfartsområde på Skolvägen",
        "Gör Skolvägen till gångfartsområde mellan 7.30 och 8.30, när "
        "barnen kommer till skolan.",
        category="Bil och buss",
        display_name="Förälder i Bergby",
        days=-9,
        supporters=7,
        answer=(
            "Anna Lindqvist",
            "partly_accepted",
            "Gångfartsområde hela dagen går inte, eftersom bussen ska fram. "
            "Nämnden föreslår i stället 30 km/h och en upphöjd korsning vid "
            "skolan.",
        ),
        personal={"email": "foralder.bergby@example.com"},
    ),
    DemoIdea(
        "idea-2",
        "Lampor i gångtunneln som tänds när någon kommer",
        "Rörelsestyrd belysning i tunneln under väg 612, och speglar vid "
        "båda ingångarna.",
        category="Belysning och trygghet",
        days=-8,
        supporters=5,
        answer=(
            "Erik Holm",
            "accepted",
            "Ny belysning i tunneln ingår i åtgärdsplanen och sätts upp i höst.",
        ),
    ),
    DemoIdea(
        "idea-3",
        "Cykelbuss på morgonen",
        "Föräldrar turas om att cykla med barnen från Bergby torg till "
        "skolan. Kommunen kan hjälpa till med västar och en karta.",
        category="Gång och cykel",
        display_name="Sofia",
        days=-6,
        supporters=3,
        answer=(
            "Erik Holm",
            "under_review",
            "En fin idé. Vi undersöker tillsammans med skolan hur kommunen kan "
            "stötta en cykelbuss.",
        ),
    ),
    DemoIdea(
        "idea-4",
        "Stäng Skolvägen för biltrafik",
        "Skolvägen borde vara helt bilfri.",
        category="Bil och buss",
        days=-4,
        supporters=1,
        answer=(
            "Anna Lindqvist",
            "not_possible",
            "Skolvägen är enda vägen till flera bostäder och till "
            "förskolan, så den kan inte stängas. Vi satsar på lägre "
            "hastighet och säkrare passager i stället.",
        ),
    ),
    DemoIdea(
        "idea-5",
        "Fler cykelställ vid skolan",
        "Det är fullt i cykelställen varje morgon.",
        category="Gång och cykel",
        days=-2,
        supporters=2,
    ),
    # Waits for a moderator: not on the page yet.
    DemoIdea(
        "idea-6",
        "Skolpatrull vid övergångsstället",
        "Äldre elever kan hjälpa de yngre över gatan.",
        days=-1,
        status=ContributionStatus.PENDING,
    ),
]


@transaction.atomic
def build_ideas(home):
    """Ideas: proposals, supports and official statuses with answers."""
    page = DialoguePage.objects.descendant_of(home).get(slug=DIALOGUE_SLUG)
    contacts = {contact.name: contact for contact in Contact.objects.all()}
    today = timezone.localdate()
    for demo in IDEAS:
        fields = {
            "title": demo.title,
            "description": demo.description,
            "category": _category(demo.category) if demo.category else "",
            "display_name": demo.display_name,
            **demo.personal,
        }
        if demo.personal:
            fields["consent"] = "on"
        idea = _submit(page, demo.key, fields, today + timedelta(days=demo.days))
        if idea.status != demo.status:
            idea.status = demo.status
            idea.save(update_fields=["status"])
        for number in range(1, demo.supporters + 1):
            _submit(
                page,
                f"{demo.key}-support-{number}",
                {"supports": str(idea.pk)},
                today + timedelta(days=demo.days + 1),
                participant=f"demo-supporter-{number}",
            )
        if demo.answer is not None:
            name, outcome, text = demo.answer
            # Once, as in the consultation step: a rerun changes nothing.
            OfficialResponse.objects.get_or_create(
                contribution=idea,
                signed_by=contacts[name],
                defaults={
                    "text": text,
                    "outcome": outcome,
                    "published_at": idea.created_at + timedelta(days=2),
                },
            )
    return page


def _submit(page, key, fields, day, participant=None):
    prefix = form_prefix(IDEAS_ID)
    data = {f"{prefix}-submission_key": f"demo-{key}"}
    data.update({f"{prefix}-{name}": value for name, value in fields.items()})
    submission = service.submit(
        page,
        IDEAS_ID,
        data,
        participant=participant,
        created_at=timezone.make_aware(datetime.combine(day, time(18))),
    )
    if not submission.accepted:
        raise ValueError(f"Demo idea {key}: {submission.form.errors}")
    return submission.contribution
