"""Demo step: every built-in consultation block on the open dialogue "Trygga
skolvägar i Bergby", with contributions from residents.

``consultation_blocks()`` gives the blocks, in raw StreamField form with fixed
block and list item ids, for the dialogue's body (see ``dialogue_pages``).
``build_consultation`` then sends contributions in through the participation
service, the same path the website and staff use, and moderates and answers
them as a moderator would.

Every demo submission carries a fixed submission key, so on a rerun the service
returns the earlier contribution instead of storing a new one.
"""

import uuid
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from wagtail_delaktighet.models import (
    Channel,
    Contact,
    ContributionStatus,
    DialoguePage,
    OfficialResponse,
)
from wagtail_delaktighet.participation import service
from wagtail_delaktighet.participation.forms import form_prefix

from .dialogue_snippets import SITE

DIALOGUE_SLUG = "trygga-skolvagar-i-bergby"


def fixed_id(slug, name):
    """A block or list item id of the demo dialogue ``slug`` that is the same
    on every run."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{SITE}/demo/{slug}/{name}"))


def list_items(slug, prefix, values):
    """A ListBlock's raw value: each item with a fixed id ``<prefix>-<n>``."""
    return [
        {"type": "item", "value": value, "id": fixed_id(slug, f"{prefix}-{n}")}
        for n, value in enumerate(values, start=1)
    ]


def _fixed_id(name):
    return fixed_id(DIALOGUE_SLUG, name)


def _items(prefix, values):
    return list_items(DIALOGUE_SLUG, prefix, values)


# -- The blocks ------------------------------------------------------------

SURVEY_ID = _fixed_id("survey")
POLL_ID = _fixed_id("poll")
VIEWS_ID = _fixed_id("views")
QUESTION_ID = _fixed_id("question")

TRAVEL = ["Går", "Cyklar", "Åker buss", "Skjutsas med bil"]
UNSAFE_PLACES = [
    "Korsningen Skolvägen–Bergbyvägen",
    "Gångtunneln under väg 612",
    "Busshållplatsen vid Bergby torg",
    "Parkeringen framför skolan",
]
MEASURES = [
    "Ett säkrare övergångsställe vid Skolvägen",
    "Bättre belysning i gångtunneln",
    "Farthinder på Bergbyvägen",
    "En avlämningsplats för bilar en bit från skolan",
]


def _question(key, question, kind, *, options=(), required=False, help_text=""):
    return {
        "type": "item",
        "id": _fixed_id(f"survey-question-{key}"),
        "value": {
            "question": question,
            "kind": kind,
            "options": _items(f"survey-question-{key}-option", options),
            "required": required,
            "help_text": help_text,
        },
    }


SURVEY_QUESTIONS = [
    _question(
        "travel",
        "Hur tar sig ditt barn oftast till skolan?",
        "single_choice",
        options=TRAVEL,
        required=True,
    ),
    _question(
        "places",
        "Var på vägen känns det otryggt?",
        "multiple_choice",
        options=UNSAFE_PLACES,
        help_text="Välj alla som stämmer.",
    ),
    _question(
        "safety",
        "Hur trygg känns skolvägen i dag?",
        "scale",
        required=True,
        help_text="1 betyder inte alls trygg, 5 betyder mycket trygg.",
    ),
    _question(
        "more_often",
        "Skulle ditt barn gå eller cykla oftare om vägen var tryggare?",
        "yes_no",
    ),
    _question(
        "worst",
        "Vilken plats tycker du är farligast?",
        "short_text",
        help_text="Till exempel en gata, en korsning eller en hållplats.",
    ),
    _question(
        "why",
        "Berätta varför, och vad som skulle göra det tryggare.",
        "long_text",
    ),
]


def consultation_blocks():
    """The survey, poll, views and question blocks, as raw StreamField data."""
    return [
        {
            "type": "survey",
            "id": SURVEY_ID,
            "value": {
                "heading": "Enkät: din väg till skolan",
                "introduction": (
                    "Enkäten tar ungefär fem minuter. Svara en gång per barn "
                    "som går i Bergbyskolan."
                ),
                "questions": SURVEY_QUESTIONS,
            },
        },
        {
            "type": "poll",
            "id": POLL_ID,
            "value": {
                "question": "Vilken åtgärd är viktigast att göra först?",
                "help_text": "Välj den åtgärd du tycker ska göras först.",
                "options": _items("poll-option", MEASURES),
                "show_results": "after_voting",
            },
        },
        {
            "type": "views",
            "id": VIEWS_ID,
            "value": {
                "heading": "Lämna synpunkter om trafiken runt skolan",
                "prompt": (
                    "Vad fungerar bra och vad borde ändras på vägen till "
                    "Bergbyskolan? Beskriv gärna platsen så noga du kan."
                ),
                "addressed_to": "both",
                "publication": "after_moderation",
            },
        },
        {
            "type": "question",
            "id": QUESTION_ID,
            "value": {
                "heading": "Ställ en fråga",
                "prompt": (
                    "Trafikplaneraren eller stadsbyggnadsnämndens ordförande "
                    "svarar, oftast inom en vecka. Frågan publiceras här "
                    "tillsammans med svaret."
                ),
                "addressed_to": "both",
            },
        },
    ]


