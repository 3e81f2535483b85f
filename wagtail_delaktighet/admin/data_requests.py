"""Admin: answer a person who asks by letter, phone or at the desk what is
stored about their email address, and erase it if they ask.

The same report and erasure as the emailed link on the website
(data_requests/), for staff with the permission to export personal data.
Every look-up, download and erasure is logged with the staff member and a
keyed hash of the address, never the address.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import permissions
from ..data_requests import erasure, report
from ..views.data_requests import json_download

SHOW, DOWNLOAD, ERASE = "show", "download", "erase"


class PersonalDataLookupForm(forms.Form):
    email = forms.EmailField(label=_("The person's email address"))
    confirm_erasure = forms.BooleanField(
        label=_("The person asked for erasure, and I have checked who they are"),
        required=False,
    )


class PersonalDataRequestView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_delaktighet/admin/data_requests/index.html"
    page_title = _("Personal data requests")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_export_personal_data(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(
            self.get_context_data(form=PersonalDataLookupForm())
        )

    # Error reports never show the address.
    @method_decorator(sensitive_post_parameters())
    def post(self, request, *args, **kwargs):
        form = PersonalDataLookupForm(request.POST)
        action = request.POST.get("action", SHOW)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        email = form.cleaned_data["email"]
        if action == ERASE:
            return self.erase(form, email)
        erasure.log_staff_access(email, request.user, action)
        collected = report.collect(email)
        if action == DOWNLOAD:
            return json_download(collected)
        return self.render_to_response(
            self.get_context_data(form=form, report=collected)
        )

    def erase(self, form, email):
        if not form.cleaned_data["confirm_erasure"]:
            form.add_error(
                "confirm_erasure",
                _("Tick the box to confirm the erasure."),
            )
            return self.render_to_response(
                self.get_context_data(form=form, report=report.collect(email))
            )
        erased = erasure.erase(email, user=self.request.user)
        messages.success(
            self.request,
            _(
                "Personal data erased: %(contributions)s contributions, "
                "%(subscriptions)s subscriptions, %(emails)s emails. What the "
                "contributions say is kept."
            )
            % {
                "contributions": erased.contributions,
                "subscriptions": erased.subscriptions,
                "emails": erased.emails,
            },
        )
        return self.render_to_response(
            self.get_context_data(form=PersonalDataLookupForm())
        )


class PersonalDataRequestMenuItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_export_personal_data(request.user)
