"""Official responses as a block capability: staff answer a block's
contributions publicly, signed by a contact (P1, P8), and the block shows the
published answers under each contribution it lists.

A block opts in by mixing in ``AnsweredPublicly`` (before
``ConsultationBlock``): the admin then offers "Answer" on its contributions,
``with_published_responses`` loads the answers for its public list in one
query per list, and ``official_responses.html`` renders them. A block whose
answers carry a status as well (an ideas block: "under review", "accepted")
returns its choices from ``response_outcomes``.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from ..models.contributions import OfficialResponse

#: The template that renders a listed contribution's published answers.
RESPONSES_TEMPLATE = "wagtail_delaktighet/includes/official_responses.html"


def published_responses():
    """The published answers, with what their signatures show."""
    return OfficialResponse.objects.filter(published_at__isnull=False).select_related(
        "signed_by", "signed_by__body"
    )


def with_published_responses(contributions):
    """``contributions`` with their published answers as
    ``contribution.responses.all()``: one more query for a whole list."""
    return contributions.prefetch_related(
        Prefetch("responses", queryset=published_responses())
    )


class AnsweredPublicly:
    """Mixin for a consultation block whose contributions staff answer."""

    accepts_official_responses = True

    #: How the answer view names what is answered and who wrote it; a block
    #: with words of its own (a question) overrides them.
    answer_action = _("Answer publicly")
    response_heading = _("Answer a contribution")
    answered_heading = _("The contribution")
    author_label = _("From")
    publish_note = _(
        "Publishing the answer also publishes the contribution, if it still "
        "awaits moderation."
    )

    #: Whether the author, where they gave an email with consent, is emailed
    #: when an answer is published (following/response_notices.py): an
    #: idea's author hears of its status.
    tells_author_of_responses = False

    def response_outcomes(self, value):
        """The choices of an answer's status (``OfficialResponse.outcome``),
        or None for an answer without one."""
        return None

    def outcome_label(self, value, outcome):
        """The text of a stored outcome ("" for none or one no longer
        offered), for the public page and the author's email."""
        return str(dict(self.response_outcomes(value) or []).get(outcome, ""))

    def answered_summary(self, value, contribution):
        """A line that names the answered contribution to its author (the
        title of an idea); the default is the contribution's main text."""
        return self.contribution_text(value, contribution)
