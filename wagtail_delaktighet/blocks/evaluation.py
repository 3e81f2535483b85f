"""The participant evaluation block (P7): after taking part, participants
rate the dialogue on three standard questions and may add a comment.

The same questions in every dialogue, so dialogues can be compared: was the
purpose clear, did you understand how much you could influence, do you
expect to hear what came of it (each 1–5), and free text. The ratings are
counted answers (the stored counters); ``evaluation_averages()`` gives the
averages per dialogue for evaluation reports.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..consultations import consultation_page
from ..models.contributions import ContributionStatus
from ..participation.forms import text_field
from .consultation import ConsultationBlock, ContributionData

SCALE_CHOICES = [
    ("1", _("1 – not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – completely")),
]

#: The standard questions: (key, question). The keys are stored; never
#: rename them.
QUESTIONS = [
    ("purpose_clear", _("Was the purpose of the dialogue clear to you?")),
    (
        "influence_understood",
        _("Did you understand how much you could influence?"),
    ),
    (
        "expects_feedback",
        _("Do you expect to hear what came of the dialogue?"),
    ),
]
QUESTION_KEYS = [key for key, _question in QUESTIONS]
COMMENT = "comment"


class EvaluationBlock(ConsultationBlock):
    """Participants evaluate the dialogue: three ratings and a comment.
    Answers are never public one by one; the counts are."""

    heading = blocks.CharBlock(
        label=_("Heading"),
        max_length=255,
        default=_("What did you think of this dialogue?"),
    )
    introduction = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        help_text=_("For example why you ask and that it takes a minute."),
    )

    text_field_name = COMMENT
    #: An evaluation is anonymous: no name or email.
    collects_identity = False

    class Meta:
        icon = "tick-inverse"
        label = _("Participant evaluation")
        template = "wagtail_delaktighet/blocks/evaluation.html"
        description = _(
            "Standard questions for participants about the dialogue itself: "
            "purpose, influence and feedback (1–5), and a comment. Usually "
            "placed last."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "heading": _("What did you think of this dialogue?"),
            "introduction": "",
        }

    def form_fields(self, value):
        fields = {
            key: forms.ChoiceField(
                label=question, choices=SCALE_CHOICES, widget=forms.RadioSelect
            )
            for key, question in QUESTIONS
        }
        fields[COMMENT] = text_field(
            _("Anything else you want to tell us about the dialogue? (optional)"),
            required=False,
        )
        return fields

    def contribution_from_form(self, value, cleaned_data):
        ratings = {key: cleaned_data[key] for key in QUESTION_KEYS}
        return ContributionData(
            content={**ratings, COMMENT: cleaned_data.get(COMMENT, "")},
            answers=list(ratings.items()),
        )

    def initial_status(self, value):
        return ContributionStatus.PRIVATE

    def page_cache_variant(self, value, *, page, block_id, request):
        # A form and a thank-you: the same for every visitor.
        return ""

    def success_message(self, value, contribution):
        from django.utils.translation import gettext

        return gettext(
            "Thank you for your evaluation! It helps us hold better "
            "dialogues. Your receipt reference is %(receipt)s."
        ) % {"receipt": contribution.receipt}


@dataclass(frozen=True)
class Average:
    """The mean rating of one evaluation question and how many rated it;
    ``total`` is the sum of the ratings, so reports can combine dialogues
    weighted by their answers without the rounding of ``mean``."""

    question: str
    mean: float | None
    respondents: int
    total: int = 0


def pooled_average(question, averages):
    """One ``Average`` of ``question`` over several dialogues' ``Average``s
    of it: each answer weighs the same, whichever dialogue it came from."""
    respondents = sum(average.respondents for average in averages)
    total = sum(average.total for average in averages)
    mean = round(total / respondents, 2) if respondents else None
    return Average(str(question), mean, respondents, total)


def evaluation_averages(pages) -> dict[int, dict[str, Average]]:
    """{page id: {question key: Average}} for dialogue pages (specific
    pages, with their bodies), over every evaluation block of each; rejected
    contributions are not counted. One query for any number of dialogues:
    the stored counters hold at most five rows per question and block."""
    from ..models.result_counts import ResultCount

    pages = list(pages)
    evaluated = [
        # A translation reads its consultation's counters, under its own id.
        Q(page_id=consultation_page(page).pk, block_id__in=block_ids)
        for page in pages
        if (block_ids := evaluation_block_ids(page))
    ]
    sums: dict[int, dict[str, list[int]]] = {}
    if evaluated:
        rows = ResultCount.objects.filter(
            reduce(operator.or_, evaluated),
            question_key__in=QUESTION_KEYS,
            value__in=[value for value, _label in SCALE_CHOICES],
        ).values_list("page_id", "question_key", "value", "count")
        for page_id, key, rating, count in rows:
            total = sums.setdefault(page_id, {}).setdefault(key, [0, 0])
            total[0] += int(rating) * count
            total[1] += count
    averages = {}
    for page in pages:
        by_key = sums.get(consultation_page(page).pk, {})
        averages[page.pk] = {}
        for key, question in QUESTIONS:
            total, answered = by_key.get(key, (0, 0))
            mean = round(total / answered, 2) if answered else None
            averages[page.pk][key] = Average(str(question), mean, answered, total)
    return averages


def evaluation_block_ids(page):
    """The ids of the evaluation blocks in a dialogue's body."""
    return [
        block_id
        for block_id, block, _value in page.consultation_blocks()
        if isinstance(block, EvaluationBlock)
    ]
