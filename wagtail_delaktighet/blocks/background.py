"""The background questions a site asks (age band, gender, district …),
defined once in the site's participation settings so that every dialogue
asks the same and answers can be compared across dialogues.

Each option may carry the share of the reference population (the
municipality's residents, from SCB or the municipality's own statistics)
that it describes, and each question the source of those shares, so the
representativeness report can set the participants beside the residents.
"""

from decimal import Decimal

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

#: Shares of one question's options add up to at most this (percent).
WHOLE_POPULATION = Decimal(100)


class PercentBlock(blocks.DecimalBlock):
    """A percentage as the editor's language writes it: "49,6" in Swedish
    (a localised field), "49.6" too."""

    def __init__(self, *, required=True, min_value=0, max_value=100, **kwargs):
        super().__init__(
            required=required, min_value=min_value, max_value=max_value, **kwargs
        )
        self.field = forms.DecimalField(
            required=required,
            help_text=kwargs.get("help_text"),
            min_value=min_value,
            max_value=max_value,
            max_digits=kwargs.get("max_digits"),
            decimal_places=kwargs.get("decimal_places"),
            localize=True,
        )


class BackgroundOptionBlock(blocks.StructBlock):
    """An option and, optionally, its share of the population.

    Options used to be plain strings (a ``CharBlock``); such stored values
    still load, as an option without a share, so the settings of sites
    saved before need no data migration. The ListBlock's item ids, which
    answers store as their keys, are untouched by the change."""

    label = blocks.CharBlock(label=_("Option"), max_length=200)
    population_share = PercentBlock(
        label=_("Share of the population (%)"),
        required=False,
        max_digits=5,
        decimal_places=2,
        help_text=_(
            "The share of the municipality's residents this option describes, "
            "for the representativeness report. Leave empty if unknown."
        ),
    )

    class Meta:
        icon = "list-ul"
        label = _("Option")

    @staticmethod
    def _from_plain(value):
        # An option stored before options had a share: just its text.
        if isinstance(value, str):
            return {"label": value}
        return value

    def to_python(self, value):
        return super().to_python(self._from_plain(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self._from_plain(value) for value in values])

    def normalize(self, value):
        return super().normalize(self._from_plain(value))


class BackgroundQuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(
        label=_("Question"),
        max_length=200,
        help_text=_("For example “How old are you?” or “Where do you live?”."),
    )
    options = blocks.ListBlock(
        BackgroundOptionBlock(),
        label=_("Options"),
        min_num=2,
        help_text=_(
            "The answers to choose from, such as age bands or districts. "
            "“Prefer not to say” is always offered as well."
        ),
    )
    population_source = blocks.CharBlock(
        label=_("Source of the population shares"),
        max_length=200,
        required=False,
        help_text=_("Where the shares come from, such as “SCB, 31 Dec 2025”."),
    )

    class Meta:
        icon = "user"
        label = _("Background question")

    def clean(self, value):
        value = super().clean(value)
        total = sum(
            (
                option["population_share"]
                for option in value["options"]
                if option["population_share"] is not None
            ),
            Decimal(0),
        )
        if total > WHOLE_POPULATION:
            # Each resident is in one option at most, so more than the whole
            # population is a typing error.
            raise StructBlockValidationError(
                block_errors={
                    "options": ListBlockValidationError(
                        non_block_errors=[
                            _(
                                "The options' shares of the population add up "
                                "to %(total)s %%; together they can be at most "
                                "100 %%."
                            )
                            % {"total": number_format(format(total.normalize(), "f"))}
                        ]
                    )
                }
            )
        return value


class BackgroundQuestionsBlock(blocks.StreamBlock):
    question = BackgroundQuestionBlock()
