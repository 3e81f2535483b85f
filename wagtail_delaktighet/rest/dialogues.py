"""Which dialogues the API shows, and the filters of its listing.

The same dialogues as the public site: live, with no view restriction on
them or above them. Related rows are loaded with the dialogues (the pages
API's loading, api_views.py), so a listing or a detail costs the same number
of queries for 2 dialogues as for 20.
"""

from django import forms
from django.db.models import Q
from django.shortcuts import get_object_or_404

from ..api_views import with_api_relations
from ..models import DialoguePage, DialogueStatus, annotate_status, order_by_status
from ..models.status import status_condition

#: The listing's filters: query parameter → the dialogue lookup it filters on
#: (the dialogue index's filters, by id).
ID_FILTERS = {
    "topic": "topics",
    "area": "areas",
    "body": "responsible_body",
    "level": "influence_level",
    "target_group": "target_groups",
}

#: Fields the text search (``q``) looks in.
SEARCHED_FIELDS = ("title", "summary", "purpose", "question")


def public_dialogues():
    """Dialogues the public may read, with what the API shows of them."""
    return with_api_relations(DialoguePage.objects.live().public())


def public_dialogue(page_id):
    """One public dialogue, loaded for its detail; 404 for any other id."""
    return get_object_or_404(public_dialogues(), pk=page_id)


def dialogue_taking_part(page_id):
    """One public dialogue with what its blocks, its contributions and the
    participation service read (status and level), without the related
    lists of its detail; 404 for any other id."""
    queryset = annotate_status(DialoguePage.objects.live().public())
    return get_object_or_404(
        queryset.select_related("locale", "influence_level"), pk=page_id
    )


class DialogueFilters(forms.Form):
    """The listing's query parameters; an invalid one is a 400 naming it."""

    status = forms.ChoiceField(choices=DialogueStatus.choices, required=False)
    topic = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    area = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    body = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    level = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    target_group = forms.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    q = forms.CharField(max_length=200, required=False, strip=True)

    def filter(self, queryset):
        data = self.cleaned_data
        if data.get("status"):
            queryset = queryset.filter(status_condition(data["status"]))
        for name, lookup in ID_FILTERS.items():
            if data.get(name):
                # As a semi-join: a dialogue with two matching rows is
                # listed once, with no DISTINCT over its whole row.
                matching = DialoguePage.objects.filter(**{lookup: data[name]})
                queryset = queryset.filter(pk__in=matching.values("pk"))
        for word in (data.get("q") or "").split()[:10]:
            match = Q()
            for field in SEARCHED_FIELDS:
                match |= Q(**{f"{field}__icontains": word})
            queryset = queryset.filter(match)
        return order_by_status(queryset)
