"""Every admin URL of the package, in one namespace (admin/links.py names
it), registered under Wagtail's admin by wagtail_hooks.

The paths are the ones staff have bookmarked and emails link to: the
workspace under ``delaktighet/``, the reports beside Wagtail's own under
``reports/``.
"""

from django.urls import path

from .. import converters  # noqa: F401 - registers <dlk_id:…>
from ..reports import annual_summary as annual_summary_report
from ..reports import assessment_register, methods_report, representativeness_view
from ..reports import dialogues as dialogues_report
from . import (
    contributions,
    data_requests,
    dialogue_plan,
    moderation_actions,
    offline,
    outbox_report,
    overdue,
    quick_start,
    records_export,
    records_registration,
)
from . import responses as response_views
from .links import NAMESPACE

app_name = NAMESPACE

urlpatterns = [
    # The moderation inbox, across the dialogues the user may edit.
    path(
        "delaktighet/moderation/",
        contributions.ModerationInboxView.as_view(),
        name="inbox",
    ),
    path(
        "delaktighet/moderation/results/",
        contributions.ModerationInboxView.as_view(results_only=True),
        name="inbox_results",
    ),
    path(
        "delaktighet/moderation/bulk/",
        moderation_actions.BulkModerationView.as_view(),
        name="bulk",
    ),
    # A new dialogue in a few steps.
    path(
        "delaktighet/dialogues/new/",
        quick_start.QuickStartView.as_view(),
        name="quick_start",
    ),
    # One dialogue's contributions, and offline input entered for it.
    path(
        "delaktighet/dialogues/<dlk_id:page_id>/contributions/",
        contributions.DialogueContributionsView.as_view(),
        name="dialogue",
    ),
    path(
        "delaktighet/dialogues/<dlk_id:page_id>/contributions/results/",
        contributions.DialogueContributionsView.as_view(results_only=True),
        name="dialogue_results",
    ),
    # Public records: the export for the records system, and registering.
    path(
        "delaktighet/dialogues/<dlk_id:page_id>/public-records/",
        records_export.RecordsExportView.as_view(),
        name="records_export",
    ),
    path(
        "delaktighet/dialogues/<dlk_id:page_id>/public-records/register/",
        records_registration.RegisterContributionsView.as_view(),
        name="register",
    ),
    path(
        "delaktighet/dialogues/<dlk_id:page_id>/offline/",
        offline.EnterOfflineInputView.as_view(),
        name="offline",
    ),
    path(
        "delaktighet/dialogues/<dlk_id:page_id>/offline/<dlk_id:contribution_id>/",
        offline.OfflineInputEnteredView.as_view(),
        name="offline_entered",
    ),
    # One contribution: read, moderate, answer.
    path(
        "delaktighet/contributions/<dlk_id:pk>/",
        contributions.ContributionDetailView.as_view(),
        name="detail",
    ),
    path(
        "delaktighet/contributions/<dlk_id:pk>/approve/",
        moderation_actions.ApproveView.as_view(),
        name="approve",
    ),
    path(
        "delaktighet/contributions/<dlk_id:pk>/reject/",
        moderation_actions.RejectView.as_view(),
        name="reject",
    ),
    path(
        "delaktighet/contributions/<dlk_id:contribution_id>/respond/",
        response_views.RespondView.as_view(),
        name="respond",
    ),
    path(
        "delaktighet/responses/<dlk_id:response_id>/unpublish/",
        response_views.UnpublishResponseView.as_view(),
        name="unpublish_response",
    ),
    # A person's request to see or erase their personal data, by letter or
    # phone.
    path(
        "delaktighet/personal-data/",
        data_requests.PersonalDataRequestView.as_view(),
        name="personal_data",
    ),
    # Reports, in Wagtail's Reports menu.
    path(
        "reports/outgoing-email/",
        outbox_report.OutboxReportView.as_view(),
        name="outbox",
    ),
    path(
        "reports/outgoing-email/results/",
        outbox_report.OutboxReportView.as_view(results_only=True),
        name="outbox_results",
    ),
    path(
        "reports/overdue-feedback/",
        overdue.OverdueFeedbackView.as_view(),
        name="overdue_feedback",
    ),
    path(
        "reports/overdue-feedback/results/",
        overdue.OverdueFeedbackView.as_view(results_only=True),
        name="overdue_feedback_results",
    ),
    path(
        "reports/dialogue-plan/",
        dialogue_plan.DialoguePlanView.as_view(),
        name="dialogue_plan",
    ),
    path(
        "reports/dialogue-plan/results/",
        dialogue_plan.DialoguePlanView.as_view(results_only=True),
        name="dialogue_plan_results",
    ),
    path(
        "reports/dialogue-plan/calendar/",
        dialogue_plan.dialogue_plan_calendar,
        name="dialogue_plan_calendar",
    ),
    path(
        "reports/methods/",
        methods_report.MethodsReportView.as_view(),
        name="methods_report",
    ),
    path(
        "reports/methods/results/",
        methods_report.MethodsReportView.as_view(results_only=True),
        name="methods_report_results",
    ),
    path(
        "reports/involvement-assessments/",
        assessment_register.AssessmentRegisterView.as_view(),
        name="assessment_register",
    ),
    path(
        "reports/involvement-assessments/results/",
        assessment_register.AssessmentRegisterView.as_view(results_only=True),
        name="assessment_register_results",
    ),
    path(
        "reports/dialogues/",
        dialogues_report.DialoguesReportView.as_view(),
        name="dialogues_report",
    ),
    path(
        "reports/dialogues/results/",
        dialogues_report.DialoguesReportView.as_view(results_only=True),
        name="dialogues_report_results",
    ),
    path(
        "reports/annual-summary/",
        annual_summary_report.AnnualSummaryView.as_view(),
        name="annual_summary",
    ),
    path(
        "reports/representativeness/",
        representativeness_view.RepresentativenessView.as_view(),
        name="representativeness",
    ),
    path(
        "reports/representativeness/results/",
        representativeness_view.RepresentativenessView.as_view(results_only=True),
        name="representativeness_results",
    ),
]
