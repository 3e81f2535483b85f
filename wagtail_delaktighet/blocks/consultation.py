"""Consultation blocks: the parts of a dialogue page where citizens take part.

Every consultation block type subclasses ``ConsultationBlock`` and implements
its small plugin interface (docs/developers/consultation-blocks.md):

- ``form_fields(value)`` — the Django form fields participants fill in;
- ``contribution_from_form(value, cleaned_data)`` — what is stored;
- ``initial_status(value)`` — the moderation status a new contribution gets;
- ``results(value, page, block_id, request)`` — results, counted in the database,
  which the block's template shows;
- ``success_message(value, contribution)`` — what the participant is told;
- ``summary_charts(value, page, block_id)`` — charts of the counted answers
  for the feedback page's automatic summary.

The block's template (``Meta.template``) extends
``wagtail_delaktighet/consultation/block.html``. Wagtail's own
``get_api_representation`` describes the block in the API.

The participation service (``wagtail_delaktighet.participation.service``) is the
only caller that stores contributions. The built-in types are listed in
``BUILTIN_CONSULTATION_BLOCKS``; a project adds its own with the
``CONSULTATION_BLOCKS`` setting (a list of ``(name, dotted path)``).

Staff and machines read the same block (the staff side of the interface):
``block_title``, ``data_fields``, ``contribution_text``, ``readable_answers``,
``searchable_text``, ``search_paths`` and ``input_schema``, each with a default
derived from the block's own form. ``DialoguePage.consultation_blocks()``
(``consultation_blocks_in`` for any body) gives a page's consultation blocks.

Every consultation block, a project's own too, has the editor's option
``require_login`` (binding answers): only logged-in residents answer, once
per account (participation/accounts.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..conf import delaktighet_settings
from .data_fields import DataField, data_field_from_form_field, field_schema

if TYPE_CHECKING:
    from django.http import HttpRequest
    from wagtail.blocks import StructValue

    from ..models import Contribution, ContributionStatus, DialoguePage
    from ..participation.forms import ContributionForm
    from .charts import Chart

#: (name, dotted path) of the consultation blocks the package ships.
BUILTIN_CONSULTATION_BLOCKS = [
    ("survey", "wagtail_delaktighet.blocks.survey.SurveyBlock"),
    ("poll", "wagtail_delaktighet.blocks.poll.PollBlock"),
    ("views", "wagtail_delaktighet.blocks.opinions.ViewsBlock"),
    ("question", "wagtail_delaktighet.blocks.question.QuestionBlock"),
    ("ideas", "wagtail_delaktighet.blocks.ideas.IdeasBlock"),
    ("evaluation", "wagtail_delaktighet.blocks.evaluation.EvaluationBlock"),
    ("map", "wagtail_delaktighet.blocks.map.MapBlock"),
    ("points", "wagtail_delaktighet.blocks.prioritisation.PointsBlock"),
    ("ranking", "wagtail_delaktighet.blocks.prioritisation.RankingBlock"),
    ("budget", "wagtail_delaktighet.blocks.prioritisation.BudgetBlock"),
]

#: Form fields whose value is stored on the contribution, not in its content.
STORED_APART = frozenset({"display_name"})
#: A consultation block's HTML id is this plus its block id; messages for one
#: block carry that id as a tag (views/participate.py).
BLOCK_ANCHOR_PREFIX = "dlk-block-"


def block_anchor(block_id: str) -> str:
    return f"{BLOCK_ANCHOR_PREFIX}{block_id}"


def receipt_anchor(block_id: str) -> str:
    """The HTML id of the receipt a block shows after an accepted post: the
    participate view redirects to it, so the browser scrolls to the receipt
    and focuses it (it has tabindex="-1"), with or without JavaScript."""
    return f"{block_anchor(block_id)}-receipt"


@dataclass
class ContributionData:
    """What a block stores for one valid form."""

    content: dict
    #: (question key, value) pairs counted in results: chosen options, scales.
    answers: list = field(default_factory=list)
    display_name: str = ""
    #: The moderation status of this contribution when it differs from the
    #: block's ``initial_status`` (an idea's support is private); None: that.
    status: ContributionStatus | None = None


class ConsultationBlockItem(NamedTuple):
    """One consultation block of a dialogue's body."""

    block_id: str
    block: ConsultationBlock
    value: StructValue


