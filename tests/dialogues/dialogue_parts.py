"""Fill a published dialogue with every part the public page shows, for the
dialogue page, calendar and accessibility tests."""

import json
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from wagtail_delaktighet.models import (
    Area,
    Body,
    Contact,
    DialogueActivity,
    DialogueContact,
    DialogueDecision,
    DialogueDocument,
    DialoguePhase,
    Method,
    StrategicGoal,
    TargetGroup,
    Topic,
)

PHASE_KINDS = [
    DialoguePhase.Kind.PLANNING,
    DialoguePhase.Kind.PARTICIPATION,
    DialoguePhase.Kind.ANALYSIS,
    DialoguePhase.Kind.DECISION,
    DialoguePhase.Kind.FEEDBACK,
]

BODY_JSON = json.dumps(
    [
        {"type": "heading", "value": "Bakgrund"},
        {"type": "paragraph", "value": "<p>Parken behöver rustas upp.</p>"},
        {
            "type": "quote",
            "value": {"quote": "Fler bänkar, tack!", "attribution": "En boende"},
        },
    ]
)


def named(model, name, **extra):
    return model.objects.get_or_create(name=name, defaults=extra)[0]


def taxonomy():
    """One of each classification, shared by every dialogue that uses it."""
    return {
        "coordinating_bodies": [
            named(Body, "Kultur- och fritidsnämnden", kind=Body.Kind.COMMITTEE)
        ],
        "target_groups": [named(TargetGroup, "Unga 13–19 år")],
        "areas": [named(Area, "Centrum")],
        "topics": [named(Topic, "Parker och grönområden")],
        "methods": [named(Method, "Medborgarpanel")],
        "strategic_goals": [
            named(StrategicGoal, "En grön kommun", url="https://example.org/mal")
        ],
    }


def full_fields(responsible_body, decision_body):
    """Page fields beyond what ``make_dialogue`` sets, every one filled in."""
    return {
        "question": "Hur vill du att Stadsparken ska se ut?",
        "cannot_influence": "<p>Parkens storlek.</p>",
        "decision_body": decision_body,
        "decision_timing": "På fullmäktiges möte i juni.",
        "responsible_body": responsible_body,
        "scope": "community_development",
        "scope_decided_by": decision_body,
        "adaptations": "<p>Material på lätt svenska.</p>",
        "body": BODY_JSON,
        **taxonomy(),
    }


def add_parts(page, count, first_day=None):
    """Give ``page`` ``count`` phases, activities and decisions, and ``count``
    contacts and documents of each kind, then publish it."""
    first_day = first_day or timezone.localdate() - timedelta(days=30)
    committee = named(Body, "Stadsbyggnadsnämnden", kind=Body.Kind.COMMITTEE)
    administration = named(
        Body, "Stadsbyggnadsförvaltningen", kind=Body.Kind.ADMINISTRATION
    )
    method = named(Method, "Dialogpromenad")
    document_model = get_document_model()
    page.phases = [
        DialoguePhase(
            kind=PHASE_KINDS[n % len(PHASE_KINDS)],
            title=f"Fas {n + 1}",
            starts_on=first_day + timedelta(days=20 * n),
            ends_on=first_day + timedelta(days=20 * n + 19),
            description=f"Vad som händer i fas {n + 1}.",
        )
        for n in range(count)
    ]
    soon = timezone.now() + timedelta(days=3)
    page.activities = [
        DialogueActivity(
            title=f"Träff {n + 1} om {page.title}",
            method=method,
            starts_at=soon + timedelta(days=n),
            ends_at=soon + timedelta(days=n, hours=2),
            place="Stadsbiblioteket",
            address="Storgatan 1, Älvby",
            description="Vi går runt i parken och pratar.",
            hearing_loop=True,
            interpreter="Svenskt teckenspråk",
            step_free_access=True,
            easy_read=True,
            accessibility_notes="Ledsagare finns på plats.",
            registration_url="https://example.org/anmalan",
        )
        for n in range(count)
    ]
    contacts = []
    for n in range(count):
        elected = Contact.objects.create(
            name=f"Politiker {page.pk}-{n}",
            kind=Contact.Kind.ELECTED,
            title="Ordförande",
            body=committee,
        )
        official = Contact.objects.create(
            name=f"Tjänsteperson {page.pk}-{n}",
            kind=Contact.Kind.OFFICIAL,
            title="Planarkitekt",
            body=administration,
            email=f"planarkitekt{n}@example.org",
            phone="0123-45 67 89",
        )
        contacts += [
            DialogueContact(contact=elected),
            DialogueContact(contact=official, role="Sammanställer synpunkterna."),
        ]
    page.dialogue_contacts = contacts
    documents = []
    for n in range(count):
        document = document_model.objects.create(
            title=f"Planförslag {n}",
            file=ContentFile(b"%PDF-1.4 test", name=f"planforslag-{n}.pdf"),
            file_size=2048,
        )
        documents += [
            DialogueDocument(title=f"Planförslag {n}", document=document),
            DialogueDocument(
                title=f"Utredning {n}",
                url="https://example.org/utredning",
                description="Utredningen som ligger till grund.",
            ),
        ]
    page.documents = documents
    page.decisions = [
        DialogueDecision(
            title=f"Beslut om medborgardialog {n}",
            body=committee,
            decided_on=date(2026, 1, 15) + timedelta(days=n),
            paragraph=f"§ {40 + n}",
            case_number=f"SBN 2026/{100 + n}",
            minutes_url="https://example.org/protokoll",
        )
        for n in range(count)
    ]
    page.save_revision().publish()
    # A fresh instance: the one above still holds its parts in memory.
    return type(page).objects.get(pk=page.pk)


def make_full_dialogue(make_dialogue, body_factory, count=3, **fields):
    """A published dialogue with every section of the page filled in."""
    committee = body_factory()
    council = body_factory(name="Kommunfullmäktige", kind=Body.Kind.COUNCIL)
    page = make_dialogue(**{**full_fields(committee, council), **fields})
    return add_parts(page, count)
