"""Forms a moderator posts: reject one contribution, or approve or reject
several at once. The reason comes from the editable list of rejection
reasons, so an author is always told why."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms.ids import IdChoiceField, IdMultipleChoiceField
from ..models import RejectionReason


def reason_field(required=True):
    return IdChoiceField(
        label=_("Reason for rejection"),
        queryset=RejectionReason.objects.all(),
        required=required,
        empty_label=_("Choose a reason"),
        help_text=_("The author is told this reason if they gave their email."),
    )


def note_field():
    return forms.CharField(
        label=_("Note to the author (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Added to the reason in the email to the author."),
    )


class RejectionForm(forms.Form):
    reason = reason_field()
    note = note_field()


class BulkModerationForm(forms.Form):
    """Approve or reject the chosen contributions; ``queryset`` holds those
    the moderator may act on, so ids from elsewhere are refused."""

    APPROVE = "approve"
    REJECT = "reject"

    contributions = IdMultipleChoiceField(
        label=_("Contributions"),
        queryset=None,
        error_messages={"required": _("Select at least one contribution.")},
    )
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[(APPROVE, _("Approve and publish")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    reason = reason_field(required=False)
    note = note_field()

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contributions"].queryset = queryset

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("action") == self.REJECT and not cleaned_data.get("reason"):
            self.add_error("reason", _("Choose a reason to reject."))
        return cleaned_data
