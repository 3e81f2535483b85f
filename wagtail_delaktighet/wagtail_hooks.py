"""Every Wagtail hook of the package, in one place: the snippets under one
"Participation" menu, the admin URLs (admin/urls.py), the menu items and
reports, the dashboard panels, the buttons on dialogue pages and indexes, the
log actions (log_actions.py), the permissions and the check on bulk
publishing. The views themselves live in admin/."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, UpdatedAtColumn
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import log_actions, permissions
from .admin import links
from .admin.bulk_publish import refuse_bulk_publish_that_breaks_the_rules
from .admin.dashboard import ParticipationPanel
from .admin.data_requests import PersonalDataRequestMenuItem
from .admin.dialogue_actions import dialogue_actions
from .admin.moderation_actions import ModerationMenuItem
from .admin.outbox_report import OutboxMenuItem
from .admin.overdue_panel import OverdueFeedbackPanel
from .models import (
    Area,
    Body,
    Contact,
    DialogueEvaluation,
    DialogueIndexPage,
    DialoguePage,
    InfluenceLevel,
    InvolvementAssessment,
    Method,
    RejectionReason,
    StrategicGoal,
    TargetGroup,
    Topic,
)
from .reports.assessment_register import AssessmentRegisterMenuItem
from .reports.views import ReportMenuItem


class InfluenceLevelViewSet(SnippetViewSet):
    """The influence ladder (P5). Editors drag the steps into order; the order
    is each level's step ("3 of 5")."""

    model = InfluenceLevel
    icon = "list-ol"
    sort_order_field = "sort_order"
    list_display = [
        "name",
        "promise",
        BooleanColumn("accepts_input", label=_("accepts input")),
        BooleanColumn(
            "requires_feedback_date", label=_("requires a promised feedback date")
        ),
    ]
    search_fields = ["name"]


class BodyViewSet(SnippetViewSet):
    model = Body
    icon = "site"
    list_display = ["name", "kind", UpdatedAtColumn()]
    list_filter = ["kind"]
    search_fields = ["name"]


class ContactViewSet(SnippetViewSet):
    """Elected representatives and officials (P8)."""

    model = Contact
    icon = "user"
    list_display = ["name", "kind", "title", "body"]
    list_filter = ["kind", "body"]
    search_fields = ["name", "title"]

    def get_queryset(self, request):
        # The body column would otherwise cost one query per row.
        return Contact.objects.select_related("body")


class NamedSnippetViewSet(SnippetViewSet):
    list_display = ["name", "description", UpdatedAtColumn()]
    search_fields = ["name"]


class TargetGroupViewSet(NamedSnippetViewSet):
    model = TargetGroup
    icon = "group"


class AreaViewSet(NamedSnippetViewSet):
    model = Area
    icon = "pick"


class TopicViewSet(NamedSnippetViewSet):
    model = Topic
    icon = "tag"


class MethodViewSet(NamedSnippetViewSet):
    model = Method
    icon = "tasks"


class StrategicGoalViewSet(NamedSnippetViewSet):
    model = StrategicGoal
    icon = "success"


class RejectionReasonViewSet(SnippetViewSet):
    """The reasons moderators give when rejecting, for example the lines of
    the municipality's netiquette; in the order moderators choose from."""

    model = RejectionReason
    icon = "warning"
    sort_order_field = "sort_order"
    list_display = ["name", "explanation", "tell_author", "is_spam"]
    search_fields = ["name"]


class InvolvementAssessmentViewSet(SnippetViewSet):
    """The involvement assessment register: every matter's decision whether
    to involve residents, with its export for reports and public records."""

    model = InvolvementAssessment
    icon = "clipboard-list"
    menu_label = _("Involvement assessments")
    list_display = [
        "matter",
        "case_number",
        "responsible_body",
        "decision",
        "assessed_on",
        UpdatedAtColumn(),
    ]
    list_filter = ["decision", "responsible_body", "live"]
    list_export = [
        "matter",
        "case_number",
        "responsible_body",
        "assessed_on",
        "purpose",
        "benefit",
        "time",
        "resources",
        "representativeness",
        "get_decision_display",
        "influence_level",
        "stage",
        "justification",
        "decided_by",
        "live",
    ]
    export_headings = {
        "get_decision_display": _("decision"),
        "live": _("published"),
    }
    export_filename = "involvement-assessments"
    search_fields = ["matter", "case_number", "justification"]

    def get_queryset(self, request):
        # The body column would otherwise cost one query per row.
        return InvolvementAssessment.objects.select_related(
            "responsible_body", "influence_level"
        )


class DialogueEvaluationViewSet(SnippetViewSet):
    """Staff evaluations of closed dialogues, for the regular evaluation of
    methods and results."""

    model = DialogueEvaluation
    icon = "success"
    menu_label = _("Dialogue evaluations")
    list_display = ["dialogue", "overall_rating", "evaluated_on", UpdatedAtColumn()]
    list_filter = ["target_groups_reached", "method_suitable", "overall_rating"]
    list_export = [
        "dialogue",
        "evaluated_on",
        "get_target_groups_reached_display",
        "target_groups_comment",
        "get_method_suitable_display",
        "method_comment",
        "representativeness",
        "hours_used",
        "cost",
        "lessons",
        "overall_rating",
    ]
    export_headings = {
        "get_target_groups_reached_display": _("were the target groups reached?"),
        "get_method_suitable_display": _("did the methods suit the purpose?"),
    }
    export_filename = "dialogue-evaluations"
    search_fields = ["lessons"]

    def get_queryset(self, request):
        return DialogueEvaluation.objects.select_related("dialogue")


