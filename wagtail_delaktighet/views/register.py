"""The public involvement assessment register: the filtered, paginated list
and its RSS feed."""

from datetime import datetime, time

from django import forms
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from ..consultations import one_version_each
from ..localized_snippets import localize_rows, page_locale_id
from ..models import Body, DialoguePage, InvolvementAssessment, InvolvementDecision
from ..pagination import windowed_page

#: Assessments on one page of the register.
PER_PAGE = 20
#: Feed readers need the recent assessments only.
FEED_LENGTH = 50


class RegisterFilterForm(forms.Form):
    """Narrows the register by decision, body and year. An unknown value is
    a field error, shown at the field; the list is then unfiltered by it."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        required=False,
        choices=[("", _("All decisions")), *InvolvementDecision.choices],
    )
    body = forms.ModelChoiceField(
        label=_("Responsible body"),
        required=False,
        queryset=Body.objects.none(),
        empty_label=_("All bodies"),
    )
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, data, *, assessments):
        super().__init__(data)
        self.fields["body"].queryset = Body.objects.filter(
            pk__in=assessments.values("responsible_body")
        ).order_by("name")
        years = assessments.dates("assessed_on", "year", order="DESC")
        self.fields["year"].choices = [("", _("All years"))] + [
            (day.year, str(day.year)) for day in years
        ]

    def filtered(self, assessments):
        """``assessments`` narrowed by every valid filter."""
        self.is_valid()
        values = getattr(self, "cleaned_data", {})
        if values.get("decision"):
            assessments = assessments.filter(decision=values["decision"])
        if values.get("body"):
            assessments = assessments.filter(responsible_body=values["body"])
        if values.get("year"):
            assessments = assessments.filter(assessed_on__year=values["year"])
        return assessments

    def querystring_items(self):
        values = getattr(self, "cleaned_data", {})
        items = []
        for name in ("decision", "body", "year"):
            value = values.get(name)
            if value:
                items.append((name, getattr(value, "pk", value)))
        return items


def public_assessments():
    """The published assessments with what the register shows of each, in
    a fixed number of queries."""
    live_dialogues = DialoguePage.objects.live().public().order_by("path")
    return (
        InvolvementAssessment.objects.public()
        .select_related("responsible_body", "influence_level")
        .prefetch_related(
            "target_groups",
            "methods",
            Prefetch("dialogues", queryset=live_dialogues, to_attr="live_dialogues"),
        )
        .order_by("-assessed_on", "-pk")
    )


def register_context(request, register_page):
    assessments = public_assessments()
    form = RegisterFilterForm(request.GET, assessments=assessments)
    page_obj = windowed_page(
        form.filtered(assessments), PER_PAGE, request.GET.get("page")
    )
    page_obj.object_list = list(page_obj.object_list)
    # The snippets named, in the register page's language where translated.
    localize_rows(
        page_obj.object_list,
        page_locale_id(register_page),
        foreign_keys=("responsible_body", "influence_level"),
        prefetched=("target_groups", "methods"),
    )
    # A dialogue in several languages is linked once, in the register
    # page's language where it is translated.
    for assessment in page_obj.object_list:
        assessment.live_dialogues = one_version_each(
            assessment.live_dialogues, page_locale_id(register_page)
        )
    filter_items = form.querystring_items()
    return {
        "filter_form": form,
        "filters_applied": bool(filter_items),
        "filter_querystring": urlencode(filter_items),
        "assessments": page_obj,
        "paginator": page_obj.paginator,
        "page_range": page_obj.paginator.get_elided_page_range(page_obj.number),
        "rss_url": register_page.url + register_page.reverse_subpage("rss"),
    }


class RegisterFeed(Feed):
    """The newest assessments first, decisions not to involve included."""

    def get_object(self, request, register_page):
        self.page_url = register_page.get_url(request)
        return register_page

    def title(self, register_page):
        return register_page.title

    def link(self, register_page):
        return self.page_url

    def description(self, register_page):
        return _("New assessments of whether to involve residents, and the decisions.")

    def items(self, register_page):
        return (
            InvolvementAssessment.objects.public()
            .select_related("responsible_body")
            .order_by("-assessed_on", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, assessment):
        return f"{assessment.matter}: {assessment.get_decision_display()}"

    def item_description(self, assessment):
        return assessment.justification

    def item_link(self, assessment):
        return f"{self.page_url}#assessment-{assessment.pk}"

    def item_guid(self, assessment):
        return self.item_link(assessment)

    def item_pubdate(self, assessment):
        return timezone.make_aware(datetime.combine(assessment.assessed_on, time()))

    def item_categories(self, assessment):
        return [assessment.responsible_body.name]


def register_rss(request, register_page):
    return RegisterFeed()(request, register_page=register_page)
