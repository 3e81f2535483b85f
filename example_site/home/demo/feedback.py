"""Demo step: the feedback loop (återkoppling, P6).

- "Upprustning av Älvpromenaden" closed months ago. Residents' contributions
  go in through the participation service, then its final feedback page is
  published with every section filled in, so the dialogue's status is
  ``feedback_published``. Publishing it for the first time emails the
  contributors who gave an email and consent (the example site prints email
  to the console); loading the demo again sends nothing twice.
- "Framtidens Älvby centrum" (from the dialogues step) gets an interim
  feedback page: what we have heard so far, while the report is written.
- "Öppettider på Norrstrands fritidsgård" closed and its promised feedback
  date has passed without final feedback: it shows as overdue.

Pages are synced by slug and contributions carry fixed submission keys, so a
rerun creates nothing twice.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from wagtail_delaktighet.models import (
    DialogueIndexPage,
    DialoguePage,
    FeedbackKind,
    FeedbackOutcome,
    FeedbackPage,
    InfluenceLevel,
    MilestoneStatus,
)

from . import feedback_dialogues
from .assessments import link_assessment
from .consultation import _submit as submit_demo_contribution
from .dialogue_snippets import SITE, build_snippets
from .dialogues import INDEX_SLUG, DemoDay, build_guidelines_document
from .publishing import PageContent, sync_child_page

FINAL_FEEDBACK_SLUG = "aterkoppling"
INTERIM_FEEDBACK_SLUG = "vad-vi-har-hort-hittills"
INTERIM_DIALOGUE_SLUG = "framtidens-alvby-centrum"


@transaction.atomic
def build_feedback(home):
    """Feedback: final and interim feedback pages, and an overdue dialogue."""
    index = DialogueIndexPage.objects.descendant_of(home).get(slug=INDEX_SLUG)
    snippets = build_snippets()
    guidelines = build_guidelines_document()
    levels = {level.name: level for level in InfluenceLevel.objects.all()}
    day = DemoDay(timezone.localdate())

    dialogues = {}
    for dialogue in feedback_dialogues.DIALOGUES:
        slug, content = dialogue(day, snippets, levels, guidelines)
        dialogues[slug] = sync_child_page(
            index, DialoguePage, slug, link_assessment(slug, content)
        )

    promenade = dialogues[feedback_dialogues.FEEDBACK_DIALOGUE_SLUG]
    send_contributions(promenade, day)
    # After the contributions: publishing the final feedback for the first
    # time tells the contributors who asked to hear back.
    sync_child_page(
        promenade,
        FeedbackPage,
        FINAL_FEEDBACK_SLUG,
        final_feedback(day, snippets),
    )
    centrum = DialoguePage.objects.child_of(index).get(slug=INTERIM_DIALOGUE_SLUG)
    sync_child_page(centrum, FeedbackPage, INTERIM_FEEDBACK_SLUG, interim_feedback(day))
    return promenade


def send_contributions(page, day):
    """Residents' contributions to the closed dialogue, as sent while it was
    open. The service takes web contributions only while a dialogue is open,
    so they go to a copy of the page whose closing time lies ahead: the
    dialogue as it stood then. The copy is never saved; each contribution's
    own date says when it came in."""
    while_open = DialoguePage.objects.get(pk=page.pk)
    while_open.closes_at = timezone.now() + timedelta(days=1)
    for demo in feedback_dialogues.CONTRIBUTIONS:
        contribution = submit_demo_contribution(while_open, demo, day.today)
        if demo.status is not None and contribution.status != demo.status:
            contribution.status = demo.status
            contribution.save(update_fields=["status"])


def final_feedback(day, s):
    return PageContent(
        fields={
            "title": "Återkoppling: så blir Älvpromenaden",
            "kind": FeedbackKind.FINAL,
            "summary": (
                "Tack för att du var med! Den nya belysningen är redan på plats, ett "
                "utegym byggs i år och stenläggningen vid Älvbron görs om. En "
                "hundrastgård vid promenaden blir det inte, men fritidsnämnden "
                "undersöker en annan plats."
            ),
            "we_heard": (
                "<p>De flesta synpunkterna handlade om tre saker: att promenaden är "
                "mörk på kvällen, att det saknas platser att vila på och att unga "
                "vill ha något att göra längs vägen. På trygghetsvandringen pekade "
                "deltagarna också ut ojämn stenläggning och en trappa utan "
                "ledstång.</p>"
            ),
            "show_results": True,
            "next_steps": (
                "<p>Promenaden rustas upp i etapper, så att den går att använda hela "
                "tiden. Vi uppdaterar tidplanen här om något ändras.</p>"
            ),
        },
        children={
            "you_said_we_did": [
                _item(
                    "Belysning",
                    "Promenaden är mörk och otrygg mellan Älvbron och gästhamnen. "
                    "Belysning fick också flest röster.",
                    "Vi har satt upp ny belysning längs hela sträckan.",
                    FeedbackOutcome.DONE,
                ),
                _item(
                    "Utegym",
                    "Unga önskade ett utegym vid bryggan, med åtta stationer.",
                    "Ett utegym med fyra stationer byggs vid bryggan i Norrstrand.",
                    FeedbackOutcome.PARTLY,
                    "Budgeten räcker till fyra stationer i år. Fritidsnämnden "
                    "prövar fler i nästa års budget.",
                ),
                _item(
                    "Hundrastgård",
                    "Flera önskade en inhägnad hundrastgård nära vattnet.",
                    "Vi bygger ingen hundrastgård längs promenaden.",
                    FeedbackOutcome.NOT_DONE,
                    "Marken närmast älven omfattas av strandskydd, och en inhägnad "
                    "skulle stänga ute andra från stranden. Fritidsnämnden "
                    "undersöker i stället en plats vid Norrstrands idrottsplats.",
                ),
                _item(
                    "Toalett",
                    "Äldre och barnfamiljer saknar en offentlig toalett längs "
                    "promenaden.",
                    "Vi utreder en toalett vid gästhamnen tillsammans med "
                    "hamnföreningen.",
                    FeedbackOutcome.INVESTIGATING,
                ),
            ],
            "decisions": [
                {
                    "title": "Upprustning av Älvpromenaden",
                    "body": s.bodies["Stadsbyggnadsnämnden"],
                    "decided_on": day.date(-45),
                    "paragraph": "§ 131",
                    "case_number": f"SBN {day.date(-45).year}/412",
                    "minutes_url": (
                        f"{SITE}/protokoll/stadsbyggnadsnamnden/"
                        f"{day.date(-45).isoformat()}"
                    ),
                },
            ],
            "milestones": [
                _milestone(
                    "Ny belysning mellan Älvbron och gästhamnen",
                    day.date(-10),
                    MilestoneStatus.DONE,
                    "Lamporna är uppsatta och tända.",
                ),
                _milestone(
                    "Utegymmet byggs vid bryggan",
                    day.date(45),
                    MilestoneStatus.IN_PROGRESS,
                    "Markarbetet har börjat.",
                ),
                _milestone(
                    "Ny stenläggning och ledstänger vid Älvbron",
                    day.date(120),
                    MilestoneStatus.PLANNED,
                ),
            ],
        },
    )


def interim_feedback(day):
    return PageContent(
        fields={
            "title": "Vad vi har hört hittills",
            "kind": FeedbackKind.INTERIM,
            "summary": (
                "Dialogen är avslutad och dialograpporten skrivs. Här är det "
                "viktigaste vi har hört hittills. Den slutliga återkopplingen kommer "
                "när rapporten är klar."
            ),
            "we_heard": (
                "<p>Nästan 600 personer svarade på enkäten och ett hundratal kom "
                "till dialogmötena. Tre önskemål kommer tillbaka: platser att träffas "
                "på utan att behöva handla, ett grönare Stora torget och tryggare "
                "gång- och cykelvägar in till centrum.</p>"
            ),
            # The survey was answered outside this site: the text says it all.
            "show_results": False,
            "next_steps": (
                "<p>Dialograpporten publiceras här. Sedan går planförslaget ut på "
                "samråd, och då kan du lämna synpunkter igen.</p>"
            ),
        },
        children={
            "you_said_we_did": [
                _item(
                    "Mötesplatser",
                    "Många vill kunna sitta och träffas i centrum utan att behöva "
                    "handla.",
                    "Planarkitekterna undersöker var sådana platser får plats, bland "
                    "annat vid Stora torget och biblioteket.",
                    FeedbackOutcome.INVESTIGATING,
                ),
                _item(
                    "Grönska",
                    "Stora torget känns hårt och varmt på sommaren.",
                    "Vi studerar hur fler träd och planteringar kan ingå i "
                    "planförslaget.",
                    FeedbackOutcome.INVESTIGATING,
                ),
            ],
            "decisions": [],
            "milestones": [
                _milestone(
                    "Dialograpporten publiceras",
                    day.date(30),
                    MilestoneStatus.IN_PROGRESS,
                ),
                _milestone(
                    "Planförslaget går ut på samråd",
                    day.date(60),
                    MilestoneStatus.PLANNED,
                ),
            ],
        },
    )


def _item(theme, you_said, our_response, outcome, reason=""):
    return {
        "theme": theme,
        "you_said": you_said,
        "our_response": our_response,
        "outcome": outcome,
        "reason": reason,
    }


def _milestone(title, due_on, status, description=""):
    return {
        "title": title,
        "due_on": due_on,
        "status": status,
        "description": description,
    }
