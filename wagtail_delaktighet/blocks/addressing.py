"""To whom a participant's views or question are addressed (P1, P8)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

ELECTED = "elected"
OFFICIALS = "officials"
BOTH = "both"

ADDRESSEE_CHOICES = [
    (ELECTED, _("Elected representatives")),
    (OFFICIALS, _("Officials")),
    (BOTH, _("Both elected representatives and officials")),
]


def addressed_to_block():
    return blocks.ChoiceBlock(
        label=_("Addressed to"),
        choices=ADDRESSEE_CHOICES,
        default=BOTH,
        help_text=_(
            "Who reads and answers: views can go to both elected representatives "
            "and officials."
        ),
    )


def addressee_label(value):
    return dict(ADDRESSEE_CHOICES).get(value, "")
