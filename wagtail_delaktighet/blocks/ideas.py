"""The ideas block (Idéer): citizens propose ideas, others support them, and
staff give each idea an official status with a signed answer (P1, P4, P8).

One block, two kinds of contribution, both through the one participation
service:

- a **proposal**: title, description, an optional category from the ones
  the editor set; published after moderation or at once, as the editor
  chooses;
- a **support**: the same form posted with ``supports`` (an idea's id) and
  nothing else. It is stored as a private contribution
  (``{"supports": <id>}``) with the counted answer ``("support", "<id>")``,
  so support counts are the stored counters. ``participant_scope`` makes the
  participant key one per idea: a participant supports an idea once, however
  often or concurrently they post.

The status is the ``outcome`` of the idea's official response
(``AnsweredPublicly``); its author, given an email with consent, is told when
one is published (following/response_notices.py).
"""

from urllib.parse import urlencode

from django import forms
from django.db.models import CharField, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..consultations import consultation_page
from ..models.contributions import (
    Contribution,
    ContributionAnswer,
    ContributionStatus,
)
from ..models.result_counts import ResultCount
from ..participation import counters
from ..participation.forms import ContributionForm, form_prefix, text_field
from .choices import option_items
from .consultation import ConsultationBlock, ContributionData
from .data_fields import NUMBER, DataField, field_schema
from .official_responses import AnsweredPublicly, with_published_responses
from .public_listing import paginate

#: The form field (and content key) of a support: the supported idea's id.
SUPPORTS = "supports"
#: The counted answer of a support: ("support", "<idea id>").
SUPPORT = "support"
CATEGORY = "category"

#: How the public list is sorted: the GET parameter ``<block id>-sort``.
SORT_NEWEST = "newest"
SORT_SUPPORT = "support"
SORT_CHOICES = [
    (SORT_NEWEST, _("Newest first")),
    (SORT_SUPPORT, _("Most supported first")),
]

#: The official statuses staff give an idea (``OfficialResponse.outcome``).
OUTCOMES = [
    ("under_review", _("Under review")),
    ("accepted", _("Accepted")),
    ("partly_accepted", _("Partly accepted")),
    ("not_possible", _("Not possible")),
]

#: The largest id a database's bigint holds: a larger one is a form error.
LARGEST_ID = 2**63 - 1


class SupportForm(ContributionForm):
    """The form of a support: the idea's id, checked to be a published idea
    of this block on this page."""

    collects_identity = False

    supports = forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=LARGEST_ID,
        label=_("The idea you support"),
        error_messages={
            "invalid": _("This idea cannot be supported here."),
            "min_value": _("This idea cannot be supported here."),
            "max_value": _("This idea cannot be supported here."),
        },
    )
    #: Tells the block's template and ``state()`` a support from a proposal.
    is_support = True

    def __init__(self, *args, page=None, block_id="", block_type="", **kwargs):
        self.page = page
        self.block_id = block_id
        self.block_type = block_type
        super().__init__(*args, **kwargs)

    def clean_supports(self):
        idea_id = self.cleaned_data["supports"]
        published = Contribution.objects.filter(
            pk=idea_id,
            page=consultation_page(self.page),
            block_id=self.block_id,
            block_type=self.block_type,
            status=ContributionStatus.PUBLISHED,
        )
        if self.page is None or not published.exists():
            raise forms.ValidationError(
                _(
                    "This idea cannot be supported: it is not one of the "
                    "published ideas here."
                ),
                code="not_published",
            )
        return idea_id


