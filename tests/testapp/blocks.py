"""A consultation block type registered by a test project, as a municipality
would register its own (the CONSULTATION_BLOCKS setting)."""

from django import forms
from wagtail import blocks

from wagtail_delaktighet.blocks import ConsultationBlock, ContributionData
from wagtail_delaktighet.models import ContributionStatus
from wagtail_delaktighet.participation.counters import answer_counts

MOODS = [("happy", "Glad"), ("unsure", "Osäker"), ("worried", "Orolig")]


class SuggestionBoxBlock(ConsultationBlock):
    """A suggestion and a mood; suggestions stay private, moods are counted."""

    prompt = blocks.CharBlock()

    class Meta:
        template = "testapp/suggestion_box.html"
        label = "Suggestion box"

    def form_fields(self, value):
        return {
            "suggestion": forms.CharField(label=value["prompt"], max_length=500),
            "mood": forms.ChoiceField(
                label="Hur känner du dig?", choices=MOODS, widget=forms.RadioSelect
            ),
        }

    def contribution_from_form(self, value, cleaned_data):
        # Content is the record staff read (under the form's field names);
        # answers are what is counted.
        return ContributionData(
            content={
                "suggestion": cleaned_data["suggestion"],
                "mood": cleaned_data["mood"],
            },
            answers=[("mood", cleaned_data["mood"])],
        )

    def initial_status(self, value):
        return ContributionStatus.PRIVATE

    def results(self, value, *, page, block_id, request=None):
        # The stored counters of the block's counted answers: one query.
        counts, _respondents = answer_counts(page, block_id, ["mood"])
        return counts.get("mood", {})


class NoticeBoardBlock(SuggestionBoxBlock):
    """A suggestion box whose suggestions are published after moderation,
    so they reach the moderation inbox."""

    class Meta:
        label = "Notice board"

    def initial_status(self, value):
        return ContributionStatus.PENDING


#: Two wishes whose values share their first 64 characters (the length of
#: ``ContributionAnswer.value``).
LONG_WISH = "more-benches-and-lamps-along-the-path-between-the-pond-and-the-playground"
WISHES = [
    (f"{LONG_WISH}-north", "Norra stigen"),
    (f"{LONG_WISH}-south", "Södra stigen"),
    ("shade", "Skugga"),
]


class WishListBlock(ConsultationBlock):
    """Wishes ticked from a list, counted; built as a project might, on
    Django's own ``MultipleChoiceField`` with long option values."""

    prompt = blocks.CharBlock()

    class Meta:
        template = "testapp/wish_list.html"
        label = "Wish list"

    def form_fields(self, value):
        return {
            "wishes": forms.MultipleChoiceField(
                label=value["prompt"],
                choices=WISHES,
                widget=forms.CheckboxSelectMultiple,
            ),
        }

    def contribution_from_form(self, value, cleaned_data):
        wishes = cleaned_data["wishes"]
        return ContributionData(
            content={"wishes": wishes},
            answers=[("wish", wish) for wish in wishes],
        )

    def initial_status(self, value):
        return ContributionStatus.PRIVATE
