"""Signals for integrators: connect a case-management or records system to
the package without patching it (docs/developers/signals.md).

Every signal is sent once the change is committed, never for one that is
rolled back, so a receiver always finds the rows it is told about. It is sent
robustly: a receiver that raises is logged and the others still run, and the
contribution, decision or page stays stored. Nothing is queued at all while no
receiver is connected.
"""

from functools import partial

from django.db import transaction
from django.dispatch import Signal

#: A contribution was stored by the participation service, from any channel
#: (the website, staff entering offline input, a project's own front end).
#: Sent with ``sender=Contribution``, ``contribution``, ``page`` (the
#: dialogue), ``channel`` and ``entered_by`` (the staff user who entered
#: offline input, else None). Not sent again when the same form is posted
#: twice: nothing new was stored.
contribution_submitted = Signal()

#: A moderator approved or rejected a contribution. Sent with
#: ``sender=Contribution``, ``contribution``, ``decision`` (``APPROVED`` or
#: ``REJECTED``), ``moderator``, ``reason`` (the ``RejectionReason``, None
#: when approved) and ``note``. Bulk decisions send one per contribution.
contribution_moderated = Signal()

#: An official response was published under a contribution. Sent with
#: ``sender=OfficialResponse``, ``response``, ``contribution``, ``signed_by``
#: (the ``Contact``) and ``published_by`` (the staff user).
official_response_published = Signal()

#: A feedback page went live. Sent with ``sender`` (the page's class),
#: ``page``, ``dialogue`` and ``revision``, each time the page is published.
feedback_published = Signal()

APPROVED = "approved"
REJECTED = "rejected"


def send_contribution_submitted(contribution, *, page, channel, entered_by):
    from .models import Contribution

    _send_after_commit(
        contribution_submitted,
        Contribution,
        contribution=contribution,
        page=page,
        channel=channel,
        entered_by=entered_by,
    )


def send_contribution_moderated(contribution, *, decision, moderator, reason, note):
    from .models import Contribution

    _send_after_commit(
        contribution_moderated,
        Contribution,
        contribution=contribution,
        decision=decision,
        moderator=moderator,
        reason=reason,
        note=note,
    )


def send_official_response_published(response, *, published_by):
    from .models import OfficialResponse

    _send_after_commit(
        official_response_published,
        OfficialResponse,
        response=response,
        contribution=response.contribution,
        signed_by=response.signed_by,
        published_by=published_by,
    )


def relay_feedback_published(sender, instance, revision=None, **kwargs):
    """Wagtail's ``page_published`` for a feedback page, as
    ``feedback_published``."""
    # Publishing with a go-live date in the future sends page_published too,
    # while the page is not live yet; the scheduled run sends it again.
    if instance.live and feedback_published.has_listeners(sender):
        _send_after_commit(
            feedback_published,
            sender,
            page=instance,
            dialogue=instance.get_parent().specific,
            revision=revision,
        )


def connect():
    """Connect the relay from Wagtail's signal; called from the app's
    ``ready()``."""
    from wagtail.signals import page_published

    from .models.feedback import FeedbackPage

    page_published.connect(
        relay_feedback_published,
        sender=FeedbackPage,
        dispatch_uid="wagtail_delaktighet.relay_feedback_published",
    )


def _send_after_commit(signal, sender, **arguments):
    if signal.has_listeners(sender):
        # send_robust: Django logs a receiver's error (logger
        # "django.dispatch") and goes on with the next receiver.
        transaction.on_commit(partial(signal.send_robust, sender, **arguments))
