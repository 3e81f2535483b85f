"""The contributions in the Wagtail admin: a dialogue's listing (with its
export), one contribution in detail, and the moderation inbox with its
actions.

Who sees what is decided by ``wagtail_delaktighet.permissions`` only; what a
contribution says by ``contribution_content``; moderating is done by
``wagtail_delaktighet.moderation`` only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.log_actions import registry as log_registry

from .. import (
    converters,  # noqa: F401 - registers <dlk_id:…>
    moderation,
    permissions,
)
from ..models import (
    Contribution,
    ContributionPersonalData,
    ContributionStatus,
    DialoguePage,
)
from .contribution_content import (
    BlockTypes,
    channel_label,
    dialogue_blocks,
    excerpt,
    registered_blocks,
    removed_block,
)
from .contribution_filters import (
    DialogueContributionFilterSet,
    ModerationInboxFilterSet,
)
from .export import ContributionExportMixin
from .moderation_forms import BulkModerationForm, RejectionForm

URL_NAMESPACE = "wagtail_delaktighet_contributions"


def url_name(view_name):
    return f"{URL_NAMESPACE}:{view_name}"


def dialogue_contributions_url(page):
    return reverse(url_name("dialogue"), args=[page.pk])


def inbox_url(page=None):
    url = reverse(url_name("inbox"))
    return f"{url}?{urlencode({'page': page.pk})}" if page else url


def detail_url(contribution):
    return reverse(url_name("detail"), args=[contribution.pk])


def respond_url(contribution):
    """Where to answer a question, if the responses part is installed."""
    try:
        return reverse("wagtail_delaktighet_responses:respond", args=[contribution.pk])
    except NoReverseMatch:
        return None


# -- describing the rows of a listing


class BlockDescriptions:
    """The BlockInfo of each contribution, read from its dialogue's body.

    Bodies are loaded once per dialogue (one query for all the dialogues of a
    listing page), never once per contribution.
    """

    def __init__(self, pages=()):
        self.by_page = {page.pk: dialogue_blocks(page) for page in pages}
        self.block_types = BlockTypes()
        # Blocks removed from their page, described once each (an export
        # asks for every row).
        self.removed = {}

    def load(self, contributions):
        missing = {c.page_id for c in contributions} - set(self.by_page)
        if missing:
            for page in DialoguePage.objects.filter(pk__in=missing):
                self.by_page[page.pk] = dialogue_blocks(page)

    def __call__(self, contribution):
        blocks = self.by_page.get(contribution.page_id, {})
        info = blocks.get(contribution.block_id)
        if info is not None:
            return info
        key = (contribution.page_id, contribution.block_id, contribution.block_type)
        if key not in self.removed:
            self.removed[key] = removed_block(contribution, self.block_types)
        return self.removed[key]


class SelectColumn(BaseColumn):
    """A labelled checkbox per row, for the moderation form around the table."""

    cell_template_name = "wagtail_delaktighet/admin/contributions/select_cell.html"


# -- listings


class ContributionListingView(IndexView):
    """What both listings share: columns, search, bounded queries."""

    model = Contribution
    # Access is decided by wagtail_delaktighet.permissions, not by model
    # permissions: dispatch() checks it.
    permission_policy = None
    any_permission_required = None
    paginate_by = 50
    default_ordering = "-created_at"
    header_icon = "comment"
    search_fields = ["receipt", "display_name"]
    verbose_name = _("contribution")
    verbose_name_plural = _("contributions")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.describe = BlockDescriptions(self.dialogues_shown())

    def dialogues_shown(self):
        return []

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = Q()
        for lookup in self.search_lookups():
            query |= Q(**{f"{lookup}__icontains": self.search_query})
        return queryset.filter(query)

    def search_lookups(self):
        """The fields searched: the receipt, the display name and the free
        text of the blocks of the dialogues shown, as each block describes
        it (``search_paths()``). Key lookups, not the JSON cast to text:
        SQLite and MariaDB store "ö" as "\u00f6" in JSON text, so a cast
        would miss Swedish words."""
        lookups = list(self.search_fields)
        # The main text of every block type, also of blocks since removed
        # from their page.
        for block in registered_blocks().values():
            if block.text_field_name:
                lookup = f"content__{block.text_field_name}"
                if lookup not in lookups:
                    lookups.append(lookup)
        for blocks in self.searched_dialogue_blocks():
            for info in blocks.values():
                for lookup in info.search_lookups():
                    if lookup not in lookups:
                        lookups.append(lookup)
        return lookups

    def searched_dialogue_blocks(self):
        """{block id: BlockInfo} of each dialogue a search covers."""
        return self.describe.by_page.values()

    def get_table(self, object_list):
        if not self.is_export:
            object_list = list(object_list)
            self.describe.load(object_list)
        return super().get_table(object_list)

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "receipt",
                label=_("Receipt"),
                accessor=lambda c: c.receipt or str(c.pk),
                get_url=self.get_detail_url,
            ),
            Column(
                "block", label=_("Block"), accessor=lambda c: self.describe(c).label
            ),
            Column(
                "type", label=_("Type"), accessor=lambda c: self.describe(c).type_label
            ),
            Column(
                "status",
                label=_("Status"),
                accessor="get_status_display",
                sort_key="status",
            ),
            Column("channel", label=_("Channel"), accessor=channel_label),
            DateColumn("created_at", label=_("Created"), sort_key="created_at"),
            Column("display_name", label=_("Display name")),
            Column(
                "excerpt",
                label=_("Content"),
                accessor=lambda c: excerpt(c, self.describe(c)),
            ),
        ]

    def get_detail_url(self, contribution):
        return set_next(detail_url(contribution), self.return_url)

    @cached_property
    def return_url(self):
        """This listing as it is filtered now, to come back to."""
        query = self.request.GET.copy()
        for key in ("export", "_w_filter_fragment"):
            query.pop(key, None)
        return f"{self.index_url}?{query.urlencode()}" if query else self.index_url


def set_next(url, next_url):
    return f"{url}?{urlencode({'next': next_url})}"


class DialogueContributionsView(ContributionExportMixin, ContributionListingView):
    """The contributions of one dialogue, for those who may edit its page;
    exported as CSV or XLSX from the same filters."""

    filterset_class = DialogueContributionFilterSet
    index_url_name = url_name("dialogue")
    index_results_url_name = url_name("dialogue_results")
    page_title = _("Contributions")

    def setup(self, request, *args, **kwargs):
        self.page = get_object_or_404(DialoguePage, pk=kwargs["page_id"])
        super().setup(request, *args, **kwargs)
        self.blocks = self.describe.by_page[self.page.pk]

    def dialogues_shown(self):
        return [self.page]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_contributions(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def include_personal_data(self):
        return permissions.can_export_personal_data(self.request.user)

    def get_base_queryset(self):
        queryset = Contribution.objects.filter(page=self.page)
        if self.is_export and self.include_personal_data:
            queryset = queryset.select_related("personal_data")
        return queryset

    def get_filterset_kwargs(self):
        return {**super().get_filterset_kwargs(), "blocks": self.blocks}

    def get_index_url(self):
        return reverse(self.index_url_name, args=[self.page.pk])

    def get_index_results_url(self):
        return reverse(self.index_results_url_name, args=[self.page.pk])

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.title,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    @cached_property
    def header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        buttons = [
            HeaderButton(
                _("Edit dialogue"),
                url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                icon_name="edit",
            )
        ]
        if permissions.can_moderate(self.request.user, self.page):
            buttons.append(
                HeaderButton(
                    _("Moderation inbox"), url=inbox_url(self.page), icon_name="tasks"
                )
            )
        return buttons


class ModerationInboxView(ContributionListingView):
    """Contributions of every dialogue the user may edit, awaiting moderation
    first; moderators approve or reject them, one or many at a time."""

    filterset_class = ModerationInboxFilterSet
    index_url_name = url_name("inbox")
    index_results_url_name = url_name("inbox_results")
    results_template_name = "wagtail_delaktighet/admin/contributions/inbox_results.html"
    page_title = _("Moderation")
    # No export here: exports are per dialogue, where the columns are known.
    FORMATS = ()

    @cached_property
    def can_moderate(self):
        return permissions.can_moderate(self.request.user)

    def get_base_queryset(self):
        return moderation.moderatable(
            permissions.contributions_for(self.request.user)
        ).select_related("page")

    def searched_dialogue_blocks(self):
        # Every dialogue with contributions in the inbox: one query, and
        # only when searching.
        dialogues = DialoguePage.objects.filter(
            pk__in=self.get_base_queryset().values("page_id")
        )
        return [dialogue_blocks(dialogue) for dialogue in dialogues]

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(
            2,
            Column("dialogue", label=_("Dialogue"), accessor=lambda c: c.page.title),
        )
        if self.can_moderate:
            columns.insert(0, SelectColumn("select", label=_("Select")))
        return columns

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_moderate"] = self.can_moderate
        if self.can_moderate:
            context["bulk_form"] = BulkModerationForm(
                queryset=Contribution.objects.none()
            )
            context["bulk_url"] = reverse(url_name("bulk"))
            context["return_url"] = self.return_url
        return context


# -- one contribution


class ContributionDetailView(WagtailAdminTemplateMixin, TemplateView):
    """One contribution: what it says, where it stands, what was done with it
    and by whom. Personal data only for those allowed to export it."""

    template_name = "wagtail_delaktighet/admin/contributions/detail.html"
    header_icon = "comment"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.contribution = get_object_or_404(
            Contribution.objects.select_related(
                "entered_by", "moderated_by", "rejection_reason"
            ),
            pk=kwargs["pk"],
        )
        self.page = get_object_or_404(DialoguePage, pk=self.contribution.page_id)

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_contributions(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Contribution %(receipt)s") % {"receipt": self.contribution}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.title,
            },
            {"url": dialogue_contributions_url(self.page), "label": _("Contributions")},
            {"url": "", "label": str(self.contribution)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contribution = self.contribution
        info = BlockDescriptions([self.page])(contribution)
        user = self.request.user
        may_moderate = (
            permissions.can_moderate(user, self.page)
            and moderation.moderatable(
                Contribution.objects.filter(pk=contribution.pk)
            ).exists()
        )
        context.update(
            contribution=contribution,
            page=self.page,
            block_info=info,
            text=info.text(contribution),
            answers=info.readable_answers(contribution),
            channel=channel_label(contribution),
            responses=contribution.responses.select_related(
                "signed_by", "signed_by__body", "created_by"
            ),
            log_entries=log_registry.get_logs_for_instance(contribution)
            .select_related("user")
            .order_by("-timestamp", "-pk"),
            show_personal_data=permissions.can_export_personal_data(user),
            listing_url=dialogue_contributions_url(self.page),
            next_url=get_valid_next_url_from_request(self.request),
        )
        if context["show_personal_data"]:
            context["personal_data"] = ContributionPersonalData.objects.filter(
                contribution=contribution
            ).first()
        if may_moderate:
            context.update(
                approve_url=reverse(url_name("approve"), args=[contribution.pk]),
                reject_url=reverse(url_name("reject"), args=[contribution.pk]),
                rejection_form=RejectionForm(),
            )
        if info.block.accepts_official_responses and permissions.can_moderate(
            user, self.page
        ):
            context["respond_url"] = respond_url(contribution)
        return context


# -- moderating


class ModerationActionView(View):
    """Base of the POST-only moderation actions on one contribution."""

    http_method_names = ["post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.contribution = get_object_or_404(
            moderation.moderatable(Contribution.objects.select_related("page")),
            pk=kwargs["pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user, self.contribution.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def done(self):
        return redirect(
            get_valid_next_url_from_request(self.request)
            or detail_url(self.contribution)
        )


class ApproveView(ModerationActionView):
    def post(self, request, *args, **kwargs):
        moderation.approve(self.contribution, user=request.user)
        messages.success(
            request,
            _("Contribution %(receipt)s approved and published.")
            % {"receipt": self.contribution},
        )
        return self.done()


class RejectView(ModerationActionView):
    def post(self, request, *args, **kwargs):
        form = RejectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a reason to reject the contribution."))
            # Back to the form, keeping the way back to the listing.
            next_url = get_valid_next_url_from_request(request)
            url = detail_url(self.contribution)
            return redirect(set_next(url, next_url) if next_url else url)
        moderation.reject(
            self.contribution,
            user=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _("Contribution %(receipt)s rejected.") % {"receipt": self.contribution},
        )
        return self.done()


class BulkModerationView(View):
    """Approve or reject the contributions chosen in the inbox."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        allowed = moderation.moderatable(
            permissions.contributions_for(request.user)
        ).select_related("page")
        form = BulkModerationForm(request.POST, queryset=allowed)
        back = get_valid_next_url_from_request(request) or reverse(url_name("inbox"))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        chosen = list(form.cleaned_data["contributions"])
        if form.cleaned_data["action"] == BulkModerationForm.APPROVE:
            moderation.approve_many(chosen, user=request.user)
            message = ngettext(
                "%(count)d contribution approved and published.",
                "%(count)d contributions approved and published.",
                len(chosen),
            )
        else:
            moderation.reject_many(
                chosen,
                user=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
            message = ngettext(
                "%(count)d contribution rejected.",
                "%(count)d contributions rejected.",
                len(chosen),
            )
        messages.success(request, message % {"count": len(chosen)})
        return redirect(back)


# -- registration


class ModerationMenuItem(MenuItem):
    """ "Moderation" in the admin menu, for moderators, with the number of
    contributions awaiting them (one COUNT query)."""

    def is_shown(self, request):
        return permissions.can_moderate(request.user)

    def render_component(self, request):
        pending = (
            permissions.contributions_for(request.user)
            .filter(status=ContributionStatus.PENDING)
            .count()
        )
        label = self.label
        if pending:
            label = _("%(label)s (%(count)d awaiting)") % {
                "label": self.label,
                "count": pending,
            }
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )


