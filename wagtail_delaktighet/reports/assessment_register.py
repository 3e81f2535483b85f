"""The assessment register report: every involvement assessment of a period
(by the date of the assessment), the decisions not to involve residents with
their justification as much as the decisions to involve, and the dialogues
they led to; with a chart of the decisions per body.

Who holds the register's permissions (view or change) sees every
assessment; anyone else sees the assessments behind the dialogues they may
edit, since they decide and document those.
"""

from dataclasses import dataclass

import django_filters
from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy

from ..admin.export import exported_as_text
from ..admin.links import url_name
from ..consultations import only_consultation_pages
from ..models import DialoguePage, InvolvementAssessment, InvolvementDecision
from ..permissions import editable_dialogues
from .views import (
    PeriodAndBodyFilterSet,
    ReportMenuItem,
    ScopedReportView,
)


def sees_whole_register(user):
    return ModelPermissionPolicy(InvolvementAssessment).user_has_any_permission(
        user, {"change", "view"}
    )


def assessments_for(user):
    """The assessments ``user`` may see in the report."""
    if sees_whole_register(user):
        return InvolvementAssessment.objects.all()
    behind_their_dialogues = (
        editable_dialogues(user)
        .filter(involvement_assessment__isnull=False)
        .order_by()
        .values("involvement_assessment")
    )
    return InvolvementAssessment.objects.filter(pk__in=behind_their_dialogues)


@dataclass
class DecisionBar:
    label: str
    count: int
    percent: int


@dataclass
class BodyDecisions:
    """One body's decisions to involve residents and not to, for the
    chart."""

    name: str
    total: int
    bars: list


def decisions_by_body(assessments):
    """The chart's figures for ``assessments``, in one query: per body, how
    many decided to involve and how many not to, of its assessments."""
    rows = (
        assessments.order_by()
        .values("responsible_body__name")
        .annotate(
            involve=Count("pk", filter=Q(decision=InvolvementDecision.INVOLVE)),
            do_not_involve=Count(
                "pk", filter=Q(decision=InvolvementDecision.DO_NOT_INVOLVE)
            ),
            total=Count("pk"),
        )
        .order_by("responsible_body__name")
    )
    return [
        BodyDecisions(
            name=row["responsible_body__name"],
            total=row["total"],
            bars=[
                DecisionBar(label, row[key], round(100 * row[key] / row["total"]))
                for key, label in (
                    ("involve", InvolvementDecision.INVOLVE.label),
                    ("do_not_involve", InvolvementDecision.DO_NOT_INVOLVE.label),
                )
            ],
        )
        for row in rows
    ]


class AssessmentRegisterFilterSet(PeriodAndBodyFilterSet):
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=InvolvementDecision.choices
    )

    class Meta:
        model = InvolvementAssessment
        fields = []


class DialogueLinksColumn(Column):
    """The dialogues an assessment led to, each a link to its edit view."""

    cell_template_name = "wagtail_delaktighet/admin/reports/dialogue_links_cell.html"


def names(objects):
    return ", ".join(str(obj) for obj in objects)


class AssessmentRegisterView(ScopedReportView):
    page_title = _("Assessment register")
    header_icon = "clipboard-list"
    index_url_name = url_name("assessment_register")
    index_results_url_name = url_name("assessment_register_results")
    results_template_name = (
        "wagtail_delaktighet/admin/reports/assessment_register_results.html"
    )
    filterset_class = AssessmentRegisterFilterSet
    filename_prefix = "involvement-assessments"

    columns = [
        Column("matter", label=_("Matter")),
        Column("case_number", label=_("Case number")),
        Column("body_name", label=_("Body")),
        Column("assessed_on", label=_("Date")),
        Column("decision_text", label=_("Decision")),
        Column("justification", label=_("Justification")),
        Column("level_name", label=_("Influence level")),
        Column("method_names", label=_("Methods")),
        Column("target_group_names", label=_("Target groups")),
        Column("decided_by", label=_("Decided by")),
        DialogueLinksColumn("dialogue_links", label=_("Dialogue")),
        Column("published", label=_("Published")),
    ]
    export_headings = {
        "matter": _("Matter"),
        "case_number": _("Case number"),
        "body_name": _("Body"),
        "assessed_on": _("Date"),
        "decision_text": _("Decision"),
        "justification": _("Justification"),
        "level_name": _("Influence level"),
        "method_names": _("Methods"),
        "target_group_names": _("Target groups"),
        "decided_by": _("Decided by"),
        "dialogue_titles": _("Dialogue"),
        "published": _("Published"),
    }
    list_export = list(export_headings)
    custom_field_preprocess = exported_as_text(
        name for name in list_export if name != "assessed_on"
    )

    def get_base_queryset(self):
        return assessments_for(self.request.user)

    def get_filtered_queryset(self):
        # get_queryset() has applied the filters already.
        return self.get_queryset()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        start, end = self.report_period()
        queryset = queryset.filter(assessed_on__gte=start, assessed_on__lte=end)
        body = self.filter_values().get("body")
        if body is not None:
            queryset = queryset.filter(responsible_body=body)
        # The chart counts every assessment the filters keep, not one page.
        self.chart = decisions_by_body(queryset)
        return queryset.select_related(
            "responsible_body", "influence_level"
        ).prefetch_related(
            "methods",
            "target_groups",
            # A dialogue in several languages is named once.
            Prefetch(
                "dialogues",
                queryset=only_consultation_pages(DialoguePage.objects.all()).order_by(
                    "path"
                ),
            ),
        )

    def decorate_paginated_queryset(self, object_list):
        for assessment in object_list:
            dialogues = list(assessment.dialogues.all())
            assessment.body_name = assessment.responsible_body.name
            assessment.decision_text = assessment.get_decision_display()
            assessment.level_name = (
                assessment.influence_level.name if assessment.influence_level else ""
            )
            assessment.method_names = names(assessment.methods.all())
            assessment.target_group_names = names(assessment.target_groups.all())
            assessment.dialogue_links = [
                (d.title, reverse("wagtailadmin_pages:edit", args=[d.pk]))
                for d in dialogues
            ]
            assessment.dialogue_titles = names(d.title for d in dialogues)
            assessment.published = _("Yes") if assessment.live else _("No")
        return object_list

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["chart"] = getattr(self, "chart", [])
        return context


class AssessmentRegisterMenuItem(ReportMenuItem):
    def is_shown(self, request):
        # Also for those who keep the register without editing pages.
        return super().is_shown(request) or sees_whole_register(request.user)
