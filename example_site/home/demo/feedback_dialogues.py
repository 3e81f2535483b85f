"""Two more demo dialogues for the feedback loop (P6), and the contributions
residents sent to the first one.

- "Upprustning av Älvpromenaden" closed months ago. It has a survey, a poll
  and views with contributions from the web and from offline channels, so
  that its final feedback page (``feedback.py``) shows real numbers.
- "Öppettider på Norrstrands fritidsgård" closed too, and its promised
  feedback date has passed without final feedback: it is overdue.

The content functions take the same arguments as those in
``dialogue_pages`` and reuse its building blocks, so these dialogues are as
complete as the others.
"""

from wagtail_delaktighet.models import Channel, ContributionStatus

from .consultation import DemoContribution, fixed_id, list_items
from .dialogue_pages import (
    Kind,
    Scope,
    _activity,
    _content,
    _decision,
    _link,
    _listener,
    _phase,
    _wagtail_document,
)
from .dialogue_snippets import SITE

FEEDBACK_DIALOGUE_SLUG = "upprustning-av-alvpromenaden"
OVERDUE_DIALOGUE_SLUG = "oppettider-pa-norrstrands-fritidsgard"


def _fixed_id(name):
    return fixed_id(FEEDBACK_DIALOGUE_SLUG, name)


def _items(prefix, values):
    return list_items(FEEDBACK_DIALOGUE_SLUG, prefix, values)


# -- Älvpromenaden: the consultation blocks ---------------------------------

SURVEY_ID = _fixed_id("survey")
POLL_ID = _fixed_id("poll")
VIEWS_ID = _fixed_id("views")
HOW_OFTEN_ID = _fixed_id("survey-question-how-often")
SAFETY_ID = _fixed_id("survey-question-safety")

HOW_OFTEN = ["Varje dag", "Varje vecka", "Någon gång i månaden", "Sällan eller aldrig"]
FIRST_MEASURE = [
    "Belysning längs hela promenaden",
    "Fler bänkar och grillplatser",
    "Ett utegym",
    "En offentlig toalett",
]


def consultation_blocks():
    return [
        {
            "type": "survey",
            "id": SURVEY_ID,
            "value": {
                "heading": "Enkät: så använder du Älvpromenaden",
                "introduction": "Två korta frågor. Det tar en minut.",
                "questions": [
                    {
                        "type": "item",
                        "id": HOW_OFTEN_ID,
                        "value": {
                            "question": "Hur ofta går du på Älvpromenaden?",
                            "kind": "single_choice",
                            "options": _items("how-often-option", HOW_OFTEN),
                            "required": True,
                            "help_text": "",
                        },
                    },
                    {
                        "type": "item",
                        "id": SAFETY_ID,
                        "value": {
                            "question": "Hur trygg känns promenaden när det är mörkt?",
                            "kind": "scale",
                            "options": [],
                            "required": True,
                            "help_text": (
                                "1 betyder inte alls trygg, 5 betyder mycket trygg."
                            ),
                        },
                    },
                ],
            },
        },
        {
            "type": "poll",
            "id": POLL_ID,
            "value": {
                "question": "Vad är viktigast att göra först?",
                "help_text": "Välj en sak.",
                "options": _items("poll-option", FIRST_MEASURE),
                "show_results": "after_voting",
            },
        },
        {
            "type": "views",
            "id": VIEWS_ID,
            "value": {
                "heading": "Lämna synpunkter om Älvpromenaden",
                "prompt": "Vad fungerar bra, och vad saknar du längs promenaden?",
                "addressed_to": "both",
                "publication": "after_moderation",
            },
        },
    ]


# -- Älvpromenaden: the contributions ---------------------------------------
#
# Web contributions carry a participant token, so the feedback page can count
# the people who took part online; several people answered more than one
# block. Offline ones were entered by staff after the walk and the open house.

