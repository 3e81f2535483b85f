"""The form for following a dialogue by email (P6)."""

from django.utils.translation import gettext_lazy as _

from ..participation.forms import HoneypotForm, email_field

#: The prefix keeps the form's field ids apart from the consultation forms'.
FOLLOW_FORM_PREFIX = "dlk-follow"


class FollowForm(HoneypotForm):
    """One email address, and the honeypot of every public form."""

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
        kwargs.setdefault("prefix", FOLLOW_FORM_PREFIX)
        super().__init__(*args, **kwargs)
