"""Telling an author that their contribution got a published answer: an
idea's author hears of its status and the municipality's answer (P6).

A block opts in with ``tells_author_of_responses`` (``AnsweredPublicly``;
the ideas block sets it). The email is written to the outbox in the same
transaction as the answer (moderation/responses.py) and sent in the
background. Nobody is written to who gave no email with consent, nor about a
contribution rejected as spam (participation/consent.py). Each publication of
an answer is emailed once: the key holds the answer and its publication time,
so publishing a corrected answer tells the author again.
"""

from ..consultations import translation_for
from ..mail.outbox import Email, queue_emails
from ..models import DelaktighetSettings, OutboxKind
from ..participation import consent
from ..participation.service import BlockNotFound, find_consultation_block

RESPONSE_TEMPLATE = "wagtail_delaktighet/emails/response_published"


def tell_author(response):
    """Queue the email about the published ``response`` to its
    contribution's author; returns the number queued (0 or 1)."""
    contribution = response.contribution
    recipient = consent.contact_address(contribution)
    if not recipient or response.published_at is None:
        return 0
    page = contribution.page.specific
    try:
        block, value = find_consultation_block(page, contribution.block_id)
    except BlockNotFound:
        return 0
    if not getattr(block, "tells_author_of_responses", False):
        return 0
    # The dialogue in the language the author used, and the email too.
    page = translation_for(page, contribution.language)
    published = response.published_at.strftime("%Y%m%d%H%M%S%f")
    return queue_emails(
        [
            Email(
                key=f"response:{response.pk}:{published}",
                kind=OutboxKind.RESPONSE,
                recipient=recipient,
                template=RESPONSE_TEMPLATE,
                context={
                    "contribution": contribution,
                    "response": response,
                    "page": page,
                    "summary": block.answered_summary(value, contribution),
                    "outcome": block.outcome_label(value, response.outcome),
                },
                page=page,
                from_email=DelaktighetSettings.sender_for(page),
                language=contribution.language,
            )
        ]
    )
