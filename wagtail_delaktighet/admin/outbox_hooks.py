"""Wagtail hooks of the "Outgoing email" report; imported by wagtail_hooks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .outbox_report import RESULTS_URL_NAME, URL_NAME, OutboxMenuItem, OutboxReportView


@hooks.register("register_admin_urls")
def register_outbox_urls():
    return [
        path("reports/outgoing-email/", OutboxReportView.as_view(), name=URL_NAME),
        path(
            "reports/outgoing-email/results/",
            OutboxReportView.as_view(results_only=True),
            name=RESULTS_URL_NAME,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Outgoing email"),
        reverse(URL_NAME),
        name="outgoing-email",
        icon_name="mail",
        order=660,
    )