# -- The contributions -----------------------------------------------------


@dataclass
class DemoContribution:
    """One contribution as a resident (or staff, for offline channels) sent it.

    ``days`` counts from the demo day (negative: in the past); ``fields`` are the
    block's own form fields without the ``dlk-<block id>-`` prefix.
    """

    key: str
    block_id: str
    fields: dict
    channel: str = Channel.WEB
    days: int = -1
    hour: int = 12
    participant: str | None = None
    #: What a moderator made of it; None keeps the status the block gave it.
    status: str | None = None
    #: (contact name, answer text) for a question answered by a contact.
    answer: tuple | None = None
    personal: dict = field(default_factory=dict)


def _option(prefix, values, value):
    """The fixed id of the option ``value`` in ``values``."""
    return _fixed_id(f"{prefix}-{values.index(value) + 1}")


def _survey(key, answers, **kwargs):
    fields = {}
    for question_key, answer in answers.items():
        option_prefix = f"survey-question-{question_key}-option"
        if question_key == "travel":
            answer = _option(option_prefix, TRAVEL, answer)
        elif question_key == "places":
            answer = [_option(option_prefix, UNSAFE_PLACES, a) for a in answer]
        fields[f"q_{_fixed_id(f'survey-question-{question_key}')}"] = answer
    return DemoContribution(key, SURVEY_ID, fields, **kwargs)


def _vote(key, measure, **kwargs):
    choice = _option("poll-option", MEASURES, measure)
    return DemoContribution(key, POLL_ID, {"choice": choice}, **kwargs)


def _views(key, text, **kwargs):
    display_name = kwargs.pop("display_name", "")
    fields = {"text": text, "display_name": display_name}
    return DemoContribution(key, VIEWS_ID, fields, **kwargs)


def _ask(key, question, **kwargs):
    display_name = kwargs.pop("display_name", "")
    fields = {"question": question, "display_name": display_name}
    return DemoContribution(key, QUESTION_ID, fields, **kwargs)


PUBLISHED = ContributionStatus.PUBLISHED

