"""Date inputs the browser draws itself, for the package's admin screens.

Wagtail's date and date-time widgets start their picker from an inline
``<script>`` next to the field, which a Content-Security-Policy without
'unsafe-inline' blocks (docs/security.md). The browser's own inputs need no
script at all, and are operable by keyboard and screen reader.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.widgets import SuffixedMultiWidget
from wagtail.admin.filters import DateRangePickerWidget

DATE_FORMAT = "%Y-%m-%d"
# The format of <input type="datetime-local">'s value.
DATE_TIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATE_FORMAT)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATE_TIME_FORMAT)


class DateRangeInput(DateRangePickerWidget):
    """Wagtail's date range filter (the same ``_from`` and ``_to`` names and
    layout), with the browser's own date inputs. They are named as Wagtail
    names its own (its translations of the same words apply)."""

    def __init__(self, attrs=None):
        SuffixedMultiWidget.__init__(
            self,
            (
                DateInput(attrs={"aria-label": _("Date from")}),
                DateInput(attrs={"aria-label": _("Date to")}),
            ),
            attrs,
        )
