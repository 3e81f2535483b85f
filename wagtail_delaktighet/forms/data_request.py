"""The form for asking to see one's personal data."""

from ..participation.forms import EmailAddressForm

DATA_REQUEST_FORM_PREFIX = "dlk-data"


class DataRequestForm(EmailAddressForm):
    default_prefix = DATA_REQUEST_FORM_PREFIX
