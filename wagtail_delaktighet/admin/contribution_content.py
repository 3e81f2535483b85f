"""How a contribution reads to staff: the block it answers and its answers in
the words of the form the participant filled in (question texts, option
texts instead of option ids).

The listing, the detail view and the export all describe contributions
through this module, so the three always say the same thing. Everything is
read from the dialogue's body, which is already loaded with the page: no
query per contribution.
"""

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils.text import Truncator
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from ..blocks.consultation import ConsultationBlock


@dataclass
class BlockInfo:
    """A consultation block of a dialogue's body, described for staff by the
    block itself (its plugin interface). ``value`` is None for a block
    removed from the page: its contributions are still read by its type."""

    id: str
    block_type: str
    label: str
    type_label: str
    block: ConsultationBlock
    value: Any = None
    fields: list = field(default_factory=list)

    def answers_in(self, content):
        return self.block.stored_answers(content)

    def text(self, contribution):
        return self.block.contribution_text(self.value, contribution)

    def readable_answers(self, contribution):
        return self.block.readable_answers(self.value, contribution)

    def other_answers(self, contribution):
        if type(self.block).other_answers is ConsultationBlock.other_answers:
            # The interface's own rule with the fields described above: the
            # export asks for every row, and describing the fields builds the
            # block's form fields each time.
            return self.block.answers_besides(self.fields, contribution)
        return self.block.other_answers(self.value, contribution)

    def search_lookups(self):
        """Django lookups of the free text staff search for in this block's
        contributions (key lookups into ``Contribution.content``)."""
        if self.value is None:
            return []
        return [
            "content__" + "__".join(path)
            for path in self.block.search_paths(self.value)
        ]


def dialogue_blocks(page):
    """{block id: BlockInfo} for every consultation block of the page's body."""
    return {
        block_id: describe_block(block_id, block, value)
        for block_id, block, value in page.consultation_blocks()
    }


def describe_block(block_id, block, value):
    return BlockInfo(
        id=block_id,
        block_type=block.name,
        label=block.block_title(value),
        type_label=str(block.label),
        block=block,
        value=value,
        fields=block.data_fields(value),
    )


def registered_blocks():
    """{name: block} of the consultation block types of a dialogue's body:
    the body's own block definitions, made once per process."""
    from ..models import DialoguePage

    child_blocks = DialoguePage.body.field.stream_block.child_blocks
    return {
        name: block
        for name, block in child_blocks.items()
        if isinstance(block, ConsultationBlock)
    }


class BlockTypes:
    """The registered block types, for contributions whose block was removed
    from the page."""

    def __getitem__(self, name):
        return registered_blocks().get(name) or unregistered_block()


@cache
def unregistered_block():
    """Stands for a block type no longer registered: its content is read as
    stored (the interface's defaults)."""
    return ConsultationBlock()


def removed_block(contribution, block_types):
    block = block_types[contribution.block_type]
    return BlockInfo(
        id=contribution.block_id,
        block_type=contribution.block_type,
        label=str(_("(removed from the page)")),
        type_label=str(block.label) or contribution.block_type,
        block=block,
    )


def excerpt(contribution, info, length=100):
    """A short line for listings: the text, or the first answers."""
    text = info.text(contribution) or "; ".join(
        f"{question}: {answer}"
        for question, answer in info.readable_answers(contribution)
    )
    return Truncator(" ".join(text.split())).chars(length)


def language_label(contribution):
    """The language the contribution was made in, by its name in the admin's
    language; empty where none was recorded (offline input, older rows)."""
    code = contribution.language
    if not code:
        return ""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        # A language Django does not know by name: its code.
        return code


def channel_label(contribution):
    """The channel, marking input that staff entered (meetings, paper…)."""
    label = contribution.get_channel_display()
    if contribution.is_staff_entered:
        return _("%(channel)s (entered by staff)") % {"channel": label}
    return label
