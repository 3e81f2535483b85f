"""The "Overdue feedback" report (P6): live dialogues whose promised feedback
date has passed without final feedback, over the dialogues the user may edit.

Built on Wagtail's ``ReportView``, so it looks like Wagtail's own reports and
exports CSV and XLSX. Users who may edit no dialogue get an empty report; the
Reports menu only offers it to users who may edit pages at all.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from ..feedback.overdue import overdue_dialogues
from .dialogue_columns import dialogue_title_column
from .export import exported_as_text
from .links import url_name


def describe_lateness(dialogues, today=None):
    """Set ``closed_on``, ``days_late`` and ``responsible_body_name`` on each
    dialogue, for the report's columns and export."""
    today = today or timezone.localdate()
    for dialogue in dialogues:
        dialogue.closed_on = timezone.localdate(dialogue.closes_at)
        dialogue.days_late = (today - dialogue.feedback_promised_on).days
        body = dialogue.responsible_body
        dialogue.responsible_body_name = body.name if body else ""
    return dialogues


class OverdueFeedbackView(ReportView):
    page_title = _("Overdue feedback")
    header_icon = "warning"
    index_url_name = url_name("overdue_feedback")
    index_results_url_name = url_name("overdue_feedback_results")
    default_ordering = "feedback_promised_on"
    columns = [
        dialogue_title_column(sort_key="title"),
        Column("responsible_body_name", label=_("Responsible body")),
        Column("closed_on", label=_("Closed on"), sort_key="closes_at"),
        Column(
            "feedback_promised_on",
            label=_("Feedback promised by"),
            sort_key="feedback_promised_on",
        ),
        Column("days_late", label=_("Days late")),
    ]
    list_export = [
        "title",
        "responsible_body_name",
        "closed_on",
        "feedback_promised_on",
        "days_late",
        "full_url",
    ]
    export_headings = {
        "title": _("Dialogue"),
        "responsible_body_name": _("Responsible body"),
        "closed_on": _("Closed on"),
        "feedback_promised_on": _("Feedback promised by"),
        "days_late": _("Days late"),
        "full_url": _("Address"),
    }
    # Titles and names are the editors' text: a spreadsheet must not run
    # them as formulas.
    custom_field_preprocess = exported_as_text(["title", "responsible_body_name"])

    def get_base_queryset(self):
        self.now = timezone.now()
        return overdue_dialogues(self.request.user, self.now)

    def order_queryset(self, queryset):
        # The primary key breaks ties, so pages of the report never overlap.
        return queryset.order_by(self.ordering, "pk")

    def decorate_paginated_queryset(self, object_list):
        # Iterating fills the queryset's cache, so the export reads the same
        # decorated objects (and the queryset keeps its model for headings).
        describe_lateness(object_list, timezone.localdate(self.now))
        return object_list

    def get_filename(self):
        return f"overdue-feedback-{timezone.localdate():%Y-%m-%d}"
