"""Following a dialogue by email (P6): ask, confirm, stop.

``follow`` records the address as pending and emails a link to confirm it
(double opt-in); only a confirmed address hears when the feedback is
published (notifications.py). ``unsubscribe`` ends it without logging in.
Each subscription is found by its dialogue AND its random token, so a link
of one dialogue does nothing on another.
"""

import enum

from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables

from .models.contributions import ContributionPersonalData
from .models.following import (
    Subscription,
    SubscriptionSource,
    new_token,
    normalise_email,
)
from .models.outbox import OutboxKind
from .models.site_settings import DelaktighetSettings
from .models.status import DialogueStatus
from .outbox import Email, queue_emails

CONFIRMATION_TEMPLATE = "wagtail_delaktighet/emails/follow_confirm"


class FeedbackAlreadyPublished(Exception):
    """The dialogue's final feedback is out: there is nothing left to follow."""


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    UNSUBSCRIBED = "unsubscribed"
    ALREADY_UNSUBSCRIBED = "already_unsubscribed"


def route_url(page, route, token, *, request=None):
    """The absolute URL of one of the dialogue's following routes."""
    base = page.get_full_url(request) or ""
    return base + page.reverse_subpage(route, args=(token,))


def unsubscribe_page_url(page, token, *, request=None):
    """The dialogue's page for unsubscribing, with its button."""
    return route_url(page, "follow_unsubscribe", token, request=request)


def unsubscribe_links(page):
    """A function from a token to the unsubscribe link in emails and their
    List-Unsubscribe header, with the site looked up once per dialogue.

    The link is the package's one-click URL (views/following.py says why it
    cannot be a page route); where the project does not include the
    package's URLs, it is the dialogue's page for unsubscribing."""
    name = "wagtail_delaktighet:unsubscribe"
    try:
        reverse(name, args=(page.pk, "token"))
    except NoReverseMatch:
        return lambda token: unsubscribe_page_url(page, token)
    site = page.get_site()
    root = site.root_url if site else ""
    return lambda token: root + reverse(name, args=(page.pk, token))


def consenting_contributor_emails(page, **contribution_filters):
    """The normalised addresses of contributors to ``page`` who gave an
    email and consented to being contacted: they hear when the feedback is
    published (notifications.py). Keyword arguments narrow the
    contributions, e.g. to one participant's."""
    lookups = {f"contribution__{k}": v for k, v in contribution_filters.items()}
    return {
        normalise_email(email)
        for email in ContributionPersonalData.objects.filter(
            contribution__page_id=page.pk, consent=True, **lookups
        )
        .exclude(email="")
        .values_list("email", flat=True)
    }


def confirmation_key(subscription):
    # One confirmation per subscription, token and day: posting the form
    # again and again cannot flood somebody's mailbox.
    day = timezone.localdate().isoformat()
    return f"confirm:{subscription.pk}:{subscription.token[:8]}:{day}"


@sensitive_variables()  # the address stays out of error reports
@transaction.atomic
def follow(page, email, *, request=None):
    """Ask to follow ``page`` at ``email``; returns the subscription.

    A new or pending address is sent a confirmation link (at most once a
    day); an address that is already confirmed is sent nothing; one that
    unsubscribed becomes pending again with a new token, so its old links
    stop working.
    """
    if page.status == DialogueStatus.FEEDBACK_PUBLISHED:
        raise FeedbackAlreadyPublished()
    email = normalise_email(email)
    subscription, created = Subscription.objects.get_or_create(page=page, email=email)
    if not created and subscription.is_active:
        return subscription
    if subscription.unsubscribed_at is not None:
        subscription.token = new_token()
        subscription.source = SubscriptionSource.FOLLOW
        subscription.created_at = timezone.now()
        subscription.confirmed_at = None
        subscription.unsubscribed_at = None
        subscription.save()
    queue_emails(
        [
            Email(
                key=confirmation_key(subscription),
                kind=OutboxKind.CONFIRMATION,
                recipient=subscription.email,
                template=CONFIRMATION_TEMPLATE,
                context={
                    "page": page,
                    "confirm_url": route_url(
                        page, "follow_confirm", subscription.token, request=request
                    ),
                },
                page=page,
                from_email=DelaktighetSettings.sender_for(page, request),
            )
        ]
    )
    return subscription


def find(page, token):
    """The subscription with this token on this dialogue; raises
    ``Subscription.DoesNotExist`` for any other token."""
    return Subscription.objects.get(page_id=page.pk, token=token)


def confirm(page, token):
    """Confirm a pending subscription. Confirming twice is harmless; a link
    of an address that unsubscribed stays used up."""
    subscription = find(page, token)
    if subscription.unsubscribed_at is not None:
        return Outcome.UNSUBSCRIBED
    # A conditional update: of two clicks at once, one confirms.
    confirmed = Subscription.objects.filter(
        pk=subscription.pk, confirmed_at__isnull=True, unsubscribed_at__isnull=True
    ).update(confirmed_at=timezone.now())
    return Outcome.CONFIRMED if confirmed else Outcome.ALREADY_CONFIRMED


def unsubscribe(page, token):
    """Stop a subscription, confirmed or not. The row stays, marked, so the
    address is not signed up again from a contribution (notifications.py)."""
    subscription = find(page, token)
    stopped = Subscription.objects.filter(
        pk=subscription.pk, unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now())
    return Outcome.UNSUBSCRIBED if stopped else Outcome.ALREADY_UNSUBSCRIBED
