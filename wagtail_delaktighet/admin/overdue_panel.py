"""The "Overdue feedback" panel on the Wagtail admin's dashboard: the
dialogues the user may edit whose promised feedback date has passed (P6),
linking to the full report. Hidden when there are none.

Two queries at most, however many dialogues there are: the first few rows,
and a count only when there are more than the panel shows.
"""

from wagtail.admin.ui.components import Component

from ..feedback.overdue import overdue_dialogues
from .links import overdue_report_url
from .overdue import describe_lateness

#: The panel lists this many; the report lists them all.
PANEL_LENGTH = 5


class OverdueFeedbackPanel(Component):
    name = "wagtail_delaktighet_overdue_feedback"
    template_name = "wagtail_delaktighet/admin/overdue/panel.html"
    # Right after the participation panel (150), ahead of Wagtail's
    # workflow panels (210 and up).
    order = 160

    def render_html(self, parent_context=None):
        dialogues = overdue_dialogues(parent_context["request"].user)
        self.shown = list(dialogues[: PANEL_LENGTH + 1])
        if not self.shown:
            return ""
        self.total = len(self.shown)
        if self.total > PANEL_LENGTH:
            self.shown = self.shown[:PANEL_LENGTH]
            self.total = dialogues.count()
        return super().render_html(parent_context)

    def get_context_data(self, parent_context):
        return {
            "dialogues": describe_lateness(self.shown),
            "total": self.total,
            "more": self.total - len(self.shown),
            "report_url": overdue_report_url(),
        }
