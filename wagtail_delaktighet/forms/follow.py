"""The form for following a dialogue by email."""

from ..participation.forms import EmailAddressForm

#: The prefix keeps the form's field ids apart from the consultation forms'.
FOLLOW_FORM_PREFIX = "dlk-follow"


class FollowForm(EmailAddressForm):
    """One email address, and the honeypot of every public form."""

    default_prefix = FOLLOW_FORM_PREFIX
