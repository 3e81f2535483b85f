"""The background questions a site asks (age band, gender, district …),
defined once in the site's participation settings so that every dialogue
asks the same and answers can be compared across dialogues."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .choices import options_block


class BackgroundQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"),
        max_length=200,
        help_text=_("For example “How old are you?” or “Where do you live?”."),
    )
    options = options_block(
        help_text=_(
            "The answers to choose from, such as age bands or districts. "
            "“Prefer not to say” is always offered as well."
        )
    )

    class Meta:
        icon = "user"
        label = _("Background question")


class BackgroundQuestionsBlock(blocks.StreamBlock):
    question = BackgroundQuestionBlock()
