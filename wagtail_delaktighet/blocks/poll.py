from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..models.contributions import ContributionStatus
from ..models.status import DialogueStatus
from ..participation import counters
from .charts import chart_from_counts, percent_of
from .choices import option_items, options_block
from .consultation import ConsultationBlock, ContributionData

ANSWER_KEY = "choice"


class PollBlock(ConsultationBlock):
    """One question, one answer per participant; results after voting or after
    the dialogue closes, as the editor chooses (P4)."""

    class ShowResults:
        AFTER_VOTING = "after_voting"
        AFTER_CLOSING = "after_closing"

    question = blocks.CharBlock(label=_("Question"), max_length=255)
    help_text = blocks.CharBlock(label=_("Help text"), required=False, max_length=255)
    options = options_block()
    show_results = blocks.ChoiceBlock(
        label=_("Show results"),
        choices=[
            (
                ShowResults.AFTER_VOTING,
                _("To those who have voted, and to everyone once the dialogue closes"),
            ),
            (ShowResults.AFTER_CLOSING, _("To everyone once the dialogue closes")),
        ],
        default=ShowResults.AFTER_VOTING,
    )

    one_answer_per_participant = True
    collects_identity = False

    class Meta:
        icon = "list-ul"
        label = _("Poll")
        template = "wagtail_delaktighet/blocks/poll.html"
        description = _(
            "One question with options; each participant votes once and sees "
            "the results as you choose."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "question": _("Which colour should the benches be?"),
            "help_text": "",
            "options": [_("Green"), _("Red"), _("Blue")],
            "show_results": "after_voting",
        }

    def form_fields(self, value):
        return {
            ANSWER_KEY: forms.ChoiceField(
                label=value["question"],
                help_text=value["help_text"],
                choices=option_items(value["options"]),
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose one of the options.")},
            )
        }

    def contribution_from_form(self, value, cleaned_data):
        choice = cleaned_data[ANSWER_KEY]
        return ContributionData(
            content={ANSWER_KEY: choice}, answers=[(ANSWER_KEY, choice)]
        )

    def initial_status(self, value):
        # A vote is counted, never shown on its own.
        return ContributionStatus.PRIVATE

    def page_cache_variant(self, value, *, page, block_id, request):
        # A voter sees the results and no form (with results after voting).
        voted = self.has_answered(value, page=page, block_id=block_id, request=request)
        return "voted" if voted else ""

    def results(self, value, *, page, block_id, request=None):
        has_voted = self.has_answered(
            value, page=page, block_id=block_id, request=request
        )
        visible = results_public(page) or (
            value["show_results"] == self.ShowResults.AFTER_VOTING and has_voted
        )
        if not visible:
            return {"visible": False, "has_voted": has_voted}
        results = option_counts(
            option_items(value["options"]), vote_counts(page, block_id)
        )
        return {**results, "visible": True, "has_voted": has_voted}

    def summary_charts(self, value, *, page, block_id):
        # A feedback page is public: it shows what everyone may see, so
        # nothing while voters alone may (and interim feedback is published
        # while the dialogue is open). Counted as the results under the poll
        # are: the same query.
        if not results_public(page):
            return []
        return [
            chart_from_counts(
                value["question"],
                option_items(value["options"]),
                vote_counts(page, block_id),
            )
        ]


def results_public(page):
    """Whether everyone may see the results: once the dialogue has closed.
    Not "!= OPEN": a dialogue that has not opened yet has no results."""
    return page.status not in (DialogueStatus.UPCOMING, DialogueStatus.OPEN)


def vote_counts(page, block_id):
    """Votes per option id, read from the stored counters (one query);
    rejected votes (spam) are not counted."""
    counts, _respondents = counters.answer_counts(page, block_id, [ANSWER_KEY])
    return counts.get(ANSWER_KEY, {})


def option_counts(options, counts):
    """Counts and whole-number percentages for each option, in option order."""
    total = sum(counts.get(option_id, 0) for option_id, _text in options)
    rows = []
    for option_id, text in options:
        count = counts.get(option_id, 0)
        rows.append(
            {
                "id": option_id,
                "text": text,
                "count": count,
                "percent": percent_of(count, total),
            }
        )
    return {"total": total, "options": rows}
