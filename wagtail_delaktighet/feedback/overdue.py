"""Which dialogues owe their feedback (P6): live, closed, past the promised
feedback date and without final feedback. The "Overdue feedback" report and
dashboard panel list them; the reminders leave older promises to them."""

from django.utils import timezone

from ..models import annotate_status
from ..permissions import editable_dialogues


def overdue_dialogues(user, now=None):
    """Live dialogues ``user`` may edit whose feedback is overdue, the
    longest overdue first, with their responsible body."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    candidates = (
        editable_dialogues(user)
        .live()
        .filter(
            # Cheap conditions first, so the feedback subquery runs on few rows.
            closes_at__lte=now,
            feedback_promised_on__lt=today,
        )
    )
    return (
        annotate_status(candidates, now)
        .filter(feedback_overdue=True)
        .select_related("responsible_body")
        .order_by("feedback_promised_on", "pk")
    )
