"""Seeded background answers for the representativeness report: the site's
questions with the population's shares, and answers given online, on paper
and already folded into counts."""

from decimal import Decimal

from wagtail.models import Site

from wagtail_delaktighet.models import (
    BackgroundAnswer,
    BackgroundCount,
    Channel,
    Contribution,
    DelaktighetSettings,
)
from wagtail_delaktighet.participation.background import (
    PREFER_NOT_TO_SAY,
    site_questions,
)

AGE = "Hur gammal är du?"
DISTRICT = "Var bor du?"
SOURCE = "SCB, 31 dec 2025"
#: (option, share of the population in percent)
AGE_OPTIONS = [("Under 35", "40"), ("35–64", "45"), ("65 eller äldre", "15")]


def define_questions():
    """The age question with shares and a source, and a district question
    without; returns {question text: {option text: option key}} and the
    age question's key."""
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.background_questions = [
        (
            "question",
            {
                "question": AGE,
                "options": [
                    {"label": label, "population_share": Decimal(share)}
                    for label, share in AGE_OPTIONS
                ],
                "population_source": SOURCE,
            },
        ),
        ("question", {"question": DISTRICT, "options": ["Centrum", "Norrby"]}),
    ]
    site_settings.save()
    questions = site_questions(DelaktighetSettings.objects.get(pk=site_settings.pk))
    return {
        question.text: {
            "key": question.key,
            **{text: key for key, text in question.options},
        }
        for question in questions
    }


def give(page, questions, answer, number, *, channel=Channel.WEB, question=AGE):
    """``number`` contributions to ``page`` by ``channel``, each answering
    ``question`` with the option ``answer`` (or None: prefer not to say)."""
    keys = questions[question]
    for _n in range(number):
        contribution = Contribution.objects.create(
            page=page, block_id="views", block_type="views", channel=channel
        )
        BackgroundAnswer.objects.create(
            contribution=contribution,
            page_id=page.pk,
            question_key=keys["key"],
            question=question,
            answer_key=PREFER_NOT_TO_SAY if answer is None else keys[answer],
            answer=answer or "Prefer not to say",
        )


def folded(page, questions, answer, number, *, channel=Channel.WEB, question=AGE):
    """Answers already folded into counts when personal data was removed."""
    keys = questions[question]
    BackgroundCount.objects.create(
        page=page,
        question_key=keys["key"],
        answer_key=keys[answer],
        channel=channel,
        count=number,
    )


def seed_committee_a(page, questions):
    """Hand-computed in test_representativeness.py:

    ================  =====  ======  =======
    age               all    online  offline
    ================  =====  ======  =======
    Under 35          15     10      5
    35–64             14     8       6
    65 eller äldre    2      2       0
    chose an option   31     20      11
    prefer not to say 5      5       0
    ================  =====  ======  =======
    """
    give(page, questions, "Under 35", 6)
    folded(page, questions, "Under 35", 4)
    give(page, questions, "35–64", 8, channel=Channel.API)
    give(page, questions, "65 eller äldre", 2)
    give(page, questions, None, 5)
    give(page, questions, "Under 35", 5, channel=Channel.PAPER)
    give(page, questions, "35–64", 6, channel=Channel.MEETING)
