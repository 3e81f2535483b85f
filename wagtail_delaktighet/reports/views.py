"""What every cross-dialogue report shares: the period and body filters,
the scope of the dialogues the user may edit, and the stylesheet."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from ..forms.date_inputs import DateInput
from ..forms.ids import IdLookupMixin
from ..models import Body, DialoguePage
from ..permissions import editable_dialogues
from .period import dialogues_in, report_period


class IdChoiceField(IdLookupMixin, django_filters.fields.ModelChoiceField):
    pass


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    """A model choice whose made-up id in the address is an invalid choice,
    not a database error (forms/ids.py)."""

    field_class = IdChoiceField


class PeriodAndBodyFilterSet(WagtailFilterSet):
    """A period (a from and a to date) and a body. The filters only collect
    the values: the report's view applies them (``ScopedReportView``),
    since what falls in a period depends on the report."""

    period_from = django_filters.DateFilter(
        label=_("From"), method="keep", widget=DateInput
    )
    period_to = django_filters.DateFilter(
        label=_("To"), method="keep", widget=DateInput
    )
    body = IdChoiceFilter(
        label=_("Body"), queryset=Body.objects.order_by("name"), method="keep"
    )

    class Meta:
        # The reports over dialogues; a report over another model gives
        # its own Meta.
        model = DialoguePage
        fields = []

    def keep(self, queryset, name, value):
        return queryset


#: The reports' one stylesheet: bars, charts and the annual summary's print
#: rules (the admin does not load the public CSS).
REPORTS_MEDIA = forms.Media(css={"all": ["wagtail_delaktighet/css/reports.css"]})


class ReportStylesheetMixin:
    """Adds the reports' stylesheet to the view's ``media``, which the
    admin's listing templates (and annual_summary.html) render."""

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["media"] = context.get("media", forms.Media()) + REPORTS_MEDIA
        return context


class ScopedReportView(ReportStylesheetMixin, ReportView):
    """A report over the dialogues of a period that the user may edit,
    filtered by body. Subclasses set ``filterset_class`` (a subclass of
    ``PeriodAndBodyFilterSet`` with its ``Meta.model``) and build their rows
    from ``self.report_dialogues()``."""

    filename_prefix = "report"

    def filter_values(self):
        filters = getattr(self, "filters", None)
        if filters is None or not filters.is_valid():
            return {}
        return filters.form.cleaned_data

    def report_period(self):
        return report_period(self.filter_values())

    def report_dialogues(self):
        """The period's dialogues that the user may edit, of the chosen
        body."""
        start, end = self.report_period()
        return dialogues_in(
            start,
            end,
            body=self.filter_values().get("body"),
            within=editable_dialogues(self.request.user),
        )

    def get_filename(self):
        return f"{self.filename_prefix}-{timezone.localdate():%Y-%m-%d}"


class ReportMenuItem(MenuItem):
    """The menu item of a report over dialogues (these and the overdue
    feedback and dialogue plan reports)."""

    def is_shown(self, request):
        # Checked on every admin page, so without a query of its own: anyone
        # who may edit pages sees them; what each report lists is scoped to
        # the dialogues they may edit.
        return PagePermissionPolicy().user_has_permission(request.user, "change")
