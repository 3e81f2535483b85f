"""Moderating contributions in the Wagtail admin: approve or reject one
(from its detail view) or many (from the inbox), and the "Moderation" menu
item. Deciding is done by ``wagtail_delaktighet.moderation`` only; who may do
it by ``wagtail_delaktighet.permissions``."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.utils import get_valid_next_url_from_request

from .. import moderation, permissions
from ..models import Contribution, ContributionStatus
from .links import detail_url, inbox_url, set_next
from .moderation_forms import BulkModerationForm, RejectionForm


class ModerationActionView(View):
    """Base of the POST-only moderation actions on one contribution."""

    http_method_names = ["post"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.contribution = get_object_or_404(
            moderation.moderatable(Contribution.objects.select_related("page")),
            pk=kwargs["pk"],
        )

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user, self.contribution.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def done(self):
        return redirect(
            get_valid_next_url_from_request(self.request)
            or detail_url(self.contribution)
        )


class ApproveView(ModerationActionView):
    def post(self, request, *args, **kwargs):
        moderation.approve(self.contribution, user=request.user)
        messages.success(
            request,
            _("Contribution %(receipt)s approved and published.")
            % {"receipt": self.contribution},
        )
        return self.done()


class RejectView(ModerationActionView):
    def post(self, request, *args, **kwargs):
        form = RejectionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose a reason to reject the contribution."))
            # Back to the form, keeping the way back to the listing.
            next_url = get_valid_next_url_from_request(request)
            url = detail_url(self.contribution)
            return redirect(set_next(url, next_url) if next_url else url)
        moderation.reject(
            self.contribution,
            user=request.user,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            _("Contribution %(receipt)s rejected.") % {"receipt": self.contribution},
        )
        return self.done()


class BulkModerationView(View):
    """Approve or reject the contributions chosen in the inbox."""

    http_method_names = ["post"]

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        allowed = moderation.moderatable(
            permissions.contributions_for(request.user)
        ).select_related("page")
        form = BulkModerationForm(request.POST, queryset=allowed)
        back = get_valid_next_url_from_request(request) or inbox_url()
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        chosen = list(form.cleaned_data["contributions"])
        if form.cleaned_data["action"] == BulkModerationForm.APPROVE:
            moderation.approve_many(chosen, user=request.user)
            message = ngettext(
                "%(count)d contribution approved and published.",
                "%(count)d contributions approved and published.",
                len(chosen),
            )
        else:
            moderation.reject_many(
                chosen,
                user=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
            message = ngettext(
                "%(count)d contribution rejected.",
                "%(count)d contributions rejected.",
                len(chosen),
            )
        messages.success(request, message % {"count": len(chosen)})
        return redirect(back)


class ModerationMenuItem(MenuItem):
    """ "Moderation" in the admin menu, for moderators, with the number of
    contributions awaiting them (one COUNT query)."""

    def is_shown(self, request):
        return permissions.can_moderate(request.user)

    def render_component(self, request):
        pending = (
            permissions.contributions_for(request.user)
            .filter(status=ContributionStatus.PENDING)
            .count()
        )
        label = self.label
        if pending:
            label = _("%(label)s (%(count)d awaiting)") % {
                "label": self.label,
                "count": pending,
            }
        return LinkMenuItem(
            self.name,
            label,
            self.url,
            icon_name=self.icon_name,
            classname=self.classname,
            attrs=self.attrs,
        )
