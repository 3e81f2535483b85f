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
"""

from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from wagtail import blocks

from ..conf import delaktighet_settings

#: (name, dotted path) of the consultation blocks the package ships.
BUILTIN_CONSULTATION_BLOCKS = [
    ("survey", "wagtail_delaktighet.blocks.survey.SurveyBlock"),
    ("poll", "wagtail_delaktighet.blocks.poll.PollBlock"),
    ("views", "wagtail_delaktighet.blocks.opinions.ViewsBlock"),
    ("question", "wagtail_delaktighet.blocks.question.QuestionBlock"),
]


@dataclass
class ContributionData:
    """What a block stores for one valid form."""

    content: dict
    #: (question key, value) pairs counted in results: chosen options, scales.
    answers: list = field(default_factory=list)
    display_name: str = ""


class ConsultationBlock(blocks.StructBlock):
    """Base class of every block that collects input from participants."""

    is_consultation = True
    #: Whether each participant may answer once only (a poll).
    one_answer_per_participant = False
    #: Whether the form offers optional name, email and consent.
    collects_identity = True
    #: Whether staff answer contributions publicly (``OfficialResponse``).
    accepts_official_responses = False

    # -- the plugin interface ------------------------------------------------

    def form_fields(self, value):
        """A dict of field name to Django form field."""
        raise NotImplementedError

    def contribution_from_form(self, value, cleaned_data):
        """A ``ContributionData`` built from the form's cleaned data."""
        raise NotImplementedError

    def initial_status(self, value):
        """The moderation status of a new contribution (ContributionStatus)."""
        raise NotImplementedError

    def results(self, value, *, page, block_id, request=None):
        """What to show under the block; aggregate in the database. None for
        a block that shows no results."""
        return None

    def summary_charts(self, value, *, page, block_id):
        """``Chart`` objects (blocks/charts.py) of this block's counted
        answers, for the "We heard" part of a feedback page (P6). Counted in
        the database with a fixed number of queries, leaving out rejected
        contributions as ``results`` does. The default: no charts."""
        return []

    def success_message(self, value, contribution):
        from django.utils.translation import gettext

        return gettext(
            "Thank you! We have received your contribution. Your receipt "
            "reference is %(receipt)s."
        ) % {"receipt": contribution.receipt}

    # -- shared machinery ----------------------------------------------------

    def build_form(self, value, *, block_id, data=None):
        from ..participation.forms import ContributionForm, form_prefix

        form_class = type(
            f"{type(self).__name__}Form",
            (ContributionForm,),
            {**self.form_fields(value), "collects_identity": self.collects_identity},
        )
        return form_class(data=data, prefix=form_prefix(block_id))


def get_consultation_block_types():
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


def is_consultation_block(block):
    return getattr(block, "is_consultation", False)
