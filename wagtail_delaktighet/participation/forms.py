"""The form every consultation block's form is built on."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..conf import delaktighet_settings

HONEYPOT_FIELD = "website"
#: The longest address the email columns hold (Django's model EmailField).
#: The form field's own default is longer (320), which the database refuses.
EMAIL_MAX_LENGTH = 254


def email_field(label, *, error_messages=None, **kwargs):
    """An email address field that accepts only what the database stores."""
    return forms.EmailField(
        label=label,
        max_length=EMAIL_MAX_LENGTH,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "max_length": _(
                "An email address can be at most %(limit_value)d characters "
                "long (this one has %(show_value)d)."
            ),
            **(error_messages or {}),
        },
        **kwargs,
    )


def form_prefix(block_id):
    # Several forms share a page; the prefix keeps their field ids unique.
    return f"dlk-{block_id}"


def posted_submission_key(data, block_id):
    """The ``submission_key`` posted for a block's form, as sent (unchecked)."""
    return data.get(f"{form_prefix(block_id)}-submission_key")


class HoneypotForm(forms.Form):
    """A public form with a honeypot: ``website`` is hidden from people
    (includes/honeypot.html) and filled in by bots, which are refused with
    ``honeypot_message``."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    honeypot_message = _("Your contribution could not be sent. Please try again.")

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get(HONEYPOT_FIELD):
            raise forms.ValidationError(self.honeypot_message, code="honeypot")
        return cleaned_data


class EmailAddressForm(HoneypotForm):
    """One email address and the honeypot: the public forms that ask for an
    address alone (following a dialogue, seeing one's personal data), each
    under its own ``default_prefix`` so that field ids stay apart."""

    email = email_field(
        _("Your email"),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _(
                "Enter an email address in the right format, like name@example.com."
            ),
        },
    )
    honeypot_message = _("We could not take your address. Please try again.")
    default_prefix = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.default_prefix)
        super().__init__(*args, **kwargs)


class ContributionForm(HoneypotForm):
    """Fields every contribution shares.

    ``submission_key`` identifies one filled-in form, so posting it twice stores
    it once. Name and email are optional and held apart from the content.
    """

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    #: Whether the form offers name, email and consent; blocks switch it off.
    collects_identity = True
    #: The dialogue's voluntary background questions, added by the
    #: participation service (participation/background.py); none by default.
    background_questions = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)
        if self.collects_identity:
            self.fields["name"] = forms.CharField(
                label=_("Your name (optional)"),
                max_length=200,
                required=False,
                widget=forms.TextInput(attrs={"autocomplete": "name"}),
            )
            self.fields["email"] = email_field(
                _("Your email (optional)"),
                required=False,
                help_text=_(
                    "Give your email if you want us to tell you what came of "
                    "your input. It is never shown publicly."
                ),
            )
            self.fields["consent"] = forms.BooleanField(
                label=_(
                    "I agree that the municipality stores my name and email to "
                    "contact me about this dialogue."
                ),
                required=False,
            )

    @property
    def content_fields(self):
        """The block's own fields, without the shared ones."""
        shared = {"submission_key", HONEYPOT_FIELD, "name", "email", "consent"}
        shared |= {question.field_name for question in self.background_questions}
        return [field for field in self if field.name not in shared]

    @property
    def background_fields(self):
        """The voluntary background questions, shown in a fieldset of their own."""
        return [self[question.field_name] for question in self.background_questions]

    @property
    def identity_fields(self):
        return [
            self[name] for name in ("name", "email", "consent") if name in self.fields
        ]

    def clean(self):
        cleaned_data = super().clean()
        gives_personal_data = cleaned_data.get("name") or cleaned_data.get("email")
        if gives_personal_data and not cleaned_data.get("consent"):
            self.add_error(
                "consent",
                _(
                    "To give your name or email, agree that we store them, or "
                    "leave both empty to take part anonymously."
                ),
            )
        return cleaned_data


def text_field(label, *, required=True, help_text="", multiline=True):
    """A text answer, limited to the configured length."""
    max_length = delaktighet_settings.MAX_TEXT_LENGTH if multiline else 255
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": 5}) if multiline else forms.TextInput,
        error_messages={
            "max_length": _(
                "Please shorten your text to at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            )
        },
    )


class OptionsField(forms.MultipleChoiceField):
    """Several of the offered options, each at most once.

    A browser sends each ticked checkbox once, so a repeated option comes from
    a crafted or broken client. It is refused like an option that was not
    offered — a form error, the input kept — rather than quietly cut down:
    the sender learns that the request was wrong, and nothing sent twice is
    counted twice.
    """

    default_error_messages = {
        "repeated": _("Choose each option at most once."),
    }

    def validate(self, value):
        super().validate(value)
        if len(set(value)) != len(value):
            raise ValidationError(self.error_messages["repeated"], code="repeated")
