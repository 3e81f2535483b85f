"""The quick start's form: only what a new dialogue cannot do without, so an
editor has a draft that can be published in a few steps (the draft is made in
admin/starter_dialogue.py)."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ..models import (
    Body,
    DialogueIndexPage,
    DialoguePage,
    InfluenceLevel,
    InvolvementAssessment,
    InvolvementDecision,
)
from ..publishing.rules import REQUIRED_TO_PUBLISH, publish_rule_errors
from .date_inputs import DateTimeInput
from .level_choice import InfluenceLevelRadioSelect


def _label(name):
    return capfirst(DialoguePage._meta.get_field(name).verbose_name)


def _help(name):
    return DialoguePage._meta.get_field(name).help_text


def _required(name):
    # The publish rules' own words: they say why the field is needed.
    return {"required": REQUIRED_TO_PUBLISH[name]}


class QuickStartForm(forms.Form):
    """Title, question, responsible body, level and dates; where the dialogue
    goes only when the user may start dialogues under several indexes."""

    title = forms.CharField(
        label=_("Title"),
        max_length=255,
        help_text=_("The dialogue's name, also used on its card in the index."),
        error_messages={"required": _("Give the dialogue a title.")},
    )
    question = forms.CharField(
        label=_label("question"),
        max_length=255,
        help_text=_(
            "The question participants are asked to answer, in one sentence. "
            "It also becomes the first question of the dialogue's survey."
        ),
        error_messages={
            "required": _("Write the question the dialogue asks, in one sentence.")
        },
    )
    responsible_body = forms.ModelChoiceField(
        label=_label("responsible_body"),
        queryset=Body.objects.order_by("name"),
        help_text=_help("responsible_body"),
        error_messages=_required("responsible_body"),
    )
    involvement_assessment = forms.ModelChoiceField(
        label=_label("involvement_assessment"),
        queryset=InvolvementAssessment.objects.public()
        .filter(decision=InvolvementDecision.INVOLVE)
        .order_by("-assessed_on", "-pk"),
        required=False,
        empty_label=_("None yet"),
        help_text=_(
            "The assessment in the register that decided to involve residents "
            "in this matter. It can be linked later, but the dialogue cannot "
            "be published without it where the site asks for one."
        ),
    )
    influence_level = forms.ModelChoiceField(
        label=_label("influence_level"),
        queryset=InfluenceLevel.objects.order_by("sort_order", "pk"),
        widget=InfluenceLevelRadioSelect,
        empty_label=None,
        help_text=_help("influence_level"),
        error_messages=_required("influence_level"),
    )
    opens_at = forms.DateTimeField(
        label=_label("opens_at"),
        widget=DateTimeInput,
        help_text=_help("opens_at"),
        error_messages=_required("opens_at"),
    )
    closes_at = forms.DateTimeField(
        label=_label("closes_at"),
        widget=DateTimeInput,
        help_text=_help("closes_at"),
        error_messages=_required("closes_at"),
    )

    def __init__(self, *args, indexes, **kwargs):
        super().__init__(*args, **kwargs)
        self.indexes = list(indexes)
        if len(self.indexes) > 1:
            self.fields = {
                "index": forms.ModelChoiceField(
                    label=_("Dialogue index"),
                    queryset=DialogueIndexPage.objects.filter(
                        pk__in=[index.pk for index in self.indexes]
                    ).order_by("path"),
                    help_text=_("The index the dialogue is listed in."),
                    error_messages={
                        "required": _("Choose the index to put the dialogue under."),
                        "invalid_choice": _(
                            "You cannot add dialogues under that index. Choose "
                            "one of those listed."
                        ),
                    },
                ),
                **self.fields,
            }

    def clean(self):
        cleaned_data = super().clean()
        if len(self.indexes) == 1:
            cleaned_data["index"] = self.indexes[0]
        # The rule about the order of the dates, in its own words.
        errors = publish_rule_errors(
            {
                "opens_at": cleaned_data.get("opens_at"),
                "closes_at": cleaned_data.get("closes_at"),
            },
            publishing=False,
        )
        for name, message in errors.items():
            if name in self.fields and name not in self.errors:
                self.add_error(name, message)
        return cleaned_data
