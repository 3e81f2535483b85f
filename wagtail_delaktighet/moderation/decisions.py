"""Moderating contributions: approve or reject, one by one or in bulk.

Every decision is recorded in Wagtail's log entries; an author who gave an
email (with consent) is told why a contribution was rejected. That email is
written to the outbox (mail/outbox.py) in the same transaction as the decision and
sent in the background, so a slow or failing mail server never slows the
moderator down nor loses the email. Reasons marked not to be told send
nothing, and a reason marked as spam never does: a spammer's address is never
written to (participation/consent.py).
"""

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.log_actions import log

from .. import log_actions, signals
from ..consultations import translation_for
from ..mail.outbox import Email, queue_emails
from ..models import ContributionStatus, DelaktighetSettings, OutboxEmail, OutboxKind
from ..participation import consent, counters

REJECTION_TEMPLATE = "wagtail_delaktighet/emails/rejection"
WITHDRAWN = "Withdrawn: the moderation decision changed before it was sent."


class ModerationError(Exception):
    pass


@transaction.atomic
def approve(contribution, *, user):
    """Publish a contribution on the dialogue page."""
    contribution.status = ContributionStatus.PUBLISHED
    contribution.rejection_reason = None
    contribution.rejection_note = ""
    _stamp(contribution, user)
    withdraw_rejection_emails(contribution)
    log(instance=contribution, action=log_actions.APPROVE, user=user)
    signals.send_contribution_moderated(
        contribution, decision=signals.APPROVED, moderator=user, reason=None, note=""
    )
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
    entry = log(
        instance=contribution,
        action=log_actions.REJECT,
        user=user,
        data={"reason": reason.name, "note": note},
    )
    withdraw_rejection_emails(contribution)
    queue_emails(_rejection_emails(contribution, decision=entry.pk))
    signals.send_contribution_moderated(
        contribution,
        decision=signals.REJECTED,
        moderator=user,
        reason=reason,
        note=note,
    )
    return contribution


def approve_many(contributions, *, user):
    return [approve(contribution, user=user) for contribution in contributions]


def reject_many(contributions, *, user, reason, note=""):
    return [
        reject(contribution, user=user, reason=reason, note=note)
        for contribution in contributions
    ]


def withdraw_rejection_emails(contribution):
    """An earlier rejection's email that has not gone out yet (the mail server
    is down) is not sent once the decision changes; it stays in the outbox
    as failed, with the reason."""
    now = timezone.now()
    OutboxEmail.objects.filter(
        key__startswith=f"rejection:{contribution.pk}:",
        sent_at__isnull=True,
        failed_at__isnull=True,
    ).filter(Q(claimed_until__isnull=True) | Q(claimed_until__lte=now)).update(
        failed_at=now, last_error=WITHDRAWN
    )


def _rejection_emails(contribution, *, decision):
    """The email telling the author why, if they gave an email with consent
    and the reason is one to tell; keyed by the logged decision, so each
    decision is emailed once."""
    # Nobody is written to without consent, nor about spam.
    recipient = consent.contact_address(contribution)
    if not recipient or not contribution.rejection_reason.tell_author:
        return []
    # The dialogue in the language the author used, and the email too.
    page = translation_for(contribution.page.specific, contribution.language)
    return [
        Email(
            key=f"rejection:{contribution.pk}:{decision}",
            kind=OutboxKind.REJECTION,
            recipient=recipient,
            template=REJECTION_TEMPLATE,
            context={"contribution": contribution, "page": page},
            page=page,
            # Per-site settings outside a request: the dialogue's site.
            from_email=DelaktighetSettings.sender_for(page),
            language=contribution.language,
        )
    ]


def _stamp(contribution, user):
    # Rejected contributions are not counted in the results: a decision that
    # rejects one, or takes a rejection back, changes the counters with it.
    old_status = counters.locked_status(contribution)
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
    counters.status_changed(contribution, old_status)


def moderatable(queryset):
    """Contributions a moderator can act on: those that await moderation or
    were published or rejected (private ones are not for publication)."""
    return queryset.exclude(status=ContributionStatus.PRIVATE)
