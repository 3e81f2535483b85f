"""The "Participation" panel on the Wagtail admin's dashboard: "New
dialogue" (the quick start, admin/quick_start.py) for those who may add
dialogues, how many contributions await moderation and which dialogues close
within a week, over the dialogues the user may edit (and nothing for anyone
who may neither edit nor add one).

The panel costs the same few queries however many dialogues and
contributions there are: one count, one annotated list and whether the user
may add dialogues anywhere.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from ..models import ContributionStatus
from ..permissions import (
    can_moderate,
    contributions_for,
    editable_dialogues,
    indexes_to_start_dialogues_in,
)
from .links import inbox_url, quick_start_url

#: How far ahead "closing soon" looks.
CLOSING_SOON = timedelta(days=7)


@dataclass
class ParticipationSummary:
    pending_count: int = 0
    #: Live dialogues closing within ``CLOSING_SOON``, soonest first, each
    #: annotated with ``pending_count``.
    closing_soon: list = field(default_factory=list)


def participation_summary(user, now=None):
    """What the panel shows ``user``, or None when they may edit no dialogue."""
    now = now or timezone.now()
    dialogues = editable_dialogues(user)
    pending_count = (
        contributions_for(user).filter(status=ContributionStatus.PENDING).count()
    )
    closing_soon = list(
        dialogues.filter(
            live=True, closes_at__gt=now, closes_at__lte=now + CLOSING_SOON
        )
        .annotate(
            pending_count=Count(
                "dlk_contributions",
                filter=Q(dlk_contributions__status=ContributionStatus.PENDING),
            )
        )
        .order_by("closes_at", "pk")
    )
    # Pending contributions or a dialogue closing soon prove the user may edit
    # a dialogue; only otherwise does it take a query of its own to ask.
    if not (pending_count or closing_soon or dialogues.exists()):
        return None
    return ParticipationSummary(pending_count=pending_count, closing_soon=closing_soon)


class ParticipationPanel(Component):
    name = "wagtail_delaktighet_participation"
    template_name = "wagtail_delaktighet/admin/dashboard/participation_panel.html"
    # Ahead of Wagtail's own workflow panels (210 and up): contributions
    # waiting for a moderator are the most pressing.
    order = 150

    def get_context_data(self, parent_context):
        # The inbox is where moderators act; others see the counts only, as
        # the admin menu shows the inbox to moderators only.
        links = can_moderate(parent_context["request"].user)
        closing_soon = [
            (dialogue, inbox_url(dialogue) if links else None)
            for dialogue in self.summary.closing_soon
        ]
        return {
            "pending_count": self.summary.pending_count,
            "inbox_url": inbox_url() if links else None,
            "closing_soon": closing_soon,
            "closing_soon_days": CLOSING_SOON.days,
            "quick_start_url": quick_start_url() if self.may_start else None,
        }

    def render_html(self, parent_context=None):
        user = parent_context["request"].user
        self.summary = participation_summary(user)
        # A new installation has no dialogues yet: "New dialogue" is the way in.
        self.may_start = indexes_to_start_dialogues_in(user).exists()
        if self.summary is None:
            if not self.may_start:
                return ""
            self.summary = ParticipationSummary()
        return super().render_html(parent_context)
