"""Marking contributions as registered (diarieförda) in the municipality's
records system: every contribution the dialogue's listing shows with its
current filters and search, under one case number (diarienummer). The
listing links here with its query; the form posts back to the same address,
so what is marked is exactly what was counted."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import permissions, public_records
from ..models import Contribution, DialoguePage
from .contributions import DialogueContributionsView
from .links import dialogue_contributions_url, listing_query, register_url


class RegistrationForm(forms.Form):
    case_number = forms.CharField(
        label=_("Case number"),
        max_length=Contribution._meta.get_field("registered_case_number").max_length,
        help_text=_("The case number (diarienummer) in the records system."),
        error_messages={
            "required": _(
                "Enter the case number the contributions are registered under."
            )
        },
    )


class RegisterContributionsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_delaktighet/admin/contributions/register.html"
    header_icon = "doc-full"
    page_title = _("Register in the records system")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.page = get_object_or_404(DialoguePage, pk=kwargs["page_id"])

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_contributions(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def listing(self):
        listing = DialogueContributionsView()
        listing.setup(self.request, page_id=self.page.pk)
        return listing

    @cached_property
    def filters_are_valid(self):
        # The listing ignores filters it cannot read and shows everything:
        # registering must never widen to the whole dialogue that way.
        filters = self.listing.filters
        return filters is None or filters.is_valid()

    @cached_property
    def chosen(self):
        """The contributions the listing shows with the query of this
        request: the listing's own filters and search, applied by it."""
        if not self.filters_are_valid:
            return Contribution.objects.none()
        return self.listing.get_queryset()

    @cached_property
    def listing_url(self):
        query = listing_query(self.request.GET)
        url = dialogue_contributions_url(self.page)
        return f"{url}?{query.urlencode()}" if query else url

    def get_page_subtitle(self):
        return self.page.title

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
                "label": self.page.title,
            },
            {"url": self.listing_url, "label": _("Contributions")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        return self.render_form(RegistrationForm())

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST)
        if not form.is_valid() or not self.filters_are_valid:
            return self.render_form(form)
        count = public_records.register(
            self.chosen,
            case_number=form.cleaned_data["case_number"],
            user=request.user,
        )
        messages.success(
            request,
            ngettext(
                "%(count)d contribution registered under case number %(case)s.",
                "%(count)d contributions registered under case number %(case)s.",
                count,
            )
            % {"count": count, "case": form.cleaned_data["case_number"]},
        )
        return redirect(self.listing_url)

    def render_form(self, form):
        return self.render_to_response(
            self.get_context_data(
                form=form,
                dialogue=self.page,
                count=self.chosen.count(),
                already_registered=self.chosen.filter(
                    registered_at__isnull=False
                ).count(),
                action_url=register_url(self.page, self.request.GET),
                listing_url=self.listing_url,
                filters_are_valid=self.filters_are_valid,
            )
        )
