"""The form for following a dialogue by email (P6)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..participation.forms import HONEYPOT_FIELD

#: The prefix keeps the form's field ids apart from the consultation forms'.
FOLLOW_FORM_PREFIX = "dlk-follow"


class FollowForm(forms.Form):
    """One email address. ``website`` is a honeypot, as on the consultation
    forms: hidden from people, filled in by bots."""

    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _(
                "Enter an email address in the right format, like name@example.com."
            ),
        },
    )
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", FOLLOW_FORM_PREFIX)
        super().__init__(*args, **kwargs)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(
                _("We could not take your address. Please try again."),
                code="honeypot",
            )
        return cleaned_data
