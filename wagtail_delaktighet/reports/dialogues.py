"""The dialogues report: one row per dialogue of a period that the user may
edit, with its influence level, body, status, participation, channels and
how its promised feedback was kept; a bar chart of the dialogues per
influence level above the table. Exports CSV and XLSX."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from ..admin.dialogue_columns import dialogue_title_column
from ..admin.export import exported_as_text
from ..admin.links import url_name
from ..models import DialoguePage
from .dialogue_figures import add_figures, dialogues_per_level, with_figures
from .views import PeriodAndBodyFilterSet, ScopedReportView

#: (attribute, heading) of every column, shown and exported alike.
FIELDS = [
    ("title", _("Dialogue")),
    ("level_name", _("Influence level")),
    ("responsible_body_name", _("Responsible body")),
    ("plan_status", _("Status")),
    ("people_online", _("People online")),
    ("contribution_count", _("Contributions")),
    ("channels_text", _("Channels")),
    ("feedback_promised_text", _("Feedback promised by")),
    ("feedback_delivered_text", _("Feedback published")),
    ("days_to_feedback", _("Days from closing to feedback")),
    ("feedback_timing_label", _("Feedback kept")),
]


class DialoguesReportView(ScopedReportView):
    page_title = _("Dialogues")
    header_icon = "doc-full-inverse"
    results_template_name = "wagtail_delaktighet/admin/reports/dialogues_results.html"
    index_url_name = url_name("dialogues_report")
    index_results_url_name = url_name("dialogues_report_results")
    filterset_class = PeriodAndBodyFilterSet
    filename_prefix = "dialogues"
    columns = [
        dialogue_title_column(),
        *(Column(name, label=heading) for name, heading in FIELDS[1:]),
    ]
    list_export = [name for name, _heading in FIELDS]
    export_headings = dict(FIELDS)
    custom_field_preprocess = exported_as_text(list_export)

    def get_base_queryset(self):
        return DialoguePage.objects.all()

    def filter_queryset(self, queryset):
        # The filters only collect values (PeriodAndBodyFilterSet); invalid
        # ones show their errors over an empty report rather than a
        # different period than asked for.
        if self.filters and self.filters.is_bound and not self.filters.is_valid():
            return queryset.none()
        return with_figures(self.report_dialogues())

    def decorate_paginated_queryset(self, object_list):
        return add_figures(object_list)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        if not self.is_export:
            context["level_chart"] = dialogues_per_level(self.object_list)
        return context
