"""The admin edit form of a dialogue page: applies the publish rules."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from ..publishing.rules import (
    REQUIRED_TO_PUBLISH,
    RULE_FIELDS,
    assessment_required_on,
    publish_rule_errors,
)


class DialoguePageForm(WagtailAdminPageForm):
    """Shows each broken publish rule at its field, in plain words.

    Saving a draft only checks the order of dates; publishing (or submitting
    for moderation) checks every rule. Wagtail sets ``is_deferred_validation``
    on a draft save.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django's "This field is required." does not say why; ours does.
        for name, message in REQUIRED_TO_PUBLISH.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message

    def clean(self):
        cleaned_data = super().clean()
        publishing = not getattr(self, "is_deferred_validation", False)
        errors = publish_rule_errors(
            self._rule_values(),
            publishing=publishing,
            assessment_required=publishing and assessment_required_on(self._site()),
        )
        if "involvement_assessment" in errors:
            errors["involvement_assessment"] = with_link_to_new_assessment(
                errors["involvement_assessment"]
            )
        for name, message in errors.items():
            if name not in self.fields:
                # A site that removed the field's panel still gets the message.
                self.add_error(None, message)
            elif name not in self.errors:
                # A field with its own error already says what is wrong.
                self.add_error(name, ValidationError(message, code="publish_rule"))
        return cleaned_data

    def _rule_values(self):
        values = {}
        for name in RULE_FIELDS:
            if name in self.fields:
                values[name] = self.cleaned_data.get(name)
            else:
                values[name] = getattr(self.instance, name, None)
        return values

    def _site(self):
        if self.instance.pk:
            return self.instance.get_site()
        parent = getattr(self, "parent_page", None)
        return parent.get_site() if parent is not None else None


def with_link_to_new_assessment(message):
    """The rule's words, and a link to the register's form for a new one."""
    return format_html(
        '{} <a href="{}">{}</a>',
        message,
        reverse("wagtailsnippets_wagtail_delaktighet_involvementassessment:add"),
        _("Make an involvement assessment"),
    )
