"""The "Outgoing email" report: what the outbox has sent and what is still
pending, with the last error, so staff can see that no email is lost when a
mail server fails (P6), and which emails were given up after the last
allowed attempt.

Recipients are personal data: the report needs Django's *Can view outgoing
email* permission (superusers have it), which no group gets by default.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView
from wagtail.permission_policies import ModelPermissionPolicy

from ..models import OutboxEmail, OutboxKind
from .links import url_name

permission_policy = ModelPermissionPolicy(OutboxEmail)


class OutboxFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[
            ("pending", _("Pending")),
            ("sent", _("Sent")),
            ("failed", _("Failed")),
        ],
        empty_label=_("All"),
        widget=forms.RadioSelect,
        method="filter_state",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"),
        choices=OutboxKind.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )

    class Meta:
        model = OutboxEmail
        fields = []

    def filter_state(self, queryset, name, value):
        if value == "sent":
            return queryset.filter(sent_at__isnull=False)
        if value == "failed":
            return queryset.filter(failed_at__isnull=False)
        return queryset.filter(sent_at__isnull=True, failed_at__isnull=True)


class OutboxReportView(ReportView):
    page_title = _("Outgoing email")
    header_icon = "mail"
    index_url_name = url_name("outbox")
    index_results_url_name = url_name("outbox_results")
    model = OutboxEmail
    permission_policy = permission_policy
    permission_required = "view"
    filterset_class = OutboxFilterSet
    default_ordering = "-created_at"
    columns = [
        DateColumn("created_at", label=_("Created"), sort_key="created_at"),
        Column("kind", label=_("Kind"), accessor="get_kind_display"),
        Column("recipient", label=_("Recipient")),
        Column("subject", label=_("Subject")),
        DateColumn("sent_at", label=_("Sent"), sort_key="sent_at"),
        Column("attempts", label=_("Attempts")),
        DateColumn("next_attempt_at", label=_("Next attempt"), accessor="next_try"),
        DateColumn("failed_at", label=_("Failed"), sort_key="failed_at"),
        Column("last_error", label=_("Last error")),
    ]
    list_export = [
        "created_at",
        "kind",
        "recipient",
        "subject",
        "sent_at",
        "attempts",
        "failed_at",
    ]

    def get_base_queryset(self):
        return OutboxEmail.objects.all()

    def order_queryset(self, queryset):
        return queryset.order_by(self.ordering, "-pk")


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_permission(request.user, "view")
