"""What a consultation block's contributions hold, described for the staff
side and for machines: one ``DataField`` per answer (the idea of Wagtail's
``FormMixin.get_data_fields``), and the input schema of a Django form field.

``ConsultationBlock`` derives both from the block's own form by default
(docs/developers/consultation-blocks.md, "The staff side").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import forms

#: Kinds of answer, as the input schema names them.
TEXT = "text"
CHOICE = "choice"
MULTIPLE_CHOICE = "multiple_choice"
BOOLEAN = "boolean"
EMAIL = "email"
NUMBER = "number"


@dataclass
class DataField:
    """One answer a contribution of a block may hold.

    ``key`` is where the answer is stored among the block's answers (a
    top-level key of ``Contribution.content``, or under the block's
    ``answers_key``); ``choices`` maps stored values to the text the
    participant chose from, and is empty for free text.
    """

    key: str
    label: str
    kind: str = TEXT
    choices: dict[str, str] = field(default_factory=dict)
    #: Free text that staff search for (the admin's listings and inbox).
    searchable: bool = False

    def display(self, answer: Any) -> str:
        """The answer as a person reads it: option texts, not ids."""
        values = answer if isinstance(answer, list) else [answer]
        return "; ".join(self.choices.get(str(value), str(value)) for value in values)


def kind_of(form_field: forms.Field) -> str:
    if isinstance(form_field, forms.MultipleChoiceField):
        return MULTIPLE_CHOICE
    if isinstance(form_field, forms.ChoiceField):
        return CHOICE
    if isinstance(form_field, forms.BooleanField):
        return BOOLEAN
    if isinstance(form_field, forms.EmailField):
        return EMAIL
    if isinstance(form_field, forms.IntegerField | forms.DecimalField):
        return NUMBER
    return TEXT


def field_choices(form_field: forms.Field) -> list[tuple[str, str]]:
    """(stored value, text) of each option a form field offers."""
    return [
        (str(option), str(text)) for option, text in getattr(form_field, "choices", [])
    ]


def data_field_from_form_field(key: str, form_field: forms.Field) -> DataField:
    kind = kind_of(form_field)
    return DataField(
        key=key,
        label=str(form_field.label or key),
        kind=kind,
        choices=dict(field_choices(form_field)),
        searchable=kind == TEXT,
    )


def field_schema(key: str, form_field: forms.Field) -> dict[str, Any]:
    """A form field as plain JSON data: what an API client needs to build
    the same form and send a valid answer."""
    kind = kind_of(form_field)
    schema: dict[str, Any] = {
        "key": key,
        "type": kind,
        "label": str(form_field.label or key),
        "help_text": str(form_field.help_text or ""),
        "required": bool(form_field.required),
    }
    if kind == TEXT:
        schema["multiline"] = isinstance(form_field.widget, forms.Textarea)
    for limit in ("max_length", "min_length", "max_value", "min_value"):
        if getattr(form_field, limit, None) is not None:
            schema[limit] = getattr(form_field, limit)
    if kind in (CHOICE, MULTIPLE_CHOICE):
        schema["choices"] = [
            {"id": option, "label": text} for option, text in field_choices(form_field)
        ]
    return schema
