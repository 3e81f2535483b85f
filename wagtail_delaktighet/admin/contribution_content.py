"""How a contribution reads to staff: the block it answers and its answers in
the words of the form the participant filled in (question texts, option
texts instead of option ids).

The listing, the detail view and the export all describe contributions
through this module, so the three always say the same thing. Everything is
read from the dialogue's body, which is already loaded with the page: no
query per contribution.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from ..blocks.consultation import get_consultation_block_types, is_consultation_block

#: Content keys holding the free text of a contribution (views, questions).
TEXT_KEYS = ("text", "question")
#: Content keys that copy a block setting rather than hold an answer.
SETTING_KEYS = {"addressed_to"}
#: Form fields whose value is stored on the contribution, not in its content.
STORED_APART = {"display_name"}
#: A survey keeps its answers under this key, by question id.
SURVEY_ANSWERS = "answers"


@dataclass
class AnswerField:
    """One question of a block, as a column or a line of the detail view."""

    key: str
    label: str
    #: Stored value -> the text the participant chose; empty for free text.
    choices: dict = field(default_factory=dict)

    def display(self, answer):
        values = answer if isinstance(answer, list) else [answer]
        return "; ".join(self.choices.get(str(value), str(value)) for value in values)


@dataclass
class BlockInfo:
    """A consultation block of a dialogue's body, described for staff."""

    id: str
    block_type: str
    label: str
    type_label: str
    fields: list
    #: Whether answers sit under content["answers"] (a survey).
    nested: bool = False

    def answers_in(self, content):
        source = content.get(SURVEY_ANSWERS) if self.nested else content
        return source if isinstance(source, dict) else {}


def dialogue_blocks(page):
    """{block id: BlockInfo} for every consultation block of the page's body."""
    return {
        child.id: describe_block(child.id, child.block, child.value)
        for child in page.body
        if is_consultation_block(child.block)
    }


def describe_block(block_id, block, value):
    from ..blocks.survey import SurveyBlock

    nested = isinstance(block, SurveyBlock)
    fields = []
    for name, form_field in block.form_fields(value).items():
        if name in TEXT_KEYS or name in STORED_APART:
            continue
        # A survey's form field "q_<id>" stores its answer under the id.
        key = name.removeprefix("q_") if nested else name
        choices = {
            str(option): str(text)
            for option, text in getattr(form_field, "choices", [])
        }
        fields.append(AnswerField(key, str(form_field.label), choices))
    return BlockInfo(
        id=block_id,
        block_type=block.name,
        label=block_label(block, value),
        type_label=str(block.label),
        fields=fields,
        nested=nested,
    )


def block_label(block, value):
    """What an editor calls the block: its heading, question or prompt."""
    for key in ("heading", "question", "prompt"):
        text = value.get(key) if hasattr(value, "get") else None
        if text:
            return str(text)
    return str(block.label)


class BlockTypeLabels:
    """Labels of the registered block types, for contributions whose block
    was removed from the page. Built once per request, when first needed."""

    def __init__(self):
        self._labels = None

    def __getitem__(self, name):
        if self._labels is None:
            self._labels = {
                type_name: str(block.label)
                for type_name, block in get_consultation_block_types()
            }
        return self._labels.get(name, name)


def removed_block(contribution, type_labels):
    return BlockInfo(
        id=contribution.block_id,
        block_type=contribution.block_type,
        label=str(_("(removed from the page)")),
        type_label=type_labels[contribution.block_type],
        fields=[],
        nested=removed_block_is_nested(contribution),
    )


def removed_block_is_nested(contribution):
    """Whether a contribution to a removed block keeps its answers as a
    survey does."""
    return isinstance(contribution.content.get(SURVEY_ANSWERS), dict)


def contribution_text(contribution):
    """The free text of a contribution (views, a question), or ""."""
    for key in TEXT_KEYS:
        text = contribution.content.get(key)
        if isinstance(text, str):
            return text
    return ""


def readable_answers(contribution, info):
    """[(question, answer)] in the block's order, then answers to questions
    that are no longer on the page (raw, so nothing is lost)."""
    answers = info.answers_in(contribution.content)
    known = {answer_field.key for answer_field in info.fields}
    lines = [
        (answer_field.label, answer_field.display(answers[answer_field.key]))
        for answer_field in info.fields
        if answers.get(answer_field.key) not in (None, "", [])
    ]
    lines.extend(
        (str(key), AnswerField(key, key).display(value))
        for key, value in unknown_answers(answers, known)
    )
    return lines


def unknown_answers(answers, known):
    skipped = known | SETTING_KEYS | set(TEXT_KEYS)
    return [(key, value) for key, value in answers.items() if key not in skipped]


def excerpt(contribution, info, length=100):
    """A short line for listings: the text, or the first answers."""
    text = contribution_text(contribution) or "; ".join(
        f"{question}: {answer}"
        for question, answer in readable_answers(contribution, info)
    )
    return Truncator(" ".join(text.split())).chars(length)


def channel_label(contribution):
    """The channel, marking input that staff entered (meetings, paper…)."""
    label = contribution.get_channel_display()
    if contribution.is_staff_entered:
        return _("%(channel)s (entered by staff)") % {"channel": label}
    return label
