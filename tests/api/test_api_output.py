"""The API's output for a dialogue with every field filled, and for one with
only what publishing needs, stays exactly what it was: the responses are
compared with recorded ones (tests/api/recorded/), made before the
serializers were rewritten for speed.

Every row is created with a fixed primary key and the publication dates are
fixed, so the output does not depend on the database or the clock; only the
StreamField block ids (UUIDs made on save) are numbered in order of
appearance, and the seeded influence level's id is named. Run with
``RECORD_API_OUTPUT=1`` to record the files again after a deliberate change
of the output.
"""

import json
import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import wagtail
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page

from tests.feedback.support import (
    feedback_decision,
    feedback_item,
    feedback_milestone,
    make_feedback,
)
from tests.participation.support import every_block, wish_list
from wagtail_delaktighet.models import (
    Area,
    Body,
    Contact,
    DialogueActivity,
    DialogueContact,
    DialogueDecision,
    DialogueDocument,
    DialogueIndexPage,
    DialoguePage,
    DialoguePhase,
    FeedbackOutcome,
    FeedbackPage,
    Method,
    StrategicGoal,
    TargetGroup,
    Topic,
)

pytestmark = pytest.mark.django_db

RECORDED = Path(__file__).parent / "recorded"
#: The full responses were recorded with this Wagtail; its own parts (meta)
#: may differ in another major version, the dialogue's fields may not.
RECORDED_WAGTAIL = (8,)
PUBLISHED = timezone.make_aware(datetime(2020, 1, 15, 10, 30))
OPENS = timezone.make_aware(datetime(2020, 2, 1, 9, 0))
CLOSES = timezone.make_aware(datetime(2020, 3, 1, 17, 0))
LISTING = {"type": "wagtail_delaktighet.DialoguePage", "fields": "*"}
UUID = re.compile(rb"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def with_numbered_uuids(content):
    numbers = {}

    def number(match):
        return b"uuid-%d" % numbers.setdefault(match.group(0), len(numbers) + 1)

    return UUID.sub(number, content)


def body(pk, name, kind=Body.Kind.COMMITTEE):
    return Body.objects.create(
        pk=pk,
        name=name,
        kind=kind,
        description=f"Om {name}.",
        url=f"https://alvby.example/{pk}",
    )


def named(model, pk, name, **fields):
    return model.objects.create(
        pk=pk, name=name, description=f"Om {name.lower()}.", **fields
    )


@pytest.fixture
def dialogues(home_page, make_dialogue, level):
    """Under an index of their own: one dialogue with every field and list
    filled (two of each row, so lists keep their order) and its final
    feedback, one with only what publishing needs."""
    index = DialogueIndexPage(pk=9100, title="Inspelade dialoger", slug="inspelade")
    home_page.add_child(instance=index)
    committee = body(9201, "Parknämnden")
    board = body(9202, "Styrelsen", Body.Kind.EXECUTIVE_BOARD)
    council = body(9203, "Fullmäktige", Body.Kind.COUNCIL)
    culture = body(9204, "Kulturnämnden")
    walk = named(Method, 9301, "Parkvandring")
    workshop = named(Method, 9302, "Verkstad")
    elected = Contact.objects.create(
        pk=9401,
        name="Anna Andersson",
        kind=Contact.Kind.ELECTED,
        title="Ordförande",
        body=committee,
        email="anna.privat@alvby.example",
        phone="070-000 00 00",
    )
    official = Contact.objects.create(
        pk=9402,
        name="Bo Berg",
        kind=Contact.Kind.OFFICIAL,
        title="Planarkitekt",
        body=board,
        email="bo.berg@alvby.example",
        phone="0123-45 67 89",
    )
    document = get_document_model().objects.create(
        pk=9501, title="Planprogram", file="documents/inspelad-planprogram.pdf"
    )
    full = make_dialogue(
        parent=index,
        pk=9110,
        title="Parken",
        slug="parken",
        summary="Hur ska parken bli?",
        purpose="Att ta reda på vad invånarna behöver.",
        question="Vad saknar du i parken?",
        influence_level=level("Konsultation"),
        can_influence='<p>Utformningen, <a href="https://alvby.example">läs</a>.</p>',
        cannot_influence="<p>Budgeten.</p>",
        input_handling="<p>Tjänstepersoner <b>sammanställer</b>.</p>",
        decision_body=board,
        decision_timing="Hösten 2020",
        responsible_body=committee,
        coordinating_bodies=[culture, council],
        scope=DialoguePage.Scope.COMMITTEE_AREA,
        scope_decided_by=council,
        opens_at=OPENS,
        closes_at=CLOSES,
        feedback_promised_on=date(2020, 4, 15),
        target_groups=[
            named(TargetGroup, 9601, "Unga"),
            named(TargetGroup, 9602, "Vuxna"),
        ],
        areas=[named(Area, 9611, "Centrum"), named(Area, 9612, "Norr")],
        topics=[named(Topic, 9621, "Parker"), named(Topic, 9622, "Lek")],
        strategic_goals=[
            named(StrategicGoal, 9631, "Grön stad", url="https://alvby.example/mal"),
            named(StrategicGoal, 9632, "Trygg stad", url=""),
        ],
        methods=[walk, workshop],
        adaptations="<p>Lättläst material.</p>",
        easy_read_summary=(
            "<p>Vi vill veta vad du tycker om <b>parken</b>.</p>"
            "<ul><li>Svara före mars.</li></ul>"
        ),
        body=[
            ("heading", "Bakgrund"),
            ("quote", {"quote": "En park för alla.", "attribution": "En invånare"}),
            *every_block(),
            wish_list(),
        ],
        phases=[
            DialoguePhase(
                pk=9700 + n,
                sort_order=n,
                kind=DialoguePhase.Kind.PARTICIPATION,
                title=f"Fas {n}",
                starts_on=date(2020, 2, 1) + timedelta(days=n),
                ends_on=date(2020, 2, 20) + timedelta(days=n),
                description=f"Fasen {n}.",
            )
            for n in range(2)
        ],
        activities=[
            DialogueActivity(
                pk=9710 + n,
                sort_order=n,
                title=f"Promenad {n}",
                method=walk if n == 0 else None,
                starts_at=OPENS + timedelta(days=n + 1),
                ends_at=OPENS + timedelta(days=n + 1, hours=2),
                place="Parken",
                address="Parkgatan 1",
                description="Vi går runt.",
                hearing_loop=n == 0,
                interpreter="Teckenspråk",
                step_free_access=True,
                easy_read=n == 1,
                accessibility_notes="Grusväg.",
                registration_url="https://alvby.example/anmal",
            )
            for n in range(2)
        ],
        dialogue_contacts=[
            DialogueContact(pk=9720, sort_order=0, contact=elected),
            DialogueContact(pk=9721, sort_order=1, contact=official, role="Svarar"),
        ],
        documents=[
            DialogueDocument(
                pk=9730,
                sort_order=0,
                title="Underlag",
                document=document,
                description="Kartan.",
            ),
            DialogueDocument(
                pk=9731, sort_order=1, title="Länk", url="https://alvby.example/1"
            ),
        ],
        decisions=[
            DialogueDecision(
                pk=9740 + n,
                sort_order=n,
                title=f"Beslut {n}",
                body=committee if n == 0 else None,
                decided_on=date(2020, 1, 1) + timedelta(days=n),
                paragraph=f"§ {n + 1}",
                case_number=f"KS 2020/{n}",
                minutes_url="https://alvby.example/protokoll",
            )
            for n in range(2)
        ],
    )
    bare = make_dialogue(
        parent=index,
        pk=9111,
        title="Badet",
        slug="badet",
        responsible_body=committee,
        opens_at=OPENS,
        closes_at=CLOSES,
        feedback_promised_on=date(2020, 4, 15),
    )
    feedback = make_feedback(
        full,
        pk=9120,
        # Fixed, not the helper's running number: the output is recorded.
        title="Återkoppling 1",
        slug="aterkoppling-1",
        items=[
            feedback_item(),
            feedback_item(outcome=FeedbackOutcome.NOT_DONE, reason="Strandskydd."),
        ],
        decisions=[feedback_decision(body=committee), feedback_decision()],
        milestones=[
            feedback_milestone(),
            feedback_milestone(title="Invigning", description="I parken."),
        ],
    )
    Page.objects.filter(pk__in=[index.pk, full.pk, bare.pk, feedback.pk]).update(
        first_published_at=PUBLISHED, last_published_at=PUBLISHED
    )
    return index, full, bare, feedback


def with_level_named(content, level):
    """The seeded ladder's ids depend on the database's history."""
    return re.sub(
        rb'("influence_level":\s*\{\s*"id":\s*)%d\b' % level.pk, rb'\1"level"', content
    )


def responses(client, index, full, feedback):
    """The listing, the details of the full dialogue and of its feedback, the
    listing with display HTML and the v3 detail, as bytes."""
    listing = {**LISTING, "child_of": index.pk}
    found = {
        "listing": client.get("/api/v2/pages/", listing),
        "detail": client.get(f"/api/v2/pages/{full.pk}/"),
        "feedback_detail": client.get(f"/api/v2/pages/{feedback.pk}/"),
    }
    if wagtail.VERSION >= (8,):
        found["listing_html"] = client.get(
            "/api/v2/pages/", {**listing, "rich_text_format": "html"}
        )
        # The v3 API reads the same field declarations.
        with override_settings(ROOT_URLCONF="tests.api.v3_urls"):
            found["v3_detail"] = client.get(f"/api/v3/pages/{full.pk}/")
    for response in found.values():
        assert response.status_code == 200
    return {
        name: with_level_named(with_numbered_uuids(r.content), full.influence_level)
        for name, r in found.items()
    }


def dialogue_fields(content):
    """The fields the package's pages declare, of every item (or of a
    detail)."""
    data = json.loads(content)
    own = {field.name for field in DialoguePage.api_fields + FeedbackPage.api_fields}
    items = data.get("items", [data])
    return [{k: v for k, v in item.items() if k in own} for item in items]


def test_output_is_exactly_the_recorded_one(client, dialogues):
    index, full, _bare, feedback = dialogues
    found = responses(client, index, full, feedback)

    if os.environ.get("RECORD_API_OUTPUT"):
        RECORDED.mkdir(exist_ok=True)
        for name, content in found.items():
            (RECORDED / f"{name}.json").write_bytes(content)

    for name, content in found.items():
        recorded = (RECORDED / f"{name}.json").read_bytes()
        # Key order and every value, whatever Wagtail's own parts look like.
        assert dialogue_fields(content) == dialogue_fields(recorded), name
        assert json.dumps(dialogue_fields(content)) == json.dumps(
            dialogue_fields(recorded)
        ), name
        if wagtail.VERSION[: len(RECORDED_WAGTAIL)] == RECORDED_WAGTAIL:
            assert content == recorded, name


def test_recorded_output_has_every_field_filled(dialogues):
    """The recording covers every field: no value of the full dialogue is
    empty, and each list has more than one row."""
    [full, bare] = dialogue_fields((RECORDED / "listing.json").read_bytes())
    assert all(value not in (None, "", []) for value in full.values()), full
    for name in ("phases", "activities", "dialogue_contacts", "documents"):
        assert len(full[name]) == 2
    assert bare["decision_body"] is None and bare["phases"] == []
