"""Admin: the snippets of the package, under one "Participation" menu."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    Area,
    Body,
    Contact,
    InfluenceLevel,
    Method,
    RejectionReason,
    StrategicGoal,
    TargetGroup,
    Topic,
)


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
    list_display = ["name", "explanation", "tell_author"]
    search_fields = ["name"]


class ParticipationViewSetGroup(SnippetViewSetGroup):
    menu_label = pgettext_lazy("admin menu", "Participation")
    menu_icon = "group"
    menu_name = "participation"
    items = (
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


@hooks.register("register_log_actions")
def register_contribution_log_actions(actions):
    from .log_actions import register

    register(actions)


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


# The staff workspace registers its own hooks, one module per part.
from .admin import (  # noqa: E402, F401
    contributions_hooks,
    dashboard_hooks,
    outbox_hooks,
    overdue_hooks,
    publish_hooks,
    responses_hooks,
)
