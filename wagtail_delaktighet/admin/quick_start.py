"""Admin: "New dialogue", the quick start. A short form (forms/quick_start.py)
makes a draft dialogue that meets the publish rules as it stands
(starter_dialogue.py), then opens it in Wagtail's full edit form, where the
editor reviews it and publishes.

Offered on the dashboard's "Participation" panel and on every dialogue index
the user may add dialogues under (wagtail_hooks.py). Only users who may add
a dialogue page under some index reach it, and only under those indexes.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..forms.quick_start import QuickStartForm
from ..models import Body, InvolvementAssessment
from ..permissions import can_start_dialogue_in, indexes_to_start_dialogues_in
from .links import quick_start_url
from .starter_dialogue import create_draft, starter_dialogue

#: The query parameter that preselects the index (the index's own button).
INDEX = "index"


class QuickStartView(WagtailAdminTemplateMixin, FormView):
    template_name = "wagtail_delaktighet/admin/quick_start/form.html"
    form_class = QuickStartForm
    page_title = _("New dialogue")
    header_icon = "doc-empty-inverse"

    def dispatch(self, request, *args, **kwargs):
        self.indexes = list(indexes_to_start_dialogues_in(request.user))
        if not self.indexes:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "indexes": self.indexes}

    def get_initial(self):
        chosen = self.request.GET.get(INDEX, "")
        index = next((i for i in self.indexes if str(i.pk) == chosen), None)
        return {"index": index} if index else {}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": quick_start_url(), "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.get_full_path(),
            submit_button_label=_("Create the draft"),
            submit_button_active_label=_("Creating…"),
            media=context["form"].media,
            # A new installation has no bodies yet: say where to add one.
            add_body_url=(
                None
                if Body.objects.exists()
                else reverse(Body.snippet_viewset.get_url_name("add"))
            ),
            add_assessment_url=reverse(
                InvolvementAssessment.snippet_viewset.get_url_name("add")
            ),
        )
        return context

    def form_invalid(self, form):
        messages.error(
            self.request, _("The dialogue was not created. Correct the errors below.")
        )
        return super().form_invalid(form)

    def form_valid(self, form):
        data = form.cleaned_data
        index = data["index"]
        # Rights may have changed since the form was shown.
        if not can_start_dialogue_in(self.request.user, index):
            raise PermissionDenied
        page = starter_dialogue(
            index=index,
            title=data["title"],
            question=data["question"],
            responsible_body=data["responsible_body"],
            involvement_assessment=data.get("involvement_assessment"),
            influence_level=data["influence_level"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            owner=self.request.user,
        )
        hook_response = create_draft(page, index=index, request=self.request)
        if hook_response is not None:
            return hook_response
        edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        messages.success(
            self.request,
            _(
                "Draft dialogue “%(title)s” created. Read through the starter "
                "texts for purpose, what participants can influence and how "
                "input is handled, then publish."
            )
            % {"title": page.get_admin_display_title()},
            buttons=[messages.button(edit_url, _("Edit"))],
        )
        return redirect(edit_url)
