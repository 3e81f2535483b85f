from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..models.contributions import ContributionStatus
from ..participation import counters
from ..participation.forms import OptionsField, text_field
from .charts import chart_from_counts
from .choices import option_items
from .consultation import ConsultationBlock, ContributionData
from .data_fields import DataField, data_field_from_form_field


class QuestionKind:
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    SCALE = "scale"
    YES_NO = "yes_no"

    CHOICES = [
        (SHORT_TEXT, _("Short text")),
        (LONG_TEXT, _("Long text")),
        (SINGLE_CHOICE, _("Single choice")),
        (MULTIPLE_CHOICE, _("Multiple choice")),
        (SCALE, _("Scale 1–5")),
        (YES_NO, _("Yes or no")),
    ]
    WITH_OPTIONS = {SINGLE_CHOICE, MULTIPLE_CHOICE}
    #: Kinds whose answers are counted rows (ContributionAnswer).
    COUNTED = {SINGLE_CHOICE, MULTIPLE_CHOICE, SCALE, YES_NO}


SCALE_CHOICES = [
    ("1", _("1 – not at all")),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", _("5 – very much")),
]
YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]


class SurveyQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=255)
    kind = blocks.ChoiceBlock(label=_("Kind of answer"), choices=QuestionKind.CHOICES)
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200),
        label=_("Options"),
        required=False,
        help_text=_("For single and multiple choice: at least two options."),
        default=[],
    )
    required = blocks.BooleanBlock(label=_("Required"), required=False)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=255)

    class Meta:
        icon = "help"
        label = _("Question")

    def clean(self, value):
        value = super().clean(value)
        if value["kind"] in QuestionKind.WITH_OPTIONS and len(value["options"]) < 2:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(
                        _("A choice question needs at least two options.")
                    )
                }
            )
        return value


def question_field(question):
    """The Django form field for one survey question."""
    kind = question["kind"]
    common = {
        "label": question["question"],
        "required": question["required"],
        "help_text": question["help_text"],
    }
    if kind == QuestionKind.SHORT_TEXT:
        return text_field(multiline=False, **common)
    if kind == QuestionKind.LONG_TEXT:
        return text_field(**common)
    if kind == QuestionKind.SINGLE_CHOICE:
        return forms.ChoiceField(
            choices=option_items(question["options"]),
            widget=forms.RadioSelect,
            **common,
        )
    if kind == QuestionKind.MULTIPLE_CHOICE:
        return OptionsField(
            choices=option_items(question["options"]),
            widget=forms.CheckboxSelectMultiple,
            **common,
        )
    if kind == QuestionKind.SCALE:
        return forms.ChoiceField(
            choices=SCALE_CHOICES, widget=forms.RadioSelect, **common
        )
    return forms.ChoiceField(choices=YES_NO_CHOICES, widget=forms.RadioSelect, **common)


def question_items(value):
    """(field name, question id, question value) for each question."""
    return [
        (f"q_{item.id}", item.id, item.value)
        for item in value["questions"].bound_blocks
    ]


class SurveyBlock(ConsultationBlock):
    """A survey of several questions: text, choices, a 1–5 scale, yes or no.

    Answers are not public; staff publish summaries as feedback (P4, P6).
    """

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)
    questions = blocks.ListBlock(SurveyQuestionBlock(), label=_("Questions"), min_num=1)

    #: Answers are kept by question id under content["answers"].
    answers_key = "answers"

    class Meta:
        icon = "form"
        label = _("Survey")
        template = "wagtail_delaktighet/blocks/survey.html"
        description = _(
            "Several questions: text, choices, a 1–5 scale or yes and no. "
            "Answers are not public; their counts are."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "heading": _("What do you think of the park?"),
            "introduction": "",
            "questions": [
                {
                    "question": _("How often do you visit the park?"),
                    "kind": QuestionKind.SINGLE_CHOICE,
                    "options": [_("Every week"), _("Now and then"), _("Never")],
                    "required": True,
                    "help_text": "",
                },
                {
                    "question": _("What would make it better?"),
                    "kind": QuestionKind.LONG_TEXT,
                    "options": [],
                    "required": False,
                    "help_text": "",
                },
            ],
        }

    def data_fields(self, value) -> list[DataField]:
        # One per question, keyed by the question's id (the form field is
        # "q_<id>"), so rewording a question keeps its column.
        return [
            data_field_from_form_field(question_id, question_field(question))
            for _name, question_id, question in question_items(value)
        ]

    def page_cache_variant(self, value, *, page, block_id, request):
        # Its part of the page is the same for every visitor.
        return ""

    def form_fields(self, value):
        return {
            name: question_field(question)
            for name, _id, question in question_items(value)
        }

    def contribution_from_form(self, value, cleaned_data):
        content, answers = {}, []
        for name, question_id, question in question_items(value):
            answer = cleaned_data.get(name)
            if answer in (None, "", []):
                continue
            content[question_id] = answer
            if question["kind"] in QuestionKind.COUNTED:
                chosen = answer if isinstance(answer, list) else [answer]
                answers.extend((question_id, choice) for choice in chosen)
        return ContributionData(content={"answers": content}, answers=answers)

    def initial_status(self, value):
        return ContributionStatus.PRIVATE

    def summary_charts(self, value, *, page, block_id):
        """One chart per choice, scale and yes/no question; text answers are
        summarised by staff in their own words instead."""
        counted = [
            (question_id, question)
            for _name, question_id, question in question_items(value)
            if question["kind"] in QuestionKind.COUNTED
        ]
        if not counted:
            return []
        counts, respondents = answer_counts(page, block_id, counted)
        charts = []
        for question_id, question in counted:
            several = question["kind"] == QuestionKind.MULTIPLE_CHOICE
            charts.append(
                chart_from_counts(
                    question["question"],
                    answer_options(question),
                    counts.get(question_id, {}),
                    # Several ticks per person: a share of the people who
                    # answered, not of the ticks.
                    total=respondents.get(question_id, 0) if several else None,
                    note=(_("Several answers were possible.") if several else ""),
                )
            )
        return charts


def answer_options(question):
    """(stored value, label) of each answer a counted question offers."""
    kind = question["kind"]
    if kind in QuestionKind.WITH_OPTIONS:
        return option_items(question["options"])
    if kind == QuestionKind.SCALE:
        return SCALE_CHOICES
    return YES_NO_CHOICES


def answer_counts(page, block_id, counted):
    """Counts per question and value, and for multiple-choice questions the
    number of people who answered, read from the stored counters in one
    query. Rejected contributions (spam) are not counted.

    Returns ``({question id: {value: count}}, {question id: respondents})``.
    """
    several = [
        question_id
        for question_id, question in counted
        if question["kind"] == QuestionKind.MULTIPLE_CHOICE
    ]
    return counters.answer_counts(
        page,
        block_id,
        [question_id for question_id, _question in counted],
        answered_keys=several,
    )
