"""Wagtail hooks of the overdue feedback part of the staff workspace: the
report, its Reports menu item and the dashboard panel; imported by
wagtail_hooks."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .overdue import (
    RESULTS_URL_NAME,
    URL_NAME,
    OverdueFeedbackMenuItem,
    OverdueFeedbackView,
)
from .overdue_panel import OverdueFeedbackPanel


@hooks.register("register_admin_urls")
def register_overdue_feedback_urls():
    return [
        path(
            "reports/overdue-feedback/",
            OverdueFeedbackView.as_view(),
            name=URL_NAME,
        ),
        path(
            "reports/overdue-feedback/results/",
            OverdueFeedbackView.as_view(results_only=True),
            name=RESULTS_URL_NAME,
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_overdue_feedback_menu_item():
    return OverdueFeedbackMenuItem(
        _("Overdue feedback"),
        reverse(URL_NAME),
        name="overdue-feedback",
        icon_name="warning",
        order=650,
    )


@hooks.register("construct_homepage_panels")
def add_overdue_feedback_panel(request, panels):
    panels.append(OverdueFeedbackPanel())
