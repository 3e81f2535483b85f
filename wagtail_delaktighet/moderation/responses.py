"""Official responses: the municipality's public answer to a contribution,
signed by a contact so that readers see the role of who answered (P1, P8).

Questions use it for their answers. A block that gives "a status plus a public
response" (the ideas block) reuses the same functions through ``outcome``.
Every response saved or withdrawn is recorded in Wagtail's log entries.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from .. import log_actions, moderation, signals
from ..following import response_notices
from ..log_actions import UNPUBLISH_RESPONSE
from ..models import ContributionStatus, OfficialResponse

_OUTCOME_MAX_LENGTH = OfficialResponse._meta.get_field("outcome").max_length


class ResponseError(Exception):
    """A response that cannot be saved, with a message for the staff member."""

    def __init__(self, message):
        super().__init__(message)
        self.message = str(message)


def latest_draft(contribution):
    """The contribution's most recent unpublished response, if any."""
    return (
        contribution.responses.filter(published_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )


@transaction.atomic
def respond(contribution, *, user, signed_by, text, outcome="", publish=True):
    """Save an official response to ``contribution``, signed by the contact
    ``signed_by``, and return it.

    The latest draft response, if there is one, is updated; otherwise a new
    response is created. With ``publish`` the response gets its publication
    time, and a question still awaiting moderation is approved (and that
    approval logged) — a published answer under an unpublished question would
    never be shown. A rejected or non-public contribution cannot get a
    published response; save a draft or approve it first.

    ``outcome`` is the status part of "a status plus a public response": it is
    stored as given (at most 32 characters) and its values are left open on
    purpose. The block that collects the contributions owns them — an ideas
    block, for example, passes its own choices such as ``"under_review"`` or
    ``"accepted"`` and renders their labels; a question leaves it empty.

    Recorded in Wagtail's log entries on the contribution as
    ``log_actions.RESPOND`` with who signed and whether it was published.
    """
    text = (text or "").strip()
    if not text:
        raise ResponseError(_("Write the response before saving it."))
    outcome = outcome or ""
    if len(outcome) > _OUTCOME_MAX_LENGTH:
        raise ResponseError(_("The outcome is too long to be stored."))
    if publish:
        _make_public(contribution, user=user)

    response = latest_draft(contribution)
    created = response is None
    if created:
        response = OfficialResponse(contribution=contribution, created_by=user)
    response.signed_by = signed_by
    response.text = text
    response.outcome = outcome
    response.published_at = timezone.now() if publish else None
    response.save()

    log(
        instance=contribution,
        action=log_actions.RESPOND,
        user=user,
        data={
            "response_id": response.pk,
            "signed_by": str(signed_by),
            "signed_by_id": signed_by.pk,
            "published": publish,
            "outcome": outcome,
            "created": created,
        },
    )
    if publish:
        # The author of an idea hears of its status (a block's choice).
        response_notices.tell_author(response)
        signals.send_official_response_published(response, published_by=user)
    return response


@transaction.atomic
def unpublish_response(response, *, user):
    """Take a published response off the public page; it is kept as a draft
    (so it can be corrected and published again) and the withdrawal logged."""
    if not response.is_published:
        return response
    response.published_at = None
    response.save(update_fields=["published_at"])
    log(
        instance=response.contribution,
        action=UNPUBLISH_RESPONSE,
        user=user,
        data={"response_id": response.pk, "signed_by": str(response.signed_by)},
    )
    return response


def _make_public(contribution, *, user):
    if contribution.status == ContributionStatus.PENDING:
        moderation.approve(contribution, user=user)
    elif contribution.status != ContributionStatus.PUBLISHED:
        raise ResponseError(
            _(
                "Only a published contribution can get a published response. "
                "Save the response as a draft, or approve the contribution first."
            )
        )