class IdeasBlock(AnsweredPublicly, ConsultationBlock):
    """Ideas with supports, official statuses and answers."""

    class Publication:
        AFTER_MODERATION = "after_moderation"
        AT_ONCE = "at_once"

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    prompt = blocks.TextBlock(
        label=_("What we ask"),
        required=False,
        help_text=_("What kind of ideas are welcome, and what happens to them."),
    )
    categories = blocks.ListBlock(
        blocks.CharBlock(label=_("Category"), max_length=200),
        label=_("Categories"),
        min_num=0,
        default=[],
        help_text=_(
            "Optional: participants may file their idea under one of these, "
            "and visitors filter the list by them."
        ),
    )
    publication = blocks.ChoiceBlock(
        label=_("Publication"),
        choices=[
            (Publication.AFTER_MODERATION, _("Published after moderation")),
            (Publication.AT_ONCE, _("Published at once, moderated afterwards")),
        ],
        default=Publication.AFTER_MODERATION,
    )

    text_field_name = "description"
    answer_action = _("Set the status and answer")
    response_heading = _("Status and answer for an idea")
    answered_heading = _("The idea")
    author_label = _("Proposed by")
    publish_note = _(
        "Publishing the status and answer also publishes the idea, if it still "
        "awaits moderation. The author is emailed if they asked to hear back."
    )
    tells_author_of_responses = True
    already_answered_message = _(
        "You have already supported this idea. Each person supports an idea once."
    )

    class Meta:
        icon = "pick"
        label = _("Ideas")
        template = "wagtail_delaktighet/blocks/ideas.html"
        description = _(
            "Participants propose ideas and support each other's; staff give "
            "each idea a status and a signed answer."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "heading": _("Ideas for the park"),
            "prompt": _("What would make the park better?"),
            "categories": [_("Play"), _("Nature")],
            "publication": "after_moderation",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Binding answers allow one contribution per account and block; an
        # ideas block takes many ideas from one person, so it has no such
        # option (requires_login below).
        self.child_blocks.pop("require_login", None)

    def get_form_layout(self):
        layout = super().get_form_layout()
        layout.children = [
            name for name in layout.children if name in self.child_blocks
        ]
        return layout

    def requires_login(self, value):
        return False

    # -- the participant's side ------------------------------------------

    def form_fields(self, value):
        fields = {
            "title": text_field(_("Title of your idea"), multiline=False),
            "description": text_field(_("Describe your idea")),
        }
        categories = option_items(value["categories"])
        if categories:
            fields[CATEGORY] = forms.ChoiceField(
                label=_("Category (optional)"),
                choices=categories,
                required=False,
                widget=forms.RadioSelect,
            )
        fields["display_name"] = forms.CharField(
            label=_("Name to show with your idea (optional)"),
            help_text=_("Leave empty to be shown as anonymous."),
            max_length=100,
            required=False,
        )
        return fields

    def build_form(self, value, *, block_id, data=None, page=None):
        # A post naming an idea is a support; anything else a proposal.
        if data is not None and data.get(f"{form_prefix(block_id)}-{SUPPORTS}"):
            return SupportForm(
                data=data,
                prefix=form_prefix(block_id),
                page=page,
                block_id=block_id,
                block_type=self.name,
            )
        return super().build_form(value, block_id=block_id, data=data, page=page)

    def contribution_from_form(self, value, cleaned_data):
        if SUPPORTS in cleaned_data:
            idea_id = cleaned_data[SUPPORTS]
            return ContributionData(
                content={SUPPORTS: idea_id},
                answers=[(SUPPORT, str(idea_id))],
                # Counted, never listed as an idea.
                status=ContributionStatus.PRIVATE,
            )
        content = {
            "title": cleaned_data["title"],
            "description": cleaned_data["description"],
        }
        answers = []
        if cleaned_data.get(CATEGORY):
            content[CATEGORY] = cleaned_data[CATEGORY]
            answers.append((CATEGORY, cleaned_data[CATEGORY]))
        return ContributionData(
            content=content,
            answers=answers,
            display_name=cleaned_data.get("display_name", ""),
        )

    def initial_status(self, value):
        if value["publication"] == self.Publication.AT_ONCE:
            return ContributionStatus.PUBLISHED
        return ContributionStatus.PENDING

    def participant_scope(self, value, cleaned_data):
        # One support per participant and idea; ideas without limit.
        if SUPPORTS in cleaned_data:
            return f"{SUPPORT}:{cleaned_data[SUPPORTS]}"
        return None

    def success_message(self, value, contribution):
        if SUPPORTS in contribution.content:
            return gettext("Thank you for supporting the idea!")
        if contribution.status == ContributionStatus.PUBLISHED:
            return gettext(
                "Thank you for your idea! It is published below. Your receipt "
                "reference is %(receipt)s."
            ) % {"receipt": contribution.receipt}
        return gettext(
            "Thank you for your idea! It is published here once a moderator "
            "has checked it. Your receipt reference is %(receipt)s."
        ) % {"receipt": contribution.receipt}

    def state(self, value, *, form=None, message="", **kwargs):
        # A refused support shows its error over a fresh proposal form: the
        # support form has no fields to show.
        if getattr(form, "is_support", False):
            errors = [str(error) for error in form.non_field_errors()]
            errors += [str(error) for error in form.errors.get(SUPPORTS, [])]
            message = " ".join([message, *errors] if message else errors)
            form = None
        return super().state(value, form=form, message=message, **kwargs)

    def page_cache_variant(self, value, *, page, block_id, request):
        # The same for every visitor: the support buttons say nothing of
        # who has supported what.
        return ""

    # -- results: the public list -------------------------------------------

    def results(self, value, *, page, block_id, request=None):
        params = request.GET if request is not None else {}
        categories = option_items(value["categories"])
        category = params.get(f"{block_id}-{CATEGORY}", "")
        if category not in dict(categories):
            category = ""
        sort = params.get(f"{block_id}-sort", SORT_NEWEST)
        if sort not in dict(SORT_CHOICES):
            sort = SORT_NEWEST
        # Every translation of the dialogue shows the one consultation's.
        page = consultation_page(page)
        ideas = Contribution.objects.filter(
            page=page, block_id=block_id, status=ContributionStatus.PUBLISHED
        ).only("pk", "content", "display_name", "created_at", "receipt")
        # Each idea's support count from its counter, in the same query.
        support_counter = ResultCount.objects.filter(
            page=page,
            block_id=block_id,
            question_key=SUPPORT,
            value=Cast(OuterRef("pk"), output_field=CharField(max_length=64)),
        ).values("count")[:1]
        ideas = ideas.annotate(supports=Coalesce(Subquery(support_counter), 0))
        counter = counters.published_counter(page, block_id)
        if category:
            ideas = ideas.filter(
                pk__in=ContributionAnswer.objects.filter(
                    page=page,
                    block_id=block_id,
                    question_key=CATEGORY,
                    value=category,
                ).values("contribution_id")
            )
            # The kept total counts every category.
            counter = None
        order = ["-created_at", "-pk"]
        if sort == SORT_SUPPORT:
            order.insert(0, "-supports")
        listing = paginate(
            with_published_responses(ideas.order_by(*order)),
            request,
            block_id,
            counter=counter,
        )
        labels = dict(categories)
        for idea in listing["items"]:
            # Prefetched: no query per idea.
            answers = list(idea.responses.all())
            idea.status_label = (
                self.outcome_label(value, answers[-1].outcome) if answers else ""
            )
            idea.category_label = labels.get(idea.content.get(CATEGORY), "")
        chosen = {}
        if sort != SORT_NEWEST:
            chosen[f"{block_id}-sort"] = sort
        if category:
            chosen[f"{block_id}-{CATEGORY}"] = category
        listing.update(
            categories=categories,
            category=category,
            sort=sort,
            sort_choices=SORT_CHOICES,
            sort_parameter=f"{block_id}-sort",
            category_parameter=f"{block_id}-{CATEGORY}",
            # Kept by the links to other pages of the list.
            keep_query=f"{urlencode(chosen)}&" if chosen else "",
        )
        return listing

    # -- the staff side ------------------------------------------------------

    def response_outcomes(self, value):
        return OUTCOMES

    def answered_summary(self, value, contribution):
        title = contribution.content.get("title")
        return title if isinstance(title, str) else ""

    def data_fields(self, value):
        # A support holds the supported idea's id, which the form of a
        # proposal has no field for.
        return [
            *super().data_fields(value),
            DataField(SUPPORTS, str(_("Supports the idea (its id)")), kind=NUMBER),
        ]

    def input_schema(self, value, *, page=None):
        schema = super().input_schema(value, page=page)
        # Posted alone (with the submission key) to support an idea.
        support = field_schema(SUPPORTS, SupportForm.base_fields[SUPPORTS])
        support["required"] = False
        schema["fields"].append(support)
        return schema
