"""What an influence level requires of its dialogues, in plain words, for
editors choosing a level (forms/level_choice.py). The rules themselves are
checked in rules.py; this only says them."""

from django.utils.translation import gettext


def consultation_block_type_labels():
    """The labels of the consultation blocks a dialogue's body can hold."""
    from ..blocks.consultation import get_consultation_block_types

    return [str(block.label) for _name, block in get_consultation_block_types()]


def level_requirements(level):
    """Sentences saying what ``level`` allows and requires: consultation
    blocks or none, and whether a feedback date must be promised."""
    if level.accepts_input:
        blocks = gettext(
            "Takes input: the body may have consultation blocks (%(blocks)s)."
        ) % {"blocks": ", ".join(consultation_block_type_labels())}
    else:
        blocks = gettext("Takes no input: the body may not have consultation blocks.")
    if level.requires_feedback_date:
        feedback = gettext(
            "Requires a “feedback promised by” date, after the dialogue closes."
        )
    else:
        feedback = gettext("No feedback date required.")
    return [blocks, feedback]
