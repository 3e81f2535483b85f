"""The form for asking to see one's personal data."""

from django.utils.translation import gettext_lazy as _

from ..participation.forms import HoneypotForm, email_field

DATA_REQUEST_FORM_PREFIX = "dlk-data"


class DataRequestForm(HoneypotForm):
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

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", DATA_REQUEST_FORM_PREFIX)
        super().__init__(*args, **kwargs)
