"""The public dialogue plan page: the published dialogues of the period,
narrowed by body, area or target group, and its iCalendar feed."""

from django import forms
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ..consultations import one_version_each
from ..localized_snippets import localize_rows, page_locale_id
from ..models import Area, Body, TargetGroup
from ..planning.calendar import plan_calendar_response
from ..planning.describe import describe
from ..planning.plan import default_period, narrowed, plan_dialogues

#: The filters, their models and what "any" is called.
FILTERS = (
    ("body", Body, _("Body"), _("All bodies")),
    ("area", Area, _("Area"), _("All areas")),
    ("target_group", TargetGroup, _("Target group"), _("All target groups")),
)


class PlanFilterForm(forms.Form):
    def __init__(self, data):
        super().__init__(data)
        for name, model, label, empty_label in FILTERS:
            self.fields[name] = forms.ModelChoiceField(
                label=label,
                required=False,
                queryset=model.objects.order_by("name"),
                empty_label=empty_label,
            )

    def values(self):
        """The valid filters; an invalid one is left out (and shown at its
        field)."""
        self.is_valid()
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if value is not None
        }


def public_plan(request, plan_page):
    form = PlanFilterForm(request.GET)
    values = form.values()
    start, end = default_period()
    dialogues = list(narrowed(plan_dialogues(start, end, live_only=True), **values))
    # A dialogue in several languages is listed once, in the plan page's
    # language where it is translated.
    dialogues = one_version_each(dialogues, page_locale_id(plan_page))
    # The snippets named, in the plan page's language where translated.
    localize_rows(
        dialogues,
        page_locale_id(plan_page),
        foreign_keys=("responsible_body", "influence_level", "scope_decided_by"),
        prefetched=("target_groups", "areas"),
    )
    for dialogue in dialogues:
        # The public plan flags no overlaps: that is the coordinators' work.
        describe(dialogue, [])
    return form, values, dialogues


def plan_context(request, plan_page):
    form, values, dialogues = public_plan(request, plan_page)
    filter_items = [(name, value.pk) for name, value in values.items()]
    calendar_url = plan_page.url + plan_page.reverse_subpage("calendar")
    if filter_items:
        calendar_url = f"{calendar_url}?{urlencode(filter_items)}"
    return {
        "filter_form": form,
        "filters_applied": bool(filter_items),
        "plan_dialogues": dialogues,
        "calendar_url": calendar_url,
    }


def plan_calendar(request, plan_page):
    _form, _values, dialogues = public_plan(request, plan_page)
    return plan_calendar_response(
        request,
        dialogues,
        name=plan_page.title,
        url_of=lambda dialogue: dialogue.get_full_url(request),
    )
