"""A read-only panel on the dialogue's edit form: how many contributions it
has, how many await moderation, the latest few, and links to the listing,
entering offline input and the moderation inbox (two queries, whatever the
number of contributions)."""

from django.db.models import Count, Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel

from .consultations import consultation_page


class SubmissionsPanel(Panel):
    def __init__(self, latest=5, **kwargs):
        kwargs.setdefault("heading", _("Contributions"))
        super().__init__(**kwargs)
        self.latest = latest

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "latest": self.latest}

    class BoundPanel(Panel.BoundPanel):
        template_name = "wagtail_delaktighet/admin/contributions/submissions_panel.html"

        @cached_property
        def _shown(self):
            from .permissions import can_see_contributions

            # Not on create: a page that does not exist has no contributions.
            return (
                self.instance is not None
                and self.instance.pk is not None
                and self.request is not None
                and can_see_contributions(self.request.user, self.instance)
            )

        def is_shown(self):
            return self._shown

        def get_context_data(self, parent_context=None):
            from .admin.contributions import BlockDescriptions
            from .admin.links import dialogue_contributions_url, inbox_url
            from .admin.offline import offline_input_url
            from .models import Contribution, ContributionStatus
            from .permissions import can_moderate

            context = super().get_context_data(parent_context)
            # A translation shows its consultation's contributions.
            page = consultation_page(self.instance)
            contributions = Contribution.objects.filter(page=page)
            counts = contributions.aggregate(
                total=Count("pk"),
                pending=Count("pk", filter=Q(status=ContributionStatus.PENDING)),
            )
            latest = list(
                contributions.order_by("-created_at", "-pk")[: self.panel.latest]
            )
            describe = BlockDescriptions([page])
            context.update(
                total=counts["total"],
                pending=counts["pending"],
                latest=[(c, describe(c)) for c in latest],
                listing_url=dialogue_contributions_url(page),
                offline_url=offline_input_url(page),
                inbox_url=(
                    inbox_url(page) if can_moderate(self.request.user, page) else None
                ),
            )
            return context