class ParticipationViewSetGroup(SnippetViewSetGroup):
    menu_label = pgettext_lazy("admin menu", "Participation")
    menu_icon = "group"
    menu_name = "participation"
    items = (
        InvolvementAssessmentViewSet,
        DialogueEvaluationViewSet,
        InfluenceLevelViewSet,
        BodyViewSet,
        ContactViewSet,
        TargetGroupViewSet,
        AreaViewSet,
        TopicViewSet,
        MethodViewSet,
        StrategicGoalViewSet,
        RejectionReasonViewSet,
    )


register_snippet(ParticipationViewSetGroup)


# -- the admin's URLs and menus


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include("wagtail_delaktighet.admin.urls"))]


@hooks.register("register_admin_menu_item")
def register_moderation_menu_item():
    # Shown to moderators only, with the number awaiting them.
    return ModerationMenuItem(
        _("Moderation"),
        links.inbox_url(),
        name="moderation",
        icon_name="tasks",
        order=250,
    )


@hooks.register("register_reports_menu_item")
def register_overdue_feedback_menu_item():
    return ReportMenuItem(
        _("Overdue feedback"),
        links.overdue_report_url(),
        name="overdue-feedback",
        icon_name="warning",
        order=650,
    )


@hooks.register("register_reports_menu_item")
def register_dialogue_plan_menu_item():
    return ReportMenuItem(
        _("Dialogue plan"),
        links.dialogue_plan_url(),
        name="dialogue-plan",
        icon_name="date",
        order=640,
    )


@hooks.register("register_reports_menu_item")
def register_outbox_menu_item():
    return OutboxMenuItem(
        _("Outgoing email"),
        links.outbox_report_url(),
        name="outgoing-email",
        icon_name="mail",
        order=660,
    )


@hooks.register("register_reports_menu_item")
def register_personal_data_menu_item():
    return PersonalDataRequestMenuItem(
        _("Personal data requests"),
        links.personal_data_url(),
        name="personal-data-requests",
        icon_name="user",
        order=670,
    )


@hooks.register("register_reports_menu_item")
def register_dialogues_report_menu_item():
    return ReportMenuItem(
        _("Dialogues"),
        links.dialogues_report_url(),
        name="dialogues-report",
        icon_name="doc-full-inverse",
        order=680,
    )


@hooks.register("register_reports_menu_item")
def register_annual_summary_menu_item():
    return ReportMenuItem(
        _("Annual summary"),
        links.annual_summary_url(),
        name="annual-summary",
        icon_name="doc-full",
        order=690,
    )


@hooks.register("register_reports_menu_item")
def register_representativeness_menu_item():
    return ReportMenuItem(
        _("Representativeness"),
        links.representativeness_report_url(),
        name="representativeness",
        icon_name="group",
        order=645,
    )


@hooks.register("construct_homepage_panels")
def add_dashboard_panels(request, panels):
    panels.append(ParticipationPanel())
    panels.append(OverdueFeedbackPanel())


# -- buttons on dialogue pages (page header and page listings)

#: Where each action of admin/dialogue_actions.py goes among Wagtail's own
#: buttons: (priority in the header, priority in listings).
BUTTON_PRIORITIES = {"contributions": (61, 44), "offline": (62, 45)}


def dialogue_page_buttons(page, user, *, in_listing):
    """The buttons of a dialogue page, for those who may see its
    contributions; nothing on other pages."""
    # Listings pass plain Page objects: check the class without a query.
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, DialoguePage):
        return
    for action in dialogue_actions(page, user):
        header_priority, listing_priority = BUTTON_PRIORITIES[action.name]
        yield Button(
            action.label,
            action.url,
            icon_name=action.icon,
            priority=listing_priority if in_listing else header_priority,
        )


def dialogue_index_buttons(page, user, *, in_listing):
    """ "New dialogue" (the quick start) on a dialogue index, for those who
    may add dialogues under it; nothing on other pages."""
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, DialogueIndexPage):
        return
    if not permissions.can_start_dialogue_in(user, page):
        return
    yield Button(
        _("New dialogue"),
        links.quick_start_url(page),
        icon_name="plus",
        priority=9 if in_listing else 16,
    )


@hooks.register("register_page_header_buttons")
def page_header_buttons(page, user, view_name=None, next_url=None):
    yield from dialogue_page_buttons(page, user, in_listing=False)
    yield from dialogue_index_buttons(page, user, in_listing=False)


@hooks.register("register_page_listing_more_buttons")
def page_listing_buttons(page, user, next_url=None):
    yield from dialogue_page_buttons(page, user, in_listing=True)
    yield from dialogue_index_buttons(page, user, in_listing=True)


# -- log actions, permissions, publishing


@hooks.register("register_log_actions")
def register_log_actions(actions):
    log_actions.register(actions)


@hooks.register("register_permissions")
def register_contribution_permissions():
    from django.contrib.auth.models import Permission

    return Permission.objects.filter(
        content_type__app_label="wagtail_delaktighet",
        codename__in=[
            "moderate_contribution",
            "export_personal_data",
            # The "Outgoing email" report lists recipients' addresses.
            "view_outboxemail",
        ],
    )


# Bulk publishing holds the publish rules (admin/bulk_publish.py says how).
hooks.register("before_bulk_action", refuse_bulk_publish_that_breaks_the_rules)


@hooks.register("register_reports_menu_item")
def register_methods_report_menu_item():
    return ReportMenuItem(
        _("Methods and evaluation"),
        links.methods_report_url(),
        name="methods-and-evaluation",
        icon_name="tasks",
        order=700,
    )


@hooks.register("register_reports_menu_item")
def register_assessment_register_menu_item():
    return AssessmentRegisterMenuItem(
        _("Assessment register"),
        links.assessment_register_url(),
        name="involvement-assessments",
        icon_name="clipboard-list",
        order=710,
    )
