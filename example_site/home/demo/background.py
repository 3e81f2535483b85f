"""Demo step: the site's voluntary background questions, and the
participant evaluation block of "Trygga skolvägar i Bergby" with answers,
and the shares of the municipality's residents for the representativeness
report, with counts from "Framtidens Älvby centrum" so it shows figures.

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
from wagtail_delaktighet.models import (
    BackgroundCount,
    Channel,
    DelaktighetSettings,
    DialoguePage,
)
from wagtail_delaktighet.participation.background import PREFER_NOT_TO_SAY

from .consultation import DIALOGUE_SLUG, DemoContribution, _submit, fixed_id

EVALUATION_ID = fixed_id(DIALOGUE_SLUG, "evaluation")

#: (key, question, options): the same questions for every dialogue. Each
#: option is (text, share of Älvby's residents in percent, or None).
QUESTIONS = [
    (
        "age",
        "Hur gammal är du?",
        [
            ("Under 18 år", "21.0"),
            ("18–34 år", "20.5"),
            ("35–64 år", "37.0"),
            ("65 år eller äldre", "21.5"),
        ],
    ),
    (
        "gender",
        "Vilket kön har du?",
        [("Kvinna", "49.6"), ("Man", "50.4"), ("Annat", None)],
    ),
    (
        "district",
        "Var bor du?",
        [
            ("Bergby", "18.0"),
            ("Älvby centrum", "42.0"),
            ("Norra landsbygden", "22.0"),
            ("Södra landsbygden", "18.0"),
            ("Utanför kommunen", None),
        ],
    ),
]
#: Where the shares come from, per question.
SOURCES = {
    "age": "SCB, folkmängd 31 dec 2025",
    "gender": "SCB, folkmängd 31 dec 2025",
    "district": "Älvby kommuns befolkningsstatistik 2025",
}

#: The closed dialogue "Framtidens Älvby centrum": background answers from
#: its web survey and dialogue meetings, already folded into counts as after
#: the removal of personal data: (question, option, channel, count).
CENTRE_SLUG = "framtidens-alvby-centrum"
CENTRE_COUNTS = [
    ("age", "Under 18 år", Channel.MEETING, 2),
    ("age", "18–34 år", Channel.WEB, 9),
    ("age", "18–34 år", Channel.MEETING, 3),
    ("age", "35–64 år", Channel.WEB, 14),
    ("age", "35–64 år", Channel.MEETING, 8),
    ("age", "65 år eller äldre", Channel.WEB, 6),
    ("age", "65 år eller äldre", Channel.MEETING, 11),
    ("gender", "Kvinna", Channel.WEB, 16),
    ("gender", "Kvinna", Channel.MEETING, 12),
    ("gender", "Man", Channel.WEB, 12),
    ("gender", "Man", Channel.MEETING, 9),
    ("district", "Älvby centrum", Channel.WEB, 18),
    ("district", "Älvby centrum", Channel.MEETING, 12),
    ("district", "Bergby", Channel.WEB, 5),
    ("district", "Norra landsbygden", Channel.MEETING, 6),
    ("district", "Södra landsbygden", Channel.WEB, 3),
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
                    {
                        "type": "item",
                        "value": {"label": option, "population_share": share},
                        "id": _id(f"{key}-{n}"),
                    }
                    for n, (option, share) in enumerate(options, start=1)
                ],
                "population_source": SOURCES[key],
            },
        }
        for key, question, options in QUESTIONS
    ]


def _option_id(key, option):
    texts = [text for text, _share in {k: o for k, _q, o in QUESTIONS}[key]]
    return _id(f"{key}-{texts.index(option) + 1}")


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
    value = PREFER_NOT_TO_SAY if option is None else _option_id(key, option)
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
    submitted = [_submit(page, demo, today) for demo in EVALUATIONS]
    centre = DialoguePage.objects.descendant_of(home).get(slug=CENTRE_SLUG)
    for key, option, channel, count in CENTRE_COUNTS:
        BackgroundCount.objects.update_or_create(
            page=centre,
            question_key=_id(key),
            answer_key=_option_id(key, option),
            channel=channel,
            defaults={"count": count},
        )
    return submitted