def consultation_blocks_in(stream_value) -> Iterator[ConsultationBlockItem]:
    """The consultation blocks of a body (a ``StreamValue``), in order."""
    for child in stream_value or ():
        if is_consultation_block(child.block):
            yield ConsultationBlockItem(child.id, child.block, child.value)


@dataclass
class ConsultationState:
    """What a consultation block's template needs besides its value."""

    form: Any
    action_url: str
    accepting: bool
    results: Any = None
    message: str = ""
    #: Where the rendered fields of the fresh form are cached
    #: (blocks/form_cache.py); None: render them each time.
    form_cache_key: str | None = None
    #: The login link shown instead of the form: the block takes binding
    #: answers only and the visitor is not logged in. "" otherwise.
    login_url: str = ""
    #: Whether the logged-in resident has given the block's one binding
    #: answer (so the block shows no form).
    answered_by_account: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.message) or bool(self.form.errors)


#: The name of the option every consultation block has.
REQUIRE_LOGIN = "require_login"


class ConsultationBlock(blocks.StructBlock):
    """Base class of every block that collects input from participants."""

    # Declared here, so every subclass (a project's own block too) has it;
    # placed after the block's own fields (__init__, get_form_layout).
    require_login = blocks.BooleanBlock(
        label=_("Only logged-in residents can answer"),
        required=False,
        default=False,
        help_text=_(
            "For binding answers, as at the levels Inflytande and "
            "Medbestämmande: residents log in with the site's login (for "
            "example e-legitimation) and each account answers once. Visitors "
            "who are not logged in see a link to log in instead of the form."
        ),
    )

    is_consultation = True
    #: Whether each participant may answer once only (a poll).
    one_answer_per_participant = False
    #: Whether the form offers optional name, email and consent.
    collects_identity = True
    #: Whether staff answer contributions publicly (``OfficialResponse``);
    #: a block opts in with ``official_responses.AnsweredPublicly``.
    accepts_official_responses = False
    #: The form field holding the contribution's one main text (views, a
    #: question), stored in content under the same key; None when there is
    #: none. Staff read it as the contribution's text.
    text_field_name: str | None = None
    #: The content key the answers are kept under (a survey keeps them by
    #: question id under "answers"); None: at the top level of the content.
    answers_key: str | None = None
    #: Content keys that copy a setting of the block rather than hold an
    #: answer (the addressee of views); never shown as answers.
    copied_settings: tuple[str, ...] = ()
    #: What a participant is told when the database refuses a second
    #: contribution where one is allowed (``participant_scope``); None: the
    #: service's own words ("You have already answered this").
    already_answered_message: str | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The block's own fields first, the login option after them (also
        # where Wagtail has no form layouts: 7.4).
        if REQUIRE_LOGIN in self.child_blocks:
            self.child_blocks.move_to_end(REQUIRE_LOGIN)

    def get_form_layout(self):
        # Wagtail 8 orders the fields by their layout: the option last there.
        layout = super().get_form_layout()
        if self.meta.form_layout is None:
            names = [name for name in layout.children if name != REQUIRE_LOGIN]
            layout.children = [*names, REQUIRE_LOGIN]
        return layout

    def requires_login(self, value: StructValue) -> bool:
        """Whether only logged-in residents may answer: once per account."""
        return bool(value.get(REQUIRE_LOGIN))

    def has_answered(
        self,
        value: StructValue,
        *,
        page: DialoguePage,
        block_id: str,
        request: HttpRequest | None,
    ) -> bool:
        """Whether the person viewing has given the block's one answer: by
        their account where the block takes binding answers, else by their
        session where it allows one answer per participant (a poll)."""
        from ..participation.accounts import account_has_answered
        from ..participation.participants import participant_has_answered

        if self.requires_login(value):
            return account_has_answered(request, page, block_id)
        if self.one_answer_per_participant:
            return participant_has_answered(request, page, block_id)
        return False

    # -- the plugin interface: the participant's side -------------------------

    def form_fields(self, value: StructValue) -> dict[str, forms.Field]:
        """A dict of field name to Django form field."""
        raise NotImplementedError

    def contribution_from_form(
        self, value: StructValue, cleaned_data: dict[str, Any]
    ) -> ContributionData:
        """A ``ContributionData`` built from the form's cleaned data."""
        raise NotImplementedError

    def initial_status(self, value: StructValue) -> ContributionStatus:
        """The moderation status of a new contribution (ContributionStatus)."""
        raise NotImplementedError

    def participant_scope(
        self, value: StructValue, cleaned_data: dict[str, Any]
    ) -> str | None:
        """What one participant may contribute to once, on an online
        channel: "" for the whole block, a text naming a part of it (an
        ideas block: "support:<idea id>", one support per idea), or None for
        no limit. The service folds it into the participant key, which the
        database keeps unique per page and block. The default: the whole
        block where ``one_answer_per_participant`` is set, else None."""
        return "" if self.one_answer_per_participant else None

    def results(
        self,
        value: StructValue,
        *,
        page: DialoguePage,
        block_id: str,
        request: HttpRequest | None = None,
    ) -> Any:
        """What to show under the block; aggregate in the database. None for
        a block that shows no results."""
        return None

    def page_cache_variant(
        self,
        value: StructValue,
        *,
        page: DialoguePage,
        block_id: str,
        request: HttpRequest,
    ) -> str | None:
        """What the block's part of the public dialogue page depends on for
        this request, as a short text ("" for nothing); None (the default):
        render the page afresh on every view.

        The page's rendered content is kept in the cache under everything it
        depends on (views/dialogue_content_cache.py): its content and live
        revision, its status, the date, the language and its results
        version, which every change to its contributions, counters and
        official answers raises. A block whose rendering reads anything else
        (a model of its own, the participant, the clock) returns None, or a
        text that changes with it (the poll: whether this participant has
        voted)."""
        return None

    def summary_charts(
        self, value: StructValue, *, page: DialoguePage, block_id: str
    ) -> list[Chart]:
        """``Chart`` objects (blocks/charts.py) of this block's counted
        answers, for the "We heard" part of a feedback page (P6). Counted in
        the database with a fixed number of queries, leaving out rejected
        contributions as ``results`` does.

        The default: one chart per choice among the data fields whose
        answers are counted under the field's key (as ``ContributionData``
        answers), in one query; a choice nobody's answer was counted under
        gets no chart. Return ``[]`` for results not everyone may see."""
        from ..models.contributions import answer_value
        from ..participation import counters
        from .charts import chart_from_counts
        from .data_fields import CHOICE, MULTIPLE_CHOICE

        choices = [
            data_field
            for data_field in self.data_fields(value)
            if data_field.kind in (CHOICE, MULTIPLE_CHOICE) and data_field.choices
        ]
        if not choices:
            return []
        keys = [data_field.key for data_field in choices]
        counts, respondents = counters.answer_counts(
            page, block_id, keys, answered_keys=keys
        )
        charts = []
        for data_field in choices:
            answered = respondents.get(data_field.key, 0)
            if not answered:
                continue
            several = data_field.kind == MULTIPLE_CHOICE
            charts.append(
                chart_from_counts(
                    data_field.label,
                    # Counted as stored: long values by their short form.
                    [
                        (answer_value(option), text)
                        for option, text in data_field.choices.items()
                    ],
                    counts.get(data_field.key, {}),
                    total=answered,
                    note=gettext("Several answers were possible.") if several else "",
                )
            )
        return charts

    def success_message(self, value: StructValue, contribution: Contribution) -> str:
        return gettext(
            "Thank you! We have received your contribution. Your receipt "
            "reference is %(receipt)s."
        ) % {"receipt": contribution.receipt}

    # -- the plugin interface: the staff side and machines --------------------

    def block_title(self, value: StructValue) -> str:
        """What editors and staff call this block on its page: the first
        single-line text the editor filled in (a heading, a question), else
        the block type's label."""
        for name, child_block in self.child_blocks.items():
            if isinstance(child_block, blocks.CharBlock) and value.get(name):
                return str(value[name])
        return str(self.label)

    def data_fields(self, value: StructValue) -> list[DataField]:
        """The answers a contribution holds, in the form's order: one column
        each in the export, one line each in the detail view. The default:
        one per form field, leaving out the main text (``text_field_name``)
        and the display name, which staff read apart."""
        return [
            data_field_from_form_field(name, form_field)
            for name, form_field in self.form_fields(value).items()
            if name not in STORED_APART and name != self.text_field_name
        ]

    def stored_answers(self, content: dict[str, Any]) -> dict[str, Any]:
        """The answers of a stored contribution's content by data field key
        (under ``answers_key`` if the block sets one). Needs no value, so it
        also reads contributions to a block removed from its page."""
        answers = content.get(self.answers_key) if self.answers_key else content
        return answers if isinstance(answers, dict) else {}

    def contribution_text(self, value: StructValue, contribution: Contribution) -> str:
        """The contribution's main text (``text_field_name``), or ""."""
        if self.text_field_name is None:
            return ""
        text = contribution.content.get(self.text_field_name)
        return text if isinstance(text, str) else ""

    def readable_answers(
        self, value: StructValue | None, contribution: Contribution
    ) -> list[tuple[str, str]]:
        """(question, answer) lines for people (the detail view, emails):
        the data fields answered, in order, then answers to questions no
        longer in the block, by key, so nothing is lost. ``value`` is None
        for a block removed from its page."""
        fields = self.data_fields(value) if value is not None else []
        answers = self.stored_answers(contribution.content)
        lines = [
            (data_field.label, data_field.display(answers[data_field.key]))
            for data_field in fields
            if answers.get(data_field.key) not in (None, "", [])
        ]
        lines.extend(
            (key, DataField(key, key).display(answer))
            for key, answer in self.other_answers(value, contribution)
        )
        return lines

    def other_answers(
        self, value: StructValue | None, contribution: Contribution
    ) -> list[tuple[str, Any]]:
        """(key, answer) of stored answers that no data field describes."""
        fields = self.data_fields(value) if value is not None else []
        return self.answers_besides(fields, contribution)

    def answers_besides(
        self, fields: list[DataField], contribution: Contribution
    ) -> list[tuple[str, Any]]:
        """The default ``other_answers`` with the block's data fields given,
        for a caller that described them once for many contributions."""
        skipped = {data_field.key for data_field in fields}
        skipped |= set(self.copied_settings)
        if self.text_field_name:
            skipped.add(self.text_field_name)
        answers = self.stored_answers(contribution.content)
        return [(key, answer) for key, answer in answers.items() if key not in skipped]

    def search_paths(self, value: StructValue) -> list[tuple[str, ...]]:
        """Where in ``Contribution.content`` the free text staff search for
        is kept: the main text and the text data fields. The admin searches
        these keys in the database."""
        paths = [(self.text_field_name,)] if self.text_field_name else []
        prefix = (self.answers_key,) if self.answers_key else ()
        paths.extend(
            (*prefix, data_field.key)
            for data_field in self.data_fields(value)
            if data_field.searchable
        )
        return paths

    def searchable_text(self, value: StructValue, contribution: Contribution) -> str:
        """The contribution's free text as one string, for a search index:
        the text at ``search_paths``."""
        texts = []
        for path in self.search_paths(value):
            text: Any = contribution.content
            for key in path:
                text = text.get(key) if isinstance(text, dict) else None
            if isinstance(text, str) and text:
                texts.append(text)
        return "\n".join(texts)

    def input_schema(
        self, value: StructValue, *, page: DialoguePage | None = None
    ) -> dict[str, Any]:
        """What a participant fills in, as plain JSON data for an API: the
        fields with their keys, types, limits and choices (stable ids), and,
        given the page, whether the block takes input now."""
        schema: dict[str, Any] = {
            "type": self.name,
            "title": self.block_title(value),
            "fields": [
                field_schema(name, form_field)
                for name, form_field in self.form_fields(value).items()
            ],
            "collects_identity": self.collects_identity,
            "one_answer_per_participant": self.one_answer_per_participant,
            "login_required": self.requires_login(value),
        }
        if page is not None:
            schema["open"] = page_accepts_input(page)
        return schema

    # -- rendering -------------------------------------------------------------

    def get_context(
        self, value: StructValue, parent_context: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        """The context of the block's template. Rendered by the dialogue page
        (or ``{% include_block %}`` anywhere), the block finds its state in
        the page's context (``dlk_consultation``); elsewhere, such as the
        editor's preview, it shows a fresh form."""
        context = super().get_context(value, parent_context=parent_context)
        block_id = context.get("block_id") or context.get("id") or ""
        state = (context.get("dlk_consultation") or {}).get(block_id)
        if state is None:
            state = self.fresh_state(value, block_id=block_id, context=context)
        context.update(
            block_id=block_id,
            block_type=self.name,
            anchor=block_anchor(block_id),
            state=state,
            form=state.form,
            results=state.results,
        )
        return context

    def fresh_state(
        self, value: StructValue, *, block_id: str, context: dict[str, Any]
    ) -> ConsultationState:
        """The state of a block rendered outside its dialogue page's view:
        a fresh form, posting to the page when there is one."""
        from ..models import DialoguePage

        page = context.get("page")
        if not isinstance(page, DialoguePage) or not block_id:
            return ConsultationState(
                form=self.build_form(value, block_id=block_id or "preview"),
                action_url="",
                accepting=True,
            )
        return self.state(
            value,
            block_id=block_id,
            page=page,
            page_url=page.url or "",
            request=context.get("request"),
            accepting=page_accepts_input(page),
        )

    def state(
        self,
        value: StructValue,
        *,
        block_id: str,
        page: DialoguePage,
        page_url: str,
        request: HttpRequest | None,
        accepting: bool,
        form: ContributionForm | None = None,
        message: str = "",
    ) -> ConsultationState:
        """The block's form, results and where to post, on ``page``."""
        from ..participation import accounts
        from ..participation.form_action import participation_url

        login_url, answered_by_account = "", False
        if self.requires_login(value):
            if accounts.is_logged_in(getattr(request, "user", None)):
                answered_by_account = self.has_answered(
                    value, page=page, block_id=block_id, request=request
                )
            else:
                # Back to the block after logging in.
                login_url = accounts.login_url(f"{page_url}#{block_anchor(block_id)}")
        return ConsultationState(
            login_url=login_url,
            answered_by_account=answered_by_account,
            form=form
            if form is not None
            else self.build_form(value, block_id=block_id),
            form_cache_key=(
                self.form_cache_key(value, block_id=block_id, page=page)
                if form is None
                else None
            ),
            message=message,
            accepting=accepting,
            action_url=participation_url(page, block_id, page_url),
            results=self.results(value, page=page, block_id=block_id, request=request),
        )

    def form_cache_key(
        self, value: StructValue, *, block_id: str, page: DialoguePage
    ) -> str | None:
        """The cache key of the rendered fields of the block's fresh form, or
        None to render them on every request. The default key covers the
        block's value, the page's live revision, the block id and the
        language; a block whose fields depend on anything else (the
        database, the request) returns None or a key that includes it."""
        from .form_cache import form_cache_key

        return form_cache_key(self, value, block_id=block_id, page=page)

    # -- shared machinery ----------------------------------------------------

    def build_form(
        self,
        value: StructValue,
        *,
        block_id: str,
        data: Any = None,
        page: DialoguePage | None = None,
    ) -> ContributionForm:
        """The block's form; bound when ``data`` is given. ``page`` is the
        dialogue the form is posted to (None where the form is only shown),
        for a block whose rules read the database: an idea supported must be
        one of the block's published ideas."""
        from ..participation.forms import ContributionForm, form_prefix

        form_class = type(
            f"{type(self).__name__}Form",
            (ContributionForm,),
            {**self.form_fields(value), "collects_identity": self.collects_identity},
        )
        return form_class(data=data, prefix=form_prefix(block_id))


def page_accepts_input(page: DialoguePage) -> bool:
    """Whether the dialogue takes contributions now: open, and at an
    influence level that takes input."""
    from ..models.status import DialogueStatus

    if page.status != DialogueStatus.OPEN:
        return False
    level = page.influence_level
    return level is not None and level.accepts_input


def get_consultation_block_types() -> list[tuple[str, ConsultationBlock]]:
    """(name, block instance) for every registered consultation block type."""
    block_types = []
    for name, path in [
        *BUILTIN_CONSULTATION_BLOCKS,
        *delaktighet_settings.CONSULTATION_BLOCKS,
    ]:
        block_class = import_string(path)
        if not issubclass(block_class, ConsultationBlock):
            raise ImproperlyConfigured(
                f"CONSULTATION_BLOCKS: {path} must subclass "
                "wagtail_delaktighet.blocks.ConsultationBlock."
            )
        block_types.append((name, block_class()))
    return block_types


def is_consultation_block(block) -> bool:
    return getattr(block, "is_consultation", False)