CONTRIBUTIONS = [
    # The survey, on the web and on paper forms handed in at the library.
    _survey(
        "survey-1",
        {
            "travel": "Cyklar",
            "places": [
                "Korsningen Skolvägen–Bergbyvägen",
                "Parkeringen framför skolan",
            ],
            "safety": "2",
            "more_often": "yes",
            "worst": "Korsningen Skolvägen–Bergbyvägen",
            "why": (
                "Bilarna kör fort när de svänger in mot skolan, och det finns "
                "inget övergångsställe. En upphöjd korsning skulle hjälpa."
            ),
        },
        days=-9,
        hour=19,
        personal={"name": "Maria Ek", "email": "maria.ek@example.com"},
    ),
    _survey(
        "survey-2",
        {
            "travel": "Går",
            "places": ["Gångtunneln under väg 612"],
            "safety": "3",
            "more_often": "no",
            "worst": "Gångtunneln",
            "why": "Tunneln är mörk på vintern och det luktar illa.",
        },
        days=-8,
        hour=7,
    ),
    _survey(
        "survey-3",
        {
            "travel": "Skjutsas med bil",
            "places": ["Korsningen Skolvägen–Bergbyvägen"],
            "safety": "1",
            "more_often": "yes",
        },
        days=-6,
        hour=21,
    ),
    _survey(
        "survey-4",
        {"travel": "Åker buss", "places": [], "safety": "4"},
        channel=Channel.PAPER,
        days=-5,
        hour=16,
    ),
    _survey(
        "survey-5",
        {
            "travel": "Går",
            "places": ["Busshållplatsen vid Bergby torg", "Gångtunneln under väg 612"],
            "safety": "2",
            "more_often": "yes",
            "why": "Det saknas trottoar på en del av Bergbyvägen.",
        },
        channel=Channel.PAPER,
        days=-5,
        hour=17,
    ),
    # Votes: on the web (one per participant) and at the library drop-in.
    _vote(
        "poll-1",
        "Ett säkrare övergångsställe vid Skolvägen",
        days=-9,
        participant="demo-voter-1",
    ),
    _vote(
        "poll-2", "Bättre belysning i gångtunneln", days=-8, participant="demo-voter-2"
    ),
    _vote(
        "poll-3",
        "Ett säkrare övergångsställe vid Skolvägen",
        days=-7,
        participant="demo-voter-3",
    ),
    _vote("poll-4", "Farthinder på Bergbyvägen", days=-4, participant="demo-voter-4"),
    _vote(
        "poll-5",
        "Ett säkrare övergångsställe vid Skolvägen",
        days=-2,
        participant="demo-voter-5",
    ),
    _vote(
        "poll-6",
        "En avlämningsplats för bilar en bit från skolan",
        channel=Channel.MEETING,
        days=-3,
        hour=16,
    ),
    _vote(
        "poll-7",
        "Bättre belysning i gångtunneln",
        channel=Channel.MEETING,
        days=-3,
        hour=17,
    ),
    _vote(
        "poll-8",
        "Ett säkrare övergångsställe vid Skolvägen",
        channel=Channel.PAPER,
        days=-3,
        hour=17,
    ),
    # Views: moderated and published, from the web and from the safety walk.
    _views(
        "views-1",
        (
            "Det behövs ett riktigt övergångsställe där Skolvägen korsar "
            "Bergbyvägen. I dag springer barnen över mellan bilarna."
        ),
        display_name="Förälder i Bergby",
        days=-9,
        hour=20,
        status=PUBLISHED,
    ),
    _views(
        "views-2",
        (
            "Gångtunneln under väg 612 är mörk och trång. Bättre belysning och "
            "speglar vid ingångarna skulle göra stor skillnad."
        ),
        days=-7,
        hour=8,
        status=PUBLISHED,
    ),
    _views(
        "views-3",
        (
            "Under trygghetsvandringen stannade flera vid parkeringen framför "
            "skolan: bilar backar ut precis där barnen går in."
        ),
        display_name="Trygghetsvandringen",
        channel=Channel.WALK,
        days=-5,
        hour=18,
        status=PUBLISHED,
    ),
    _views(
        "views-4",
        (
            "Häcken vid Skolvägen 12 skymmer sikten för bilisterna, så de ser "
            "inte barnen som kommer på cykelbanan."
        ),
        display_name="Trygghetsvandringen",
        channel=Channel.WALK,
        days=-5,
        hour=18,
        status=PUBLISHED,
    ),
    # Waits for a moderator: not shown on the page yet.
    _views(
        "views-5",
        "Bussen borde stanna närmare skolan på morgonen.",
        days=-1,
        hour=9,
    ),
    # Questions: two answered (signed with role), one waiting for an answer.
    _ask(
        "question-1",
        "När kan ett nytt övergångsställe vid Skolvägen bli klart?",
        display_name="Johan",
        days=-8,
        hour=10,
        status=PUBLISHED,
        answer=(
            "Erik Holm",
            "Om stadsbyggnadsnämnden tar med övergångsstället i åtgärdsplanen "
            "kan det byggas nästa sommar, när skolan har lov.",
        ),
        personal={"email": "johan@example.com"},
    ),
    _ask(
        "question-2",
        "Lyssnar politikerna verkligen på vad barnen säger?",
        days=-6,
        hour=15,
        status=PUBLISHED,
        answer=(
            "Anna Lindqvist",
            "Ja. Jag gick själv med på trygghetsvandringen, och elevernas svar "
            "redovisas för nämnden för sig, så att de syns tydligt när vi "
            "beslutar om åtgärdsplanen.",
        ),
    ),
    _ask(
        "question-3",
        "Kommer skolbussen att gå en annan väg under ombyggnaden?",
        days=-1,
        hour=11,
    ),
]


@transaction.atomic
def build_consultation(home):
    """Consultation: a survey, a poll, views and questions, with contributions."""
    page = DialoguePage.objects.descendant_of(home).get(slug=DIALOGUE_SLUG)
    contacts = {contact.name: contact for contact in Contact.objects.all()}
    today = timezone.localdate()
    for demo in CONTRIBUTIONS:
        contribution = _submit(page, demo, today)
        if demo.status is not None and contribution.status != demo.status:
            contribution.status = demo.status
            contribution.save(update_fields=["status"])
        if demo.answer is not None:
            name, text = demo.answer
            # Once: saving an answer again would raise the page's results
            # version, and loading the demo again changes nothing.
            OfficialResponse.objects.get_or_create(
                contribution=contribution,
                signed_by=contacts[name],
                defaults={
                    "text": text,
                    "published_at": contribution.created_at + timedelta(days=1),
                },
            )
    return page


def _submit(page, demo, today):
    prefix = form_prefix(demo.block_id)
    data = {f"{prefix}-submission_key": f"demo-{demo.key}"}
    for name, value in {**demo.fields, **demo.personal}.items():
        data[f"{prefix}-{name}"] = value
    if demo.personal:
        data[f"{prefix}-consent"] = "on"
    moment = datetime.combine(today + timedelta(days=demo.days), time(demo.hour))
    submission = service.submit(
        page,
        demo.block_id,
        data,
        channel=demo.channel,
        participant=demo.participant,
        created_at=timezone.make_aware(moment),
    )
    if not submission.accepted:
        raise ValueError(f"Demo contribution {demo.key}: {submission.form.errors}")
    return submission.contribution
