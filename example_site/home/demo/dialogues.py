"""Demo step: Älvby's citizen dialogues (medborgardialoger).

Dates are computed from today's date at local midnight, so a rerun on the same
day produces identical values and every dialogue has the status it was
written for (upcoming, open or closed) whenever the demo is loaded.
"""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model

from wagtail_delaktighet.models import DialogueIndexPage, DialoguePage, InfluenceLevel

from .assessments import build_assessment_not_to_involve, link_assessment
from .dialogue_pages import DIALOGUES
from .dialogue_snippets import build_snippets
from .publishing import PageContent, sync_child_page

INDEX_SLUG = "dialoger"
INDEX_INTRO = (
    "<p>Här hittar du Älvby kommuns medborgardialoger. Varje dialog berättar "
    "varför vi frågar, hur mycket du kan påverka, vem som lyssnar och när "
    "beslutet fattas. När en dialog är avslutad berättar vi vad som kom in och "
    "vad det ledde till.</p>"
)

GUIDELINES_TITLE = "Älvbys riktlinjer för medborgardialog"
GUIDELINES_FILENAME = "riktlinjer-medborgardialog.txt"
GUIDELINES_TEXT = """\
# Älvbys riktlinjer för medborgardialog

Antagna av kommunfullmäktige. Fiktivt exempel för demonstration.

## Så arbetar vi

1. Det ska vara lätt att hitta information, ställa frågor och lämna synpunkter
   till både förtroendevalda och tjänstepersoner.
2. Vi involverar invånarna tidigt, innan förslagen är färdiga.
3. Vi tar alltid ställning till om invånarna ska involveras.
4. Vi väljer arbetsformer efter syftet och målgruppernas förutsättningar.
5. Varje dialog har ett tydligt syfte, en tydlig grad av inflytande och
   beskriver hur synpunkterna tas om hand.
6. Vi återkopplar alltid resultatet till dem som deltagit.
7. Vi utvärderar metoder och resultat.
8. Förtroendevalda deltar för sin nämnds räkning, för att lyssna.
   Tjänstepersoner håller i arbetet.
"""


@transaction.atomic
def build_dialogues(home):
    """Dialogues: bodies, contacts, tags and five dialogues under /dialoger/."""
    snippets = build_snippets()
    guidelines = build_guidelines_document()
    index = sync_child_page(
        home,
        DialogueIndexPage,
        INDEX_SLUG,
        PageContent(
            fields={
                "title": "Medborgardialoger",
                "intro": INDEX_INTRO,
                "show_in_menus": True,
            }
        ),
    )
    levels = {level.name: level for level in InfluenceLevel.objects.all()}
    demo_day = DemoDay(timezone.localdate())
    for dialogue in DIALOGUES:
        slug, content = dialogue(demo_day, snippets, levels, guidelines)
        sync_child_page(index, DialoguePage, slug, link_assessment(slug, content))
    build_assessment_not_to_involve(snippets, demo_day.today)
    return index


def build_guidelines_document():
    """One Wagtail document, shared by the dialogues; reused by its title."""
    document_model = get_document_model()
    document = document_model.objects.filter(title=GUIDELINES_TITLE).first()
    if document is None:
        document = document_model(title=GUIDELINES_TITLE)
        document.file.save(
            GUIDELINES_FILENAME,
            ContentFile(GUIDELINES_TEXT.encode()),
            save=False,
        )
        document.save()
        # Wagtail's upload form fills these in; do the same.
        document.get_file_size()
        document.get_file_hash()
    return document


class DemoDay:
    """Dates and times counted in days from the day the demo is loaded."""

    def __init__(self, today):
        self.today = today

    def date(self, days):
        return self.today + timedelta(days=days)

    def at(self, days, hour=0, minute=0):
        """An aware datetime, ``days`` from today at ``hour:minute`` local time."""
        moment = datetime.combine(self.date(days), time(hour, minute))
        return timezone.make_aware(moment)
