"""The annual summary: one year's dialogues of one body or of the whole
municipality, for the municipality's regular evaluation (P7), as a page
that prints cleanly to PDF.

It lists the year's dialogues and what they add up to: dialogues per
influence level, participation, feedback kept on time, the participants'
evaluation averages, the staff evaluations' ratings and lessons learned. The
per-dialogue figures are the dialogues report's (dialogue_figures.py). Like
the reports, it covers the dialogues the user may edit.
"""

from dataclasses import dataclass, field
from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..blocks.evaluation import QUESTIONS, evaluation_averages, pooled_average
from ..models import Body, DialogueEvaluation
from ..models.evaluation import Reached
from ..permissions import editable_dialogues
from .dialogue_figures import (
    add_figures,
    chart,
    dialogues_per_level,
    feedback_timing_chart,
    totals,
    with_figures,
)
from .period import dialogues_in
from .views import ReportStylesheetMixin


class AnnualSummaryForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year"), min_value=2000, max_value=2100, required=False
    )
    body = forms.ModelChoiceField(
        label=gettext_lazy("Body"),
        queryset=Body.objects.order_by("name"),
        required=False,
        empty_label=gettext_lazy("The whole municipality"),
    )


@dataclass
class StaffEvaluations:
    """What the staff evaluations of the dialogues say together."""

    count: int
    #: The mean overall rating (1–5), None when nothing was evaluated.
    mean_rating: float | None
    target_groups_reached: object
    #: ``(dialogue, evaluation)`` of every evaluation with its lessons.
    lessons: list = field(default_factory=list)


@dataclass
class AnnualSummary:
    year: int
    body: Body | None
    dialogues: list
    totals: object
    level_chart: object
    feedback_chart: object
    participant_averages: list
    staff: StaffEvaluations


def pooled_averages(per_dialogue):
    """One ``Average`` per evaluation question over every dialogue's answers
    (``evaluation_averages``' values): each answer weighs the same."""
    return [
        pooled_average(question, [averages[key] for averages in per_dialogue.values()])
        for key, question in QUESTIONS
    ]


def staff_evaluations(dialogues):
    """The staff evaluations of ``dialogues``, in one query."""
    by_pk = {dialogue.pk: dialogue for dialogue in dialogues}
    evaluations = list(
        DialogueEvaluation.objects.filter(dialogue_id__in=list(by_pk)).order_by(
            "dialogue_id"
        )
    )
    ratings = [evaluation.overall_rating for evaluation in evaluations]
    reached = [
        (label, sum(1 for e in evaluations if e.target_groups_reached == value))
        for value, label in Reached.choices
    ]
    return StaffEvaluations(
        count=len(evaluations),
        mean_rating=round(sum(ratings) / len(ratings), 2) if ratings else None,
        target_groups_reached=chart(
            _("Were the target groups reached?"),
            reached,
            len(evaluations),
            note=ngettext(
                "%(total)s evaluation in all.",
                "%(total)s evaluations in all.",
                len(evaluations),
            )
            % {"total": len(evaluations)},
        ),
        lessons=[
            (by_pk[evaluation.dialogue_id], evaluation)
            for evaluation in evaluations
            if evaluation.lessons.strip()
        ],
    )


def annual_summary(user, year, body=None):
    """The ``AnnualSummary`` of ``year`` for ``body`` (None: every body),
    over the dialogues ``user`` may edit."""
    queryset = dialogues_in(
        date(year, 1, 1),
        date(year, 12, 31),
        body=body,
        within=editable_dialogues(user),
    )
    dialogues = add_figures(with_figures(queryset))
    return AnnualSummary(
        year=year,
        body=body,
        dialogues=dialogues,
        totals=totals(dialogues),
        level_chart=dialogues_per_level(queryset),
        feedback_chart=feedback_timing_chart(dialogues),
        participant_averages=pooled_averages(evaluation_averages(dialogues)),
        staff=staff_evaluations(dialogues),
    )


class AnnualSummaryView(ReportStylesheetMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_delaktighet/admin/reports/annual_summary.html"
    page_title = gettext_lazy("Annual summary")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        # As Wagtail's own reports: Home, then the report's name.
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET if self.request.GET else None
        form = AnnualSummaryForm(data)
        context["form"] = form
        if data is None or form.is_valid():
            values = form.cleaned_data if data is not None else {}
            year = values.get("year") or timezone.localdate().year
            context["summary"] = annual_summary(
                self.request.user, year, values.get("body")
            )
        return context
