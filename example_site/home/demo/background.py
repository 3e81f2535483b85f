"""Demo step: the site's voluntary background questions, and the
participant evaluation block of "Trygga skolvägar i Bergby" with answers.

The questions are defined in the participation settings with fixed ids (the
dialogue asks them: ``ask_background_questions`` in ``dialogue_pages``), and
the evaluations, some with background answers, go in through the
participation service with fixed submission keys, so a rerun stores nothing
twice.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from wagtail_delaktighet.blocks.evaluation import QUESTION_KEYS
from wagtail_delaktighet.models import Channel, DelaktighetSettings, DialoguePage
from wagtail_delaktighet.participation.background import PREFER_NOT_TO_SAY

from .consultation import DIALOGUE_SLUG, DemoContribution, _submit, fixed_id

EVALUATION_ID = fixed_id(DIALOGUE_SLUG, "evaluation")

#: (key, question, options): the same questions for every dialogue.
QUESTIONS = [
    (
        "age",
        "Hur gammal är du?",
        ["Under 18 år", "18–34 år", "35–64 år", "65 år eller äldre"],
    ),
    ("gender", "Vilket kön har du?", ["Kvinna", "Man", "Annat"]),
    (
        "district",
        "Var bor du?",
        [
            "Bergby",
            "Älvby centrum",
            "Norra landsbygden",
            "Södra landsbygden",
            "Utanför kommunen",
        ],
    ),
]


def _id(name):
    return fixed_id("background-questions", name)


def background_questions():
    """The settings' StreamField, raw, with fixed question and option ids."""
    return [
        {
            "type": "question",
            "id": _id(key),
            "value": {
                "question": question,
                "options": [
                    {"type": "item", "value": option, "id": _id(f"{key}-{n}")}
                    for n, option in enumerate(options, start=1)
                ],
            },
        }
        for key, question, options in QUESTIONS
    ]


def evaluation_block():
    """The evaluation block at the end of the dialogue's body, raw."""
    return {
        "type": "evaluation",
        "id": EVALUATION_ID,
        "value": {
            "heading": "Vad tyckte du om dialogen?",
            "introduction": (
                "Hjälp oss att bli bättre på att fråga invånarna. Det tar en minut."
            ),
            "require_login": False,
        },
    }


def _answer(key, option):
    """The posted background field of question ``key``, answered ``option``
    (its text, or None for "prefer not to say")."""
    options = {k: o for k, _q, o in QUESTIONS}[key]
    value = (
        PREFER_NOT_TO_SAY
        if option is None
        else _id(f"{key}-{options.index(option) + 1}")
    )
    return {f"background_{_id(key)}": value}


def _evaluation(key, ratings, comment="", background=(), **kwargs):
    fields = dict(zip(QUESTION_KEYS, ratings, strict=True))
    fields["comment"] = comment
    for question_key, option in background:
        fields.update(_answer(question_key, option))
    return DemoContribution(key, EVALUATION_ID, fields, **kwargs)


EVALUATIONS = [
    _evaluation(
        "evaluation-1",
        ["5", "4", "4"],
        "Bra att ni frågade oss föräldrar innan ni planerar.",
        background=[("age", "35–64 år"), ("gender", "Kvinna"), ("district", "Bergby")],
        days=-6,
        hour=20,
    ),
    _evaluation(
        "evaluation-2",
        ["4", "2", "3"],
        "Jag förstod inte riktigt vad vi kan påverka.",
        background=[("age", "18–34 år"), ("gender", None), ("district", "Bergby")],
        days=-4,
        hour=8,
    ),
    _evaluation(
        "evaluation-3",
        ["5", "5", "4"],
        background=[("age", "65 år eller äldre"), ("district", "Älvby centrum")],
        days=-3,
        hour=14,
    ),
    # Skipped the background questions.
    _evaluation("evaluation-4", ["3", "3", "2"], days=-2, hour=19),
    # From the paper form at the safety walk.
    _evaluation(
        "evaluation-5",
        ["4", "4", "5"],
        "Trygghetsvandringen var ett bra sätt att visa var det är farligt.",
        background=[("age", "Under 18 år"), ("gender", "Man"), ("district", "Bergby")],
        channel=Channel.PAPER,
        days=-5,
        hour=18,
    ),
]


@transaction.atomic
def build_background(home):
    """Background questions and participant evaluations."""
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    # Saved only when changed: saving renews every cached public page.
    if list(site_settings.background_questions.raw_data) != background_questions():
        site_settings.background_questions = background_questions()
        site_settings.save()
    page = DialoguePage.objects.descendant_of(home).get(slug=DIALOGUE_SLUG)
    today = timezone.localdate()
    return [_submit(page, demo, today) for demo in EVALUATIONS]
