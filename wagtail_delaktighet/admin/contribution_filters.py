"""Filters of the contribution listings (django-filter, as Wagtail's own
listings use): block, status, channel and date; the moderation inbox adds the
dialogue and the block type, and shows contributions awaiting moderation
unless asked otherwise."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet

from ..blocks.consultation import get_consultation_block_types
from ..forms.date_inputs import DateRangeInput
from ..forms.ids import IdLookupMixin
from ..models import Channel, Contribution, ContributionStatus
from ..permissions import editable_dialogues


class ContributionFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=ContributionStatus.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    channel = django_filters.ChoiceFilter(
        label=_("Channel"),
        choices=Channel.choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Created"), widget=DateRangeInput
    )

    class Meta:
        model = Contribution
        fields = []


class DialogueContributionFilterSet(ContributionFilterSet):
    """The contributions of one dialogue: filter by its blocks."""

    block_id = django_filters.ChoiceFilter(
        label=_("Block"),
        empty_label=_("All"),
        widget=forms.RadioSelect,
        # Choices come from the dialogue's body, in __init__.
    )

    def __init__(self, *args, blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["block_id"].extra["choices"] = [
            (info.id, f"{info.label} ({info.type_label})")
            for info in (blocks or {}).values()
        ]


class DialogueChoiceField(IdLookupMixin, django_filters.fields.ModelChoiceField):
    pass


class DialogueFilter(django_filters.ModelChoiceFilter):
    field_class = DialogueChoiceField


def dialogue_choices(request):
    return editable_dialogues(request.user).order_by("title")


def block_type_choices():
    return [(name, block.label) for name, block in get_consultation_block_types()]


class ModerationInboxFilterSet(ContributionFilterSet):
    """All dialogues the user may edit. Shows what awaits moderation unless
    another status (or all) is chosen."""

    ALL = "all"

    page = DialogueFilter(
        label=_("Dialogue"), queryset=dialogue_choices, empty_label=_("All")
    )
    block_type = django_filters.ChoiceFilter(
        label=_("Type"),
        choices=block_type_choices,
        empty_label=_("All"),
        widget=forms.RadioSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        # Private contributions (surveys, polls) are never published, so
        # there is nothing to moderate about them.
        choices=[
            (ContributionStatus.PENDING, ContributionStatus.PENDING.label),
            (ContributionStatus.PUBLISHED, ContributionStatus.PUBLISHED.label),
            (ContributionStatus.REJECTED, ContributionStatus.REJECTED.label),
            (ALL, _("All")),
        ],
        empty_label=None,
        initial=ContributionStatus.PENDING,
        method="filter_status",
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and "status" not in data:
            data = data.copy()
            data["status"] = ContributionStatus.PENDING
        super().__init__(data, *args, **kwargs)

    def filter_status(self, queryset, name, value):
        if value == self.ALL:
            return queryset
        return queryset.filter(status=value)