class ContributionViewSet(ViewSet):
    """Registers the contribution views under /admin/delaktighet/."""

    name = URL_NAMESPACE
    url_prefix = "delaktighet"
    icon = "comment"
    menu_label = _("Moderation")
    menu_name = "moderation"
    menu_icon = "tasks"
    menu_order = 250
    add_to_admin_menu = True

    menu_item_class = ModerationMenuItem

    @cached_property
    def menu_url(self):
        return reverse(url_name("inbox"))

    def get_urlpatterns(self):
        return [
            path("moderation/", ModerationInboxView.as_view(), name="inbox"),
            path(
                "moderation/results/",
                ModerationInboxView.as_view(results_only=True),
                name="inbox_results",
            ),
            path("moderation/bulk/", BulkModerationView.as_view(), name="bulk"),
            path(
                "dialogues/<dlk_id:page_id>/contributions/",
                DialogueContributionsView.as_view(),
                name="dialogue",
            ),
            path(
                "dialogues/<dlk_id:page_id>/contributions/results/",
                DialogueContributionsView.as_view(results_only=True),
                name="dialogue_results",
            ),
            path(
                "contributions/<dlk_id:pk>/",
                ContributionDetailView.as_view(),
                name="detail",
            ),
            path(
                "contributions/<dlk_id:pk>/approve/",
                ApproveView.as_view(),
                name="approve",
            ),
            path(
                "contributions/<dlk_id:pk>/reject/", RejectView.as_view(), name="reject"
            ),
        ]
