"""The admin edit form of a feedback page: feedback waits for its dialogue to
be published, final feedback for it to close."""

from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..models.status import DialogueStatus, status_at
from ..publishing.rules import feedback_rule_errors


class FeedbackPageForm(WagtailAdminPageForm):
    """Refuses to publish final feedback while its dialogue still takes part.

    Final feedback closes the loop: it marks the dialogue as done and tells
    its followers so. Published while participants can still take part, it
    would tell them the matter is settled before they have had their say.
    Interim feedback may be published at any time, and a draft of the final
    feedback saved (Wagtail sets ``is_deferred_validation`` on a draft save);
    publishing may be scheduled for after the dialogue closes.
    """

    def clean(self):
        cleaned_data = super().clean()
        publishing = not getattr(self, "is_deferred_validation", False)
        if publishing:
            for message in feedback_rule_errors(self._dialogue()).values():
                self.add_error(None, message)
        if publishing and cleaned_data.get("kind") == "final":
            self._check_dialogue_has_closed(cleaned_data)
        return cleaned_data

    def _check_dialogue_has_closed(self, cleaned_data):
        dialogue = self._dialogue()
        if dialogue is None:
            return
        go_live_at = cleaned_data.get("go_live_at")
        goes_live = max(go_live_at, timezone.now()) if go_live_at else timezone.now()
        status = status_at(dialogue.opens_at, dialogue.closes_at, goes_live)
        if status not in (DialogueStatus.UPCOMING, DialogueStatus.OPEN):
            return
        if dialogue.closes_at:
            message = _(
                "Participants can take part until %(closes)s: final feedback "
                "cannot be published before then. Publish interim feedback, "
                "save this as a draft, or schedule it for after the dialogue "
                "closes."
            ) % {
                "closes": formats.date_format(
                    timezone.localtime(dialogue.closes_at), "DATETIME_FORMAT"
                )
            }
        else:
            message = _(
                "The dialogue has no closing time: final feedback cannot be "
                "published before it closes. Publish interim feedback or save "
                "this as a draft."
            )
        self.add_error("kind", ValidationError(message, code="dialogue_open"))

    def _dialogue(self):
        parent = self.parent_page or (
            self.instance.get_parent() if self.instance.pk else None
        )
        return parent.specific if parent is not None else None