KEY_PREFIX = "alvpromenaden"
PUBLISHED = ContributionStatus.PUBLISHED


def _option(prefix, values, value):
    return _fixed_id(f"{prefix}-{values.index(value) + 1}")


def _survey(key, how_often, safety, **kwargs):
    fields = {
        f"q_{HOW_OFTEN_ID}": _option("how-often-option", HOW_OFTEN, how_often),
        f"q_{SAFETY_ID}": str(safety),
    }
    return DemoContribution(f"{KEY_PREFIX}-{key}", SURVEY_ID, fields, **kwargs)


def _vote(key, measure, **kwargs):
    fields = {"choice": _option("poll-option", FIRST_MEASURE, measure)}
    return DemoContribution(f"{KEY_PREFIX}-{key}", POLL_ID, fields, **kwargs)


def _views(key, text, display_name="", **kwargs):
    fields = {"text": text, "display_name": display_name}
    return DemoContribution(f"{KEY_PREFIX}-{key}", VIEWS_ID, fields, **kwargs)


def _person(number):
    return f"demo-{KEY_PREFIX}-person-{number}"


CONTRIBUTIONS = [
    # On the web, while the dialogue was open (days -200 to -141).
    _survey("survey-1", "Varje dag", 2, days=-198, hour=19, participant=_person(1)),
    _vote(
        "poll-1",
        "Belysning längs hela promenaden",
        days=-198,
        hour=19,
        participant=_person(1),
    ),
    _views(
        "views-1",
        "Mellan Älvbron och gästhamnen är det kolsvart på kvällen. Jag går "
        "med hunden där varje dag och vill kunna se vart jag går.",
        display_name="Hundägare i Norrstrand",
        days=-198,
        hour=20,
        participant=_person(1),
        status=PUBLISHED,
        personal={"name": "Karin Blom", "email": "karin.blom@example.com"},
    ),
    _survey("survey-2", "Varje vecka", 3, days=-190, hour=12, participant=_person(2)),
    _vote("poll-2", "Ett utegym", days=-190, hour=12, participant=_person(2)),
    _survey(
        "survey-3",
        "Någon gång i månaden",
        2,
        days=-185,
        hour=21,
        participant=_person(3),
    ),
    _vote(
        "poll-3",
        "Belysning längs hela promenaden",
        days=-185,
        hour=21,
        participant=_person(3),
    ),
    _views(
        "views-2",
        "Ett utegym vid bryggan skulle få fler unga att använda promenaden.",
        days=-185,
        hour=21,
        participant=_person(3),
        status=PUBLISHED,
    ),
    _vote("poll-4", "En offentlig toalett", days=-170, hour=10, participant=_person(4)),
    _views(
        "views-3",
        "Det behövs en toalett längs promenaden, särskilt för oss äldre som "
        "gärna går långt.",
        days=-170,
        hour=10,
        participant=_person(4),
        status=PUBLISHED,
        personal={"email": "bengt.larsson@example.com"},
    ),
    _survey(
        "survey-4",
        "Sällan eller aldrig",
        1,
        days=-160,
        hour=17,
        participant=_person(5),
    ),
    _vote(
        "poll-5",
        "Fler bänkar och grillplatser",
        days=-160,
        hour=17,
        participant=_person(5),
    ),
    _vote(
        "poll-6",
        "Belysning längs hela promenaden",
        days=-150,
        hour=8,
        participant=_person(6),
    ),
    _views(
        "views-4",
        "En inhägnad hundrastgård nära vattnet vore fint.",
        days=-150,
        hour=8,
        participant=_person(6),
        status=PUBLISHED,
    ),
    # Offline: paper surveys from Träffpunkt Centrum, votes at the open house
    # and what the participants of the safety walk pointed out.
    _survey("survey-5", "Varje dag", 4, channel=Channel.PAPER, days=-168, hour=15),
    _survey("survey-6", "Varje vecka", 3, channel=Channel.PAPER, days=-168, hour=15),
    _survey(
        "survey-7",
        "Sällan eller aldrig",
        2,
        channel=Channel.PAPER,
        days=-165,
        hour=14,
    ),
    _vote(
        "poll-7",
        "Fler bänkar och grillplatser",
        channel=Channel.MEETING,
        days=-165,
        hour=14,
    ),
    _vote(
        "poll-8",
        "En offentlig toalett",
        channel=Channel.MEETING,
        days=-165,
        hour=15,
    ),
    _views(
        "views-5",
        "Trappan ner mot gästhamnen saknar ledstång.",
        display_name="Trygghetsvandringen",
        channel=Channel.WALK,
        days=-180,
        hour=19,
        status=PUBLISHED,
    ),
    _views(
        "views-6",
        "Stenläggningen vid Älvbron är så ojämn att det är svårt att gå med rullator.",
        display_name="Trygghetsvandringen",
        channel=Channel.WALK,
        days=-180,
        hour=19,
        status=PUBLISHED,
    ),
]


