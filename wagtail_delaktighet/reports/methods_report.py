"""The methods and evaluation report: for the municipality's regular
evaluation of its methods, how the period's dialogues went per method,
influence level or responsible body, in participants' and staff's words.

The rows are groups, not dialogues, so the view builds them from the
scoped dialogues (``method_figures``) instead of listing a queryset; the
export holds the same figures as the table.
"""

import django_filters
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column

from ..admin.export import exported_as_text
from ..admin.links import url_name
from ..blocks.evaluation import QUESTIONS
from ..models import DialoguePage
from .bars import RatingColumn, SharesColumn
from .method_figures import GroupBy, figures_by, report_queryset
from .views import PeriodAndBodyFilterSet, ScopedReportView

#: The yes/partly/no questions of the staff evaluation, by field.
SHARE_FIELDS = ("target_groups_reached", "method_suitable")


class MethodsReportFilterSet(PeriodAndBodyFilterSet):
    group_by = django_filters.ChoiceFilter(
        label=_("Group by"),
        choices=GroupBy.choices,
        # The first choice, grouping by method, is the default.
        empty_label=None,
        method="keep",
    )


def share_headings():
    return {
        "target_groups_reached": _("Target groups reached"),
        "method_suitable": _("Methods suited the purpose"),
    }


class MethodsReportView(ScopedReportView):
    page_title = _("Methods and evaluation")
    header_icon = "tasks"
    index_url_name = url_name("methods_report")
    index_results_url_name = url_name("methods_report_results")
    filterset_class = MethodsReportFilterSet
    filename_prefix = "methods-and-evaluation"

    def group_by(self):
        return self.filter_values().get("group_by") or GroupBy.METHOD

    def get_base_queryset(self):
        return DialoguePage.objects.none()

    def get_filtered_queryset(self):
        # The filters only need validating: the rows are the groups of the
        # scoped dialogues.
        dialogues = list(report_queryset(self.report_dialogues()))
        return figures_by(dialogues, self.group_by())

    @property
    def columns(self):
        return [
            Column("name", label=GroupBy(self.group_by()).label),
            Column("dialogues", label=_("Dialogues")),
            Column("evaluated", label=_("Evaluated by staff")),
            *(
                RatingColumn(f"participant.{key}", label=question, counted="answers")
                for key, question in QUESTIONS
            ),
            RatingColumn(
                "overall_rating", label=_("Staff rating"), counted="evaluations"
            ),
            *(
                SharesColumn(name, label=label)
                for name, label in share_headings().items()
            ),
            Column("hours", label=_("Hours")),
            Column("cost", label=_("Cost (SEK)")),
        ]

    @property
    def list_export(self):
        return list(self.export_headings)

    @property
    def export_headings(self):
        """Every figure the table shows, one column each, in its order."""
        headings = {
            "name": GroupBy(self.group_by()).label,
            "dialogues": _("Dialogues"),
            "evaluated": _("Evaluated by staff"),
        }
        for key, question in QUESTIONS:
            headings[f"participant.{key}.mean"] = _("%(question)s (mean)") % {
                "question": question
            }
            headings[f"participant.{key}.answers"] = _("%(question)s (answers)") % {
                "question": question
            }
        headings["overall_rating.mean"] = _("Staff rating (mean)")
        for name, label in share_headings().items():
            for answer, answer_label in (
                ("yes", _("yes")),
                ("partly", _("partly")),
                ("no", _("no")),
            ):
                headings[f"{name}.{answer}"] = _("%(question)s: %(answer)s (%%)") % {
                    "question": label,
                    "answer": answer_label,
                }
        headings["hours"] = _("Hours")
        headings["cost"] = _("Cost (SEK)")
        return headings

    custom_field_preprocess = exported_as_text(["name"])

    def get_heading(self, queryset, field):
        return str(self.export_headings[field])
