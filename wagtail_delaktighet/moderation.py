"""Moderating contributions: approve or reject, one by one or in bulk.

Every decision is recorded in Wagtail's log entries; an author who gave an
email (with consent) is told why a contribution was rejected, by a background
task, so a slow mail server never slows the moderator down.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from . import log_actions
from .models import ContributionStatus


class ModerationError(Exception):
    pass


@transaction.atomic
def approve(contribution, *, user):
    """Publish a contribution on the dialogue page."""
    contribution.status = ContributionStatus.PUBLISHED
    contribution.rejection_reason = None
    contribution.rejection_note = ""
    _stamp(contribution, user)
    log(instance=contribution, action=log_actions.APPROVE, user=user)
    return contribution


@transaction.atomic
def reject(contribution, *, user, reason, note=""):
    """Reject a contribution with a reason from the editable list; the author
    is told why when they gave an email."""
    if reason is None:
        raise ModerationError("A rejection needs a reason.")
    contribution.status = ContributionStatus.REJECTED
    contribution.rejection_reason = reason
    contribution.rejection_note = note
    _stamp(contribution, user)
    log(
        instance=contribution,
        action=log_actions.REJECT,
        user=user,
        data={"reason": reason.name, "note": note},
    )
    from .tasks import notify_author_of_rejection

    def queue_email_to_author():
        notify_author_of_rejection.enqueue(contribution_id=contribution.pk)

    # Robust: the decision is committed by now, so a task queue that cannot
    # be reached is logged as an error rather than failing the moderator's
    # request (and halting a bulk rejection half way).
    transaction.on_commit(queue_email_to_author, robust=True)
    return contribution


def approve_many(contributions, *, user):
    return [approve(contribution, user=user) for contribution in contributions]


def reject_many(contributions, *, user, reason, note=""):
    return [
        reject(contribution, user=user, reason=reason, note=note)
        for contribution in contributions
    ]


def _stamp(contribution, user):
    contribution.moderated_at = timezone.now()
    contribution.moderated_by = user
    contribution.save(
        update_fields=[
            "status",
            "rejection_reason",
            "rejection_note",
            "moderated_at",
            "moderated_by",
        ]
    )


def moderatable(queryset):
    """Contributions a moderator can act on: those that await moderation or
    were published or rejected (private ones are not for publication)."""
    return queryset.exclude(status=ContributionStatus.PRIVATE)
