"""The dialogue index's filter form: a plain GET form that works without
JavaScript (P1: easy to find dialogues)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..converters import is_id
from ..models import Area, Body, DialogueStatus, InfluenceLevel, TargetGroup, Topic
from ..models.snippet_union import read_together
from ..models.status import status_condition
from .ids import IdChoiceField

# A bad value in the address (an old link, a deleted topic) is not the
# reader's fault: the filter is dropped and this says so, instead of an error.
NOT_APPLIED = _("We could not find that choice, so this filter is not applied.")


class ListedChoiceField(IdChoiceField):
    """Once its choices are read (``DialogueFilterForm.use_choices``), an id
    is checked against them, not looked up in the database again."""

    known = None

    def to_python(self, value):
        if self.known is None or value in self.empty_values:
            return super().to_python(value)
        if isinstance(value, self.queryset.model):
            value = value.pk
        if is_id(str(value)):
            found = self.known.get(int(value))
            if found is not None:
                return found
        raise ValidationError(
            self.error_messages["invalid_choice"],
            code="invalid_choice",
            params={"value": value},
        )


def _choice_field(queryset, label, empty_label):
    return ListedChoiceField(
        queryset=queryset,
        label=label,
        empty_label=empty_label,
        required=False,
        error_messages={"invalid_choice": NOT_APPLIED},
    )


class DialogueFilterForm(forms.Form):
    """Filters for the dialogues listed on one index.

    Topics, areas, bodies and target groups offer only the choices that the
    index's listed dialogues use, so no single choice lists nothing.
    """

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All statuses")), *DialogueStatus.choices],
        required=False,
        error_messages={"invalid_choice": NOT_APPLIED},
    )
    topic = _choice_field(Topic.objects.none(), _("Topic"), _("All topics"))
    area = _choice_field(Area.objects.none(), _("Area"), _("All areas"))
    body = _choice_field(Body.objects.none(), _("Responsible body"), _("All bodies"))
    level = _choice_field(
        InfluenceLevel.objects.none(), _("Influence level"), _("All levels")
    )
    target_group = _choice_field(
        TargetGroup.objects.none(), _("Target group"), _("All target groups")
    )

    #: Form field → the DialoguePage lookup it filters on.
    LOOKUPS = {
        "status": "status",
        "topic": "topics",
        "area": "areas",
        "body": "responsible_body",
        "level": "influence_level",
        "target_group": "target_groups",
    }

    #: The fields whose choices the listed dialogues' snippets are.
    LISTED = ("topic", "area", "body", "target_group")

    def __init__(self, data, *, dialogues=None, **kwargs):
        kwargs.setdefault("auto_id", "dlk-filter-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(data, **kwargs)
        if dialogues is None:
            # The choices come from ``use_choices``, read elsewhere.
            return
        # Only what the listed dialogues use, as a semi-join (IN a subquery)
        # rather than a join made DISTINCT.
        listed = dialogues.order_by()
        self.fields["topic"].queryset = Topic.objects.filter(
            pk__in=listed.values("topics")
        )
        self.fields["area"].queryset = Area.objects.filter(
            pk__in=listed.values("areas")
        )
        self.fields["body"].queryset = Body.objects.filter(
            pk__in=listed.values("responsible_body")
        )
        # The whole ladder, in its order: readers understand it as a scale.
        self.fields["level"].queryset = InfluenceLevel.objects.order_by(
            "sort_order", "pk"
        )
        self.fields["target_group"].queryset = TargetGroup.objects.filter(
            pk__in=listed.values("target_groups")
        )

    def read_choices(self, ladder):
        """Fill the choices now, in one query for the snippets and with
        ``ladder`` (the one the page's badges read) for the levels, rather
        than one query per field as it renders. (The dialogue index reads
        them itself, with SQL built once: views/index.py.)"""
        choices = read_together(
            {name: self.fields[name].queryset for name in self.LISTED}
        )
        choices["level"] = ladder
        self.use_choices(choices)

    def use_choices(self, choices):
        """Set each choice field's choices, {field name: [object, …]} in
        order; a submitted id is then checked against them, without a query."""
        for name, objects in choices.items():
            field = self.fields[name]
            empty = [("", field.empty_label)] if field.empty_label is not None else []
            field.choices = empty + [
                (obj.pk, field.label_from_instance(obj)) for obj in objects
            ]
            field.known = {obj.pk: obj for obj in objects}

    def selects(self):
        """Each field as the template writes it out: name, id, label, errors
        and its options as (value, label, selected), selected as Django's
        ``Select`` widget would mark it. Written in one template loop rather
        than a widget template per select, option and attribute list."""
        fields = []
        for bound in self:
            value = bound.value()
            chosen = "" if value is None else str(value)
            options, marked = [], False
            for option_value, option_label in bound.field.choices:
                option_value = "" if option_value is None else str(option_value)
                selected = not marked and option_value == chosen
                marked = marked or selected
                options.append((option_value, option_label, selected))
            fields.append(
                {
                    "name": bound.html_name,
                    "id": bound.auto_id,
                    "label": bound.label,
                    "errors": bound.errors,
                    "options": options,
                }
            )
        return fields

    def full_clean(self):
        super().full_clean()
        # Tie each error message to its field for screen readers.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-describedby"] = (
                    f"{self[name].auto_id}-error"
                )

    @property
    def active_filters(self):
        """The valid, non-empty filters: {field name: cleaned value}."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value not in (None, "")
        }

    def querystring_items(self):
        """The active filters as (name, value) pairs, for links that keep them."""
        return [
            (name, value if isinstance(value, str) else value.pk)
            for name, value in self.active_filters.items()
        ]

    def filter(self, queryset, now=None):
        """Narrow a queryset of dialogues by valid filters; invalid ones are
        left out. The status is the one at ``now``."""
        for name, value in self.active_filters.items():
            if name == "status":
                queryset = queryset.filter(status_condition(value, now))
            else:
                queryset = queryset.filter(**{self.LOOKUPS[name]: value})
        return queryset
