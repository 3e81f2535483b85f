"""The contributions in the Wagtail admin: a dialogue's listing (with its
export), the moderation inbox, and one contribution in detail. The
moderation actions are in moderation_actions.py.

Who sees what is decided by ``wagtail_delaktighet.permissions`` only; what a
contribution says by ``contribution_content``; moderating is done by
``wagtail_delaktighet.moderation`` only.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BaseColumn, Column, DateColumn, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.log_actions import registry as log_registry

from .. import moderation, permissions
from ..consultations import consultation_page
from ..converters import is_id
from ..models import (
    Contribution,
    ContributionPersonalData,
    DialoguePage,
)
from ..participation import background
from .contribution_content import (
    BlockTypes,
    channel_label,
    dialogue_blocks,
    excerpt,
    language_label,
    registered_blocks,
    removed_block,
)
from .contribution_filters import (
    DialogueContributionFilterSet,
    ModerationInboxFilterSet,
)
from .dialogue_actions import dialogue_actions
from .export import ContributionExportMixin
from .links import (
    detail_url,
    dialogue_contributions_url,
    inbox_url,
    records_export_url,
    register_url,
    respond_url,
    set_next,
    url_name,
)
from .moderation_forms import BulkModerationForm, RejectionForm

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


class DialogueContributionsView(ContributionExportMixin, ContributionListingView):
    """The contributions of one dialogue, for those who may edit its page;
    exported as CSV or XLSX from the same filters."""

    filterset_class = DialogueContributionFilterSet
    index_url_name = url_name("dialogue")
    index_results_url_name = url_name("dialogue_results")
    page_title = _("Contributions")

    def setup(self, request, *args, **kwargs):
        # A translation's contributions are its consultation's: the same
        # list from every language version of the dialogue.
        self.page = consultation_page(
            get_object_or_404(DialoguePage, pk=kwargs["page_id"])
        )
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
            queryset = queryset.select_related("personal_data", "account")
            if self.background_questions:
                queryset = queryset.prefetch_related("background_answers")
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
        buttons += [
            HeaderButton(action.label, url=action.url, icon_name=action.icon)
            for action in dialogue_actions(
                self.page, self.request.user, exclude=["contributions"]
            )
        ]
        return buttons

    @cached_property
    def header_more_buttons(self):
        """Public records, under the header's "Actions": registering what
        the listing shows (filters and search kept), and the export for the
        records system, with personal data only for those allowed it."""
        buttons = [
            Button(
                _("Register in the records system"),
                url=register_url(self.page, self.request.GET),
                icon_name="doc-full",
                priority=10,
            ),
            Button(
                _("Public records (CSV)"),
                url=records_export_url(self.page, "csv"),
                icon_name="download",
                priority=20,
            ),
            Button(
                _("Public records (JSON)"),
                url=records_export_url(self.page, "json"),
                icon_name="download",
                priority=30,
            ),
        ]
        if self.include_personal_data:
            buttons += [
                Button(
                    _("Public records with personal data (CSV)"),
                    url=records_export_url(self.page, "csv", personal_data=True),
                    icon_name="download",
                    priority=40,
                ),
                Button(
                    _("Public records with personal data (JSON)"),
                    url=records_export_url(self.page, "json", personal_data=True),
                    icon_name="download",
                    priority=50,
                ),
            ]
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
    def filtered_dialogue(self):
        """The dialogue the inbox is filtered to, if the user may edit it."""
        value = self.request.GET.get("page", "")
        if not is_id(value):
            return None
        return (
            permissions.editable_dialogues(self.request.user).filter(pk=value).first()
        )

    @cached_property
    def header_buttons(self):
        # Filtered to one dialogue, the inbox offers what the dialogue's edit
        # view offers: its contributions and entering offline input.
        dialogue = self.filtered_dialogue
        if dialogue is None:
            return []
        return [
            HeaderButton(action.label, url=action.url, icon_name=action.icon)
            for action in dialogue_actions(dialogue, self.request.user)
        ]

    @cached_property
    def columns(self):
        columns = list(super().columns)
        columns.insert(
            2,
            # Each row links to its dialogue's contributions (and from there
            # to entering offline input).
            TitleColumn(
                "dialogue",
                label=_("Dialogue"),
                accessor=lambda c: c.page.title,
                get_url=lambda c: dialogue_contributions_url(c.page),
            ),
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
                "entered_by", "moderated_by", "rejection_reason", "registered_by"
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
            language=language_label(contribution),
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
            context["background_answers"] = background.readable(contribution)
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
