"""Seeded dialogues of 2025 with known participation, feedback and
evaluations, for the cross-dialogue reports.

- Parken (Konsultation, Stadsbyggnadsnämnden, first index): open 1–31 March,
  feedback promised by 15 May and published 10 May (on time, 40 days after
  closing). Online: two views from tok-a, one from tok-b, tok-a's
  evaluation (5, 5, 5); one view entered from a meeting. 2 people online,
  5 contributions (Website 4, Meeting 1). Staff rating 4, target groups
  reached, a lesson.
- Biblioteket (Dialog, Kulturnämnden, the second index): open September,
  promised by 15 November, published 1 December (late, 62 days). Online:
  tok-c's view and evaluation (4, 3, 5), tok-d's evaluation (2, 5, 3); two
  paper forms. 2 people online, 5 contributions (Website 3, Paper form 2).
  Staff rating 2, target groups partly reached, a lesson.
- Badet (Konsultation, Kulturnämnden, the second index): open June, promised
  by 15 August, no feedback (late), no contributions.
- Gamla torget: open in 2024 only, outside every 2025 period.
"""

from datetime import date, datetime, time
from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import evaluation, submit, views
from wagtail_delaktighet.models import DialogueEvaluation, DialoguePage, FeedbackPage


def at(day):
    return timezone.make_aware(datetime.combine(day, time(12)))


def rate(purpose, influence, expects):
    return {
        "purpose_clear": str(purpose),
        "influence_understood": str(influence),
        "expects_feedback": str(expects),
    }


VIEW = {"text": "Fler bänkar vid dammen."}


def move(dialogue, opens_on, closes_on, promised_on):
    """Give a dialogue its 2025 window once its online input is in (an open
    dialogue takes online input only while open)."""
    DialoguePage.objects.filter(pk=dialogue.page.pk).update(
        opens_at=at(opens_on),
        closes_at=at(closes_on),
        feedback_promised_on=promised_on,
    )
    return DialoguePage.objects.get(pk=dialogue.page.pk)


def publish_final_feedback(page, on):
    feedback = make_feedback(page)
    FeedbackPage.objects.filter(pk=feedback.pk).update(first_published_at=at(on))
    return feedback


@pytest.fixture
def seeded(consultation_dialogue, make_dialogue_index, body_factory, level, editor):
    city = body_factory("Stadsbyggnadsnämnden")
    culture = body_factory("Kulturnämnden")
    second_index = make_dialogue_index("kultur", "Kulturnämndens dialoger")

    parken = consultation_dialogue(
        body=[views(), evaluation()], title="Parken", responsible_body=city
    )
    submit(parken.block("views"), VIEW, participant="tok-a")
    submit(parken.block("views"), {"text": "Mer ljus."}, participant="tok-a")
    submit(parken.block("views"), {"text": "Fler träd."}, participant="tok-b")
    submit(parken.block("evaluation"), rate(5, 5, 5), participant="tok-a")
    submit(parken.block("views"), VIEW, channel="meeting", entered_by=editor)
    parken_page = move(parken, date(2025, 3, 1), date(2025, 3, 31), date(2025, 5, 15))
    publish_final_feedback(parken_page, date(2025, 5, 10))

    biblioteket = consultation_dialogue(
        body=[views(), evaluation()],
        title="Biblioteket",
        responsible_body=culture,
        influence_level=level("Dialog"),
        parent=second_index,
    )
    submit(biblioteket.block("views"), VIEW, participant="tok-c")
    submit(biblioteket.block("evaluation"), rate(4, 3, 5), participant="tok-c")
    submit(biblioteket.block("evaluation"), rate(2, 5, 3), participant="tok-d")
    for text in ("Längre öppettider.", "Fler platser att sitta."):
        submit(
            biblioteket.block("views"),
            {"text": text},
            channel="paper",
            entered_by=editor,
        )
    biblioteket_page = move(
        biblioteket, date(2025, 9, 1), date(2025, 9, 30), date(2025, 11, 15)
    )
    publish_final_feedback(biblioteket_page, date(2025, 12, 1))

    badet = consultation_dialogue(
        body=[views()], title="Badet", responsible_body=culture, parent=second_index
    )
    badet_page = move(badet, date(2025, 6, 1), date(2025, 6, 30), date(2025, 8, 15))

    torget = consultation_dialogue(body=[views()], title="Gamla torget")
    move(torget, date(2024, 5, 1), date(2024, 5, 31), date(2024, 7, 1))

    DialogueEvaluation.objects.create(
        dialogue=parken_page,
        target_groups_reached="yes",
        method_suitable="yes",
        lessons="Gå ut till parken, där folk är.",
        overall_rating=4,
    )
    DialogueEvaluation.objects.create(
        dialogue=biblioteket_page,
        target_groups_reached="partly",
        method_suitable="partly",
        lessons="Fler kanaler behövs för äldre.",
        overall_rating=2,
    )
    return SimpleNamespace(
        parken=parken_page,
        biblioteket=biblioteket_page,
        badet=badet_page,
        city=city,
        culture=culture,
        first_index=parken_page.get_parent(),
        second_index=second_index,
    )
