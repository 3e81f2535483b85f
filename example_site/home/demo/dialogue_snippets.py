"""The snippets Älvby's demo dialogues are tagged with: bodies, contacts,
target groups, areas, topics, methods and strategic goals.

All people are fictional; e-mail addresses use the reserved ``.example``
domain and phone numbers the 555 series.
"""

from dataclasses import dataclass

from wagtail_delaktighet.models import (
    Area,
    Body,
    Contact,
    Method,
    StrategicGoal,
    TargetGroup,
    Topic,
)

SITE = "https://www.alvby.example"

BODIES = [
    (
        "Kommunfullmäktige",
        Body.Kind.COUNCIL,
        "Kommunens högsta beslutande organ. Beslutar om större "
        "kommunövergripande medborgardialoger.",
        "kommunfullmaktige",
    ),
    (
        "Kommunstyrelsen",
        Body.Kind.EXECUTIVE_BOARD,
        "Leder och samordnar kommunens arbete, också de kommunövergripande "
        "medborgardialogerna.",
        "kommunstyrelsen",
    ),
    (
        "Stadsbyggnadsnämnden",
        Body.Kind.COMMITTEE,
        "Ansvarar för detaljplaner, bygglov, gator, torg och parker.",
        "stadsbyggnadsnamnden",
    ),
    (
        "Fritidsnämnden",
        Body.Kind.COMMITTEE,
        "Ansvarar för fritidsgårdar, idrottsanläggningar, lekplatser och "
        "föreningsstöd.",
        "fritidsnamnden",
    ),
    (
        "Barn- och utbildningsnämnden",
        Body.Kind.COMMITTEE,
        "Ansvarar för förskola, grundskola och fritidshem.",
        "barn-och-utbildningsnamnden",
    ),
    (
        "Stadsbyggnadsförvaltningen",
        Body.Kind.ADMINISTRATION,
        "Tjänstepersonerna som arbetar för stadsbyggnadsnämnden.",
        "stadsbyggnadsforvaltningen",
    ),
    (
        "Kultur- och fritidsförvaltningen",
        Body.Kind.ADMINISTRATION,
        "Tjänstepersonerna som arbetar för fritidsnämnden.",
        "kultur-och-fritidsforvaltningen",
    ),
    (
        "Kommunledningskontoret",
        Body.Kind.ADMINISTRATION,
        "Tjänstepersonerna som arbetar för kommunstyrelsen, bland dem "
        "kommunens dialogsamordnare.",
        "kommunledningskontoret",
    ),
]

ELECTED = [
    # name, title, the body they represent
    ("Lars Nyström", "Kommunstyrelsens ordförande", "Kommunstyrelsen"),
    ("Anna Lindqvist", "Ordförande", "Stadsbyggnadsnämnden"),
    ("Gunilla Berg", "Vice ordförande", "Stadsbyggnadsnämnden"),
    ("Omar Haddad", "Ordförande", "Fritidsnämnden"),
    ("Karin Sjöberg", "Ledamot", "Barn- och utbildningsnämnden"),
]

OFFICIALS = [
    # name, title, administration, e-mail user, phone
    ("Erik Holm", "Trafikplanerare", "Stadsbyggnadsförvaltningen", "erik.holm"),
    ("Sara Nilsson", "Planarkitekt", "Stadsbyggnadsförvaltningen", "sara.nilsson"),
    (
        "Fatima Yusuf",
        "Landskapsarkitekt",
        "Stadsbyggnadsförvaltningen",
        "fatima.yusuf",
    ),
    ("Mikael Strand", "Projektledare", "Stadsbyggnadsförvaltningen", "mikael.strand"),
    (
        "Jonas Ahmadi",
        "Fritidskonsulent",
        "Kultur- och fritidsförvaltningen",
        "jonas.ahmadi",
    ),
    ("Lina Karlsson", "Dialogsamordnare", "Kommunledningskontoret", "lina.karlsson"),
]

