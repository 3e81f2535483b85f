"""The dialogue plan for coordinators: every dated dialogue of the
municipality in a period, drafts included, by body, area and target group,
with the ones that ask the same people in the same weeks flagged.

A Wagtail ``ReportView``, so it filters, paginates and exports CSV and XLSX
like Wagtail's own reports. Overlaps are looked for among all the period's
dialogues, not only those the filters keep: a committee's coordinator sees
that another body asks the same target group.
"""

import django_filters
from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.reports import ReportView

from ..forms.date_inputs import DateInput
from ..models import Area, Body, DialoguePage, TargetGroup
from ..planning.calendar import plan_calendar_response
from ..planning.describe import describe
from ..planning.plan import (
    consultations_planned,
    default_period,
    find_overlaps,
    narrowed,
)
from .dialogue_columns import dialogue_title_column
from .export import exported_as_text
from .links import url_name


class DialoguePlanFilterSet(WagtailFilterSet):
    period_from = django_filters.DateFilter(
        label=_("From"), method="keep", widget=DateInput
    )
    period_to = django_filters.DateFilter(
        label=_("To"), method="keep", widget=DateInput
    )
    body = django_filters.ModelChoiceFilter(
        label=_("Body"), queryset=Body.objects.order_by("name"), method="keep"
    )
    area = django_filters.ModelChoiceFilter(
        label=_("Area"), queryset=Area.objects.order_by("name"), method="keep"
    )
    target_group = django_filters.ModelChoiceFilter(
        label=_("Target group"),
        queryset=TargetGroup.objects.order_by("name"),
        method="keep",
    )
    overlapping = django_filters.BooleanFilter(
        label=_("Only overlapping dialogues"),
        method="keep",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = DialoguePage
        fields = []

    def keep(self, queryset, name, value):
        # The view applies every filter itself (plan_queryset), since the
        # period also decides which dialogues overlaps are looked for among.
        return queryset


class DialoguePlanView(ReportView):
    page_title = _("Dialogue plan")
    header_icon = "date"
    index_url_name = url_name("dialogue_plan")
    index_results_url_name = url_name("dialogue_plan_results")
    filterset_class = DialoguePlanFilterSet
    columns = [
        dialogue_title_column(),
        Column("plan_status", label=_("Status")),
        Column("responsible_body_name", label=_("Responsible body")),
        Column("opens_on", label=_("Opens")),
        Column("closes_on", label=_("Closes")),
        Column("target_group_names", label=_("Target groups")),
        Column("area_names", label=_("Areas")),
        Column("council_decision", label=_("Municipality-wide")),
        Column("overlap_text", label=_("Overlaps")),
    ]
    list_export = [
        "title",
        "plan_status",
        "responsible_body_name",
        "level_name",
        "opens_on",
        "closes_on",
        "target_group_names",
        "area_names",
        "council_decision",
        "overlap_text",
    ]
    export_headings = {
        "title": _("Dialogue"),
        "plan_status": _("Status"),
        "responsible_body_name": _("Responsible body"),
        "level_name": _("Influence level"),
        "opens_on": _("Opens"),
        "closes_on": _("Closes"),
        "target_group_names": _("Target groups"),
        "area_names": _("Areas"),
        "council_decision": _("Municipality-wide"),
        "overlap_text": _("Overlaps"),
    }
    custom_field_preprocess = exported_as_text(
        [
            "title",
            "responsible_body_name",
            "target_group_names",
            "area_names",
            "council_decision",
            "overlap_text",
        ]
    )

    def get_base_queryset(self):
        return DialoguePage.objects.all()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        values = self.filter_values()
        start, end = self.period(values)
        self.period_dialogues = list(consultations_planned(start, end))
        self.overlaps = find_overlaps(self.period_dialogues)
        shown = narrowed(
            consultations_planned(start, end),
            body=values.get("body"),
            area=values.get("area"),
            target_group=values.get("target_group"),
        )
        if values.get("overlapping"):
            shown = shown.filter(pk__in=list(self.overlaps))
        return shown

    def order_queryset(self, queryset):
        return queryset.order_by("opens_at", "pk")

    def decorate_paginated_queryset(self, object_list):
        for dialogue in object_list:
            describe(dialogue, self.overlaps.get(dialogue.pk, []))
        return object_list

    def filter_values(self):
        filters = getattr(self, "filters", None)
        if filters is None or not filters.is_valid():
            return {}
        return filters.form.cleaned_data

    def period(self, values):
        start, end = default_period()
        return values.get("period_from") or start, values.get("period_to") or end

    def get_filename(self):
        return f"dialogue-plan-{timezone.localdate():%Y-%m-%d}"


def dialogue_plan_calendar(request):
    """The plan of the default period as an iCalendar file, drafts and
    overlaps included, for the coordinator's calendar."""
    start, end = default_period()
    dialogues = list(consultations_planned(start, end))
    overlaps = find_overlaps(dialogues)
    for dialogue in dialogues:
        describe(dialogue, overlaps.get(dialogue.pk, []))
    return plan_calendar_response(
        request,
        dialogues,
        name=str(_("Dialogue plan")),
        url_of=lambda dialogue: request.build_absolute_uri(
            reverse("wagtailadmin_pages:edit", args=[dialogue.pk])
        ),
    )
