"""Choices that keep their identity when an editor rewords them.

A list of options is a ``ListBlock``; each item has a stable id, which is what
answers store. Rewording an option keeps its answers; removing it leaves them
counted under the id but not shown.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def options_block(**kwargs):
    return blocks.ListBlock(
        blocks.CharBlock(label=_("Option"), max_length=200),
        label=kwargs.pop("label", _("Options")),
        min_num=kwargs.pop("min_num", 2),
        **kwargs,
    )


def option_items(list_value):
    """(id, text) for each option of a ListBlock value."""
    return [(item.id, item.value) for item in list_value.bound_blocks]