TARGET_GROUPS = [
    ("Barn och unga", "Barn och ungdomar upp till 20 år."),
    ("Föräldrar", "Vårdnadshavare till barn i förskola och skola."),
    ("Äldre", "Invånare över 65 år."),
    ("Näringsidkare", "Företagare och handlare."),
    ("Personer med funktionsnedsättning", ""),
]

AREAS = [
    ("Centrum", "Stadskärnan kring Storgatan och Stora torget."),
    ("Norrstrand", "Bostadsområdet norr om älven."),
    ("Bergby", "Villaområdet och skolområdet i östra Älvby."),
    ("Hela kommunen", ""),
]

TOPICS = [
    ("Trafik", "Gator, cykelvägar, kollektivtrafik och trafiksäkerhet."),
    ("Lek och fritid", "Lekplatser, fritidsgårdar och idrott."),
    ("Stadsutveckling", "Hur Älvby växer och förändras."),
    ("Skola", "Förskola, skola och skolgårdar."),
]

METHODS = [
    ("Enkät", "Frågor som besvaras på webben eller på papper."),
    ("Dialogmöte", "Ett möte där invånare, politiker och tjänstepersoner samtalar."),
    (
        "Trygghetsvandring",
        "En promenad där deltagarna pekar ut platser som känns otrygga.",
    ),
    ("Workshop", "Deltagarna arbetar tillsammans fram idéer och förslag."),
    ("Öppet hus", "Kom när det passar dig, titta på förslagen och prata med oss."),
]

STRATEGIC_GOALS = [
    (
        "Mål 1: Älvby är en trygg kommun att växa upp och åldras i",
        "mal-1",
    ),
    (
        "Mål 2: Älvbys invånare är delaktiga i samhällets utveckling",
        "mal-2",
    ),
    (
        "Mål 3: Älvby har ett levande centrum och ett starkt näringsliv",
        "mal-3",
    ),
]


@dataclass
class Snippets:
    """The demo's snippets by name, for the dialogues to refer to."""

    bodies: dict
    contacts: dict
    target_groups: dict
    areas: dict
    topics: dict
    methods: dict
    goals: dict


def build_snippets():
    bodies = {
        name: Body.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "description": description,
                "url": f"{SITE}/organisation/{slug}",
            },
        )[0]
        for name, kind, description, slug in BODIES
    }
    contacts = {}
    for name, title, body in ELECTED:
        contacts[name] = _contact(
            name, Contact.Kind.ELECTED, title, bodies[body], email="", phone=""
        )
    for number, (name, title, body, email_user) in enumerate(OFFICIALS, start=1):
        contacts[name] = _contact(
            name,
            Contact.Kind.OFFICIAL,
            title,
            bodies[body],
            email=f"{email_user}@alvby.example",
            phone=f"0555-55 {number:02d} 00",
        )
    return Snippets(
        bodies=bodies,
        contacts=contacts,
        target_groups=_named(TargetGroup, TARGET_GROUPS),
        areas=_named(Area, AREAS),
        topics=_named(Topic, TOPICS),
        methods=_named(Method, METHODS),
        # Goals by their number ("Mål 2"), for short references.
        goals={
            name.split(":")[0]: StrategicGoal.objects.update_or_create(
                name=name, defaults={"url": f"{SITE}/mal/{slug}"}
            )[0]
            for name, slug in STRATEGIC_GOALS
        },
    )


def _contact(name, kind, title, body, *, email, phone):
    # Names are the natural key of the demo's (fictional) people.
    return Contact.objects.update_or_create(
        name=name,
        defaults={
            "kind": kind,
            "title": title,
            "body": body,
            "email": email,
            "phone": phone,
        },
    )[0]


def _named(model, rows):
    return {
        name: model.objects.update_or_create(
            name=name, defaults={"description": description}
        )[0]
        for name, description in rows
    }
