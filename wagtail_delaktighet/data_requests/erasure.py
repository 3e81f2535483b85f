"""Erasing what is stored about one email address.

The person's personal data goes: their name, address and consent on each
contribution (and the name shown with it), what they follow, and the emails
queued or sent to them. What they said stays: a contribution to the
municipality is a public record, and it is still counted in the results.
The erasure is logged with a keyed hash of the address, never the address.
"""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from wagtail.log_actions import log

from .. import log_actions
from ..frontend_cache import purge_dialogue_after_commit
from ..models import (
    Contribution,
    ContributionPersonalData,
    DataRequest,
    DataRequestSource,
)
from ..participation import background
from ..participation.counters import raise_version
from .hashing import email_hash
from .report import emails_to, subscriptions_of


@dataclass
class Erased:
    contributions: int
    subscriptions: int
    emails: int


@sensitive_variables()
@transaction.atomic
def erase(email, *, data_request=None, user=None):
    """Erase the personal data stored with ``email``. ``data_request`` is the
    website request whose link was used; staff pass ``user`` instead, and a
    request is recorded for them."""
    now = timezone.now()
    hashed = email_hash(email)
    if data_request is None:
        data_request = DataRequest.objects.create(
            email_hash=hashed, source=DataRequestSource.STAFF
        )
    personal_data = ContributionPersonalData.objects.filter(
        email__iexact=email.strip()
    ).exclude(email="")
    contribution_ids = list(personal_data.values_list("contribution_id", flat=True))
    personal_data.update(name="", email="", consent=False, consent_given_at=None)
    contributions = Contribution.objects.filter(pk__in=contribution_ids)
    contributions.update(display_name="")
    # Background answers go with the person's data; only counts remain.
    background.forget(contributions)
    contributions.filter(anonymised_at__isnull=True).update(anonymised_at=now)
    # The name shown with a published contribution is gone: the dialogue's
    # cached content and any front-end cache are renewed.
    for page_id in set(contributions.values_list("page_id", flat=True)):
        raise_version(page_id)
        purge_dialogue_after_commit(page_id)
    subscriptions, _ = subscriptions_of(email).delete()
    emails, _ = emails_to(email).delete()
    # Every open link for the address is used up with this one, and none
    # keeps the address.
    DataRequest.objects.filter(email_hash=hashed, used_at__isnull=True).update(
        email="", used_at=now
    )
    data_request.refresh_from_db()
    erased = Erased(len(contribution_ids), subscriptions, emails)
    log(
        data_request,
        log_actions.ERASE_PERSONAL_DATA,
        user=user,
        data={
            "email_hash": hashed,
            "source": data_request.source,
            "contributions": erased.contributions,
            "subscriptions": erased.subscriptions,
            "emails": erased.emails,
        },
    )
    return erased


def log_staff_access(email, user, action):
    """Record that staff looked at or downloaded what is stored about an
    address (``action``: "view" or "download")."""
    data_request = DataRequest.objects.create(
        email_hash=email_hash(email), source=DataRequestSource.STAFF
    )
    log(
        data_request,
        log_actions.SEE_PERSONAL_DATA,
        user=user,
        data={"email_hash": email_hash(email), "what": action},
    )