# -- The dialogue pages -------------------------------------------------------


def alvpromenaden(day, s, levels, guidelines):
    """Konsultation, closed long ago: its final feedback is published."""
    slug = FEEDBACK_DIALOGUE_SLUG
    opens, closes = -200, -140
    return slug, _content(
        slug,
        fields={
            "title": "Upprustning av Älvpromenaden",
            "summary": (
                "Promenaden längs älven mellan Centrum och Norrstrand rustas upp. "
                "Vi frågade hur du använder den och vad som saknas. Läs vad det "
                "ledde till."
            ),
            "purpose": (
                "Stadsbyggnadsnämnden ska rusta upp Älvpromenaden. Innan förslaget "
                "togs fram ville vi veta hur invånarna använder promenaden, vad de "
                "uppskattar och vad som saknas, så att pengarna används där de gör "
                "mest nytta."
            ),
            "question": "Vad behöver Älvpromenaden för att du ska använda den oftare?",
            "influence_level": levels["Konsultation"],
            "can_influence": (
                "<ul><li>Vilka delar av promenaden som rustas upp först.</li>"
                "<li>Belysning, sittplatser och aktiviteter längs vägen.</li></ul>"
            ),
            "cannot_influence": (
                "<p>Budgeten på fyra miljoner kronor, och strandskyddet som gäller "
                "närmast vattnet.</p>"
            ),
            "input_handling": (
                "<p>Landskapsarkitekten läste alla svar och sorterade dem efter "
                "tema. Sammanställningen följde med förslaget när "
                "stadsbyggnadsnämnden fattade beslut. Återkopplingen publiceras "
                "här.</p>"
            ),
            "decision_body": s.bodies["Stadsbyggnadsnämnden"],
            "decision_timing": (
                "På stadsbyggnadsnämndens sammanträde när förslaget till "
                "upprustning är klart."
            ),
            "responsible_body": s.bodies["Stadsbyggnadsnämnden"],
            "scope": Scope.COMMUNITY_DEVELOPMENT,
            "scope_decided_by": s.bodies["Stadsbyggnadsnämnden"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": day.date(10),
            "adaptations": (
                "<p>Enkäten fanns också på papper på Träffpunkt Centrum. "
                "Trygghetsvandringen gick i lugn takt med pauser, och deltagare med "
                "rullator och rullstol testade underlaget.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [s.bodies["Fritidsnämnden"]],
            "target_groups": [
                s.target_groups["Äldre"],
                s.target_groups["Personer med funktionsnedsättning"],
                s.target_groups["Barn och unga"],
            ],
            "areas": [s.areas["Centrum"], s.areas["Norrstrand"]],
            "topics": [s.topics["Stadsutveckling"], s.topics["Lek och fritid"]],
            "methods": [
                s.methods["Enkät"],
                s.methods["Trygghetsvandring"],
                s.methods["Öppet hus"],
            ],
            "strategic_goals": [s.goals["Mål 1"], s.goals["Mål 2"]],
        },
        phases=[
            _phase(Kind.PLANNING, "Planering", day.date(-260), day.date(opens - 1)),
            _phase(
                Kind.PARTICIPATION,
                "Enkät, trygghetsvandring och öppet hus",
                day.date(opens),
                day.date(closes - 1),
            ),
            _phase(
                Kind.ANALYSIS,
                "Sammanställning och förslag",
                day.date(closes),
                day.date(-61),
            ),
            _phase(
                Kind.DECISION,
                "Beslut i stadsbyggnadsnämnden",
                day.date(-60),
                day.date(-45),
            ),
            _phase(
                Kind.FEEDBACK,
                "Återkoppling och genomförande",
                day.date(-44),
                None,
                "Vi berättar vad som kom in och vad som blir av, och rustar upp "
                "promenaden i etapper.",
            ),
        ],
        activities=[
            _activity(
                "Trygghetsvandring längs Älvpromenaden",
                s.methods["Trygghetsvandring"],
                day.at(-180, 18, 0),
                day.at(-180, 20, 0),
                place="Älvbrons södra fäste",
                address="Strandgatan 1, Älvby",
                description="Vi går promenaden och stannar där det känns otryggt.",
                step_free_access=True,
                accessibility_notes=(
                    "Rundan är tre kilometer på asfalt, med pauser på bänkarna."
                ),
            ),
            _activity(
                "Öppet hus på Träffpunkt Centrum",
                s.methods["Öppet hus"],
                day.at(-165, 13, 0),
                day.at(-165, 16, 0),
                place="Träffpunkt Centrum",
                address="Kyrkogatan 3, Älvby",
                description="Titta på kartan över promenaden och rösta på plats.",
                hearing_loop=True,
                step_free_access=True,
                easy_read=True,
            ),
        ],
        contacts=[
            _listener(
                s.contacts["Gunilla Berg"],
                "Gick med på trygghetsvandringen för stadsbyggnadsnämnden.",
            ),
            _listener(
                s.contacts["Fatima Yusuf"],
                "Höll i dialogen och tog fram förslaget till upprustning.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Förslag till upprustning av Älvpromenaden",
                f"{SITE}/alvpromenaden/forslag",
                "Förslaget som stadsbyggnadsnämnden beslutade om.",
            ),
        ],
        decisions=[
            _decision(
                "Beslut att genomföra en dialog om Älvpromenaden",
                s.bodies["Stadsbyggnadsnämnden"],
                day.date(-230),
                "§ 14",
                "SBN",
                35,
                "stadsbyggnadsnamnden",
            ),
        ],
        body=[
            ("heading", "Tack för att du var med"),
            (
                "paragraph",
                "<p>Dialogen är avslutad. Läs återkopplingen för att se vad som "
                "kom in och vad stadsbyggnadsnämnden beslutade.</p>",
            ),
            *consultation_blocks(),
        ],
    )


def fritidsgarden(day, s, levels, guidelines):
    """Dialog, closed: the promised feedback date has passed (overdue)."""
    slug = OVERDUE_DIALOGUE_SLUG
    opens, closes = -100, -80
    return slug, _content(
        slug,
        fields={
            "title": "Öppettider på Norrstrands fritidsgård",
            "summary": (
                "Ska fritidsgården i Norrstrand vara öppen fler kvällar eller på "
                "helgerna? Dialogen med unga och föräldrar är avslutad."
            ),
            "purpose": (
                "Fritidsnämnden ska besluta om fritidsgårdens öppettider för nästa "
                "år. Vi ville höra från unga som går på fritidsgården, och från dem "
                "som inte gör det, när den borde vara öppen och varför."
            ),
            "question": "När vill du att fritidsgården ska vara öppen?",
            "influence_level": levels["Dialog"],
            "can_influence": (
                "<ul><li>Vilka kvällar och helger fritidsgården är öppen.</li>"
                "<li>Vad fritidsgården erbjuder under de nya tiderna.</li></ul>"
            ),
            "cannot_influence": (
                "<p>Hur många timmar i veckan fritidsgården kan vara öppen. "
                "Personalbudgeten är redan beslutad.</p>"
            ),
            "input_handling": (
                "<p>Fritidskonsulenten sammanställer vad som kom fram på "
                "dialogkvällen och i enkäten. Sammanställningen går till "
                "fritidsnämnden tillsammans med förslaget till nya öppettider.</p>"
            ),
            "decision_body": s.bodies["Fritidsnämnden"],
            "decision_timing": (
                "På fritidsnämndens sammanträde efter sammanställningen."
            ),
            "responsible_body": s.bodies["Fritidsnämnden"],
            "scope": Scope.COMMITTEE_AREA,
            "scope_decided_by": s.bodies["Fritidsnämnden"],
            "opens_at": day.at(opens),
            "closes_at": day.at(closes),
            "feedback_promised_on": day.date(-12),
            "adaptations": (
                "<p>Dialogkvällen hölls på fritidsgården efter skoltid, och "
                "enkäten fanns på lättläst svenska.</p>"
            ),
        },
        relations={
            "coordinating_bodies": [],
            "target_groups": [
                s.target_groups["Barn och unga"],
                s.target_groups["Föräldrar"],
            ],
            "areas": [s.areas["Norrstrand"]],
            "topics": [s.topics["Lek och fritid"]],
            "methods": [s.methods["Dialogmöte"], s.methods["Enkät"]],
            "strategic_goals": [s.goals["Mål 1"], s.goals["Mål 2"]],
        },
        phases=[
            _phase(Kind.PLANNING, "Planering", day.date(-140), day.date(opens - 1)),
            _phase(
                Kind.PARTICIPATION,
                "Dialogkväll och enkät",
                day.date(opens),
                day.date(closes - 1),
            ),
            _phase(Kind.ANALYSIS, "Sammanställning", day.date(closes), day.date(-31)),
            _phase(
                Kind.DECISION,
                "Beslut i fritidsnämnden",
                day.date(-30),
                day.date(20),
                "Beslutet har flyttats till fritidsnämndens nästa sammanträde.",
            ),
            _phase(Kind.FEEDBACK, "Återkoppling", day.date(21), None),
        ],
        activities=[
            _activity(
                "Dialogkväll på fritidsgården",
                s.methods["Dialogmöte"],
                day.at(-90, 18, 0),
                day.at(-90, 20, 0),
                place="Norrstrands fritidsgård",
                address="Strandvägen 12, Älvby",
                description="Vi bjuder på pizza och pratar om öppettiderna.",
                step_free_access=True,
                easy_read=True,
            ),
        ],
        contacts=[
            _listener(s.contacts["Omar Haddad"]),
            _listener(
                s.contacts["Jonas Ahmadi"],
                "Håller i dialogen och sammanställer svaren.",
            ),
        ],
        documents=[
            _wagtail_document(guidelines),
            _link(
                "Fritidsgårdarnas verksamhetsplan",
                f"{SITE}/fritidsgardar/verksamhetsplan",
            ),
        ],
        decisions=[
            _decision(
                "Beslut om dialog om fritidsgårdens öppettider",
                s.bodies["Fritidsnämnden"],
                day.date(-120),
                "§ 8",
                "FRN",
                19,
                "fritidsnamnden",
            ),
        ],
        body=[
            ("heading", "Tack för att du var med"),
            (
                "paragraph",
                "<p>Ett åttiotal unga och föräldrar kom till dialogkvällen eller "
                "svarade på enkäten. Vi sammanställer nu svaren till "
                "fritidsnämnden.</p>",
            ),
        ],
    )


DIALOGUES = [alvpromenaden, fritidsgarden]
