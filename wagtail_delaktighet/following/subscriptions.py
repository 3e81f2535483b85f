"""Following a dialogue by email (P6): ask, confirm, stop.

``follow`` records the address as pending and emails a link to confirm it
(double opt-in); only a confirmed address hears when the feedback is
published (notifications.py). ``unsubscribe`` ends it without logging in.
Each subscription is found by its dialogue AND its random token, so a link
of one dialogue does nothing on another.
"""

import enum
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from django_tasks import task

from ..conf import delaktighet_settings
from ..consultations import consultation_page, translation_for
from ..mail.outbox import Email, queue_emails
from ..models.contributions import ContributionPersonalData, ContributionStatus
from ..models.following import (
    Subscription,
    SubscriptionSource,
    new_token,
    normalise_email,
)
from ..models.outbox import OutboxKind
from ..models.site_settings import DelaktighetSettings
from ..models.status import DialogueStatus
from ..participation.consent import recorded_consent

CONFIRMATION_TEMPLATE = "wagtail_delaktighet/emails/follow_confirm"

#: What following gives and what the address is used for, shown with the
#: follow form (follow/about.html) and stored with each request to follow.
FOLLOW_PURPOSE = _(
    "We send you one email when the feedback on this dialogue is published: "
    "what we heard and what came of it. First we send you a link to confirm "
    "your address."
)
FOLLOW_USE = _(
    "We use your address only for that, and you can remove it with one click "
    "in the email."
)


def follow_consent_text():
    """The wording a follower agrees to, in the active language."""
    return f"{FOLLOW_PURPOSE} {FOLLOW_USE}"


class FeedbackAlreadyPublished(Exception):
    """The dialogue's final feedback is out: there is nothing left to follow."""


class Outcome(enum.Enum):
    CONFIRMED = "confirmed"
    ALREADY_CONFIRMED = "already_confirmed"
    UNSUBSCRIBED = "unsubscribed"
    ALREADY_UNSUBSCRIBED = "already_unsubscribed"
    #: The confirmation link is older than CONFIRMATION_LINK_MAX_AGE_DAYS.
    EXPIRED = "expired"


def links_issued_before(now=None):
    """A pending subscription created before this has an expired
    confirmation link."""
    max_age = timedelta(days=delaktighet_settings.CONFIRMATION_LINK_MAX_AGE_DAYS)
    return (now or timezone.now()) - max_age


def link_expired(subscription, now=None):
    """Whether the confirmation link of a pending subscription is too old to
    confirm it (its token and ``created_at`` are renewed together)."""
    return (
        subscription.confirmed_at is None
        and subscription.unsubscribed_at is None
        and subscription.created_at < links_issued_before(now)
    )


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
    contributions, e.g. to one participant's. An address given with any
    contribution to ``page`` that was rejected as spam is left out: a
    spammer's address is often someone else's."""
    return set(consenting_contributor_languages(page, **contribution_filters))


def consenting_contributor_languages(page, **contribution_filters):
    """``{address: language}`` of ``consenting_contributor_emails``: the
    language each address last contributed in."""
    lookups = {f"contribution__{k}": v for k, v in contribution_filters.items()}
    spam = Q(
        contribution__status=ContributionStatus.REJECTED,
        contribution__rejection_reason__is_spam=True,
    )
    # One query for both: the consenting addresses and the spam ones.
    rows = (
        ContributionPersonalData.objects.filter(
            contribution__page_id=consultation_page(page).pk
        )
        .filter(Q(consent=True, **lookups) | spam)
        .exclude(email="")
        .annotate(is_spam=ExpressionWrapper(spam, output_field=BooleanField()))
        .values_list("email", "is_spam", "contribution__language")
        .order_by("contribution__created_at", "contribution_id")
    )
    consenting, spam_addresses = {}, set()
    for email, is_spam, language in rows:
        if is_spam:
            spam_addresses.add(normalise_email(email))
        else:
            consenting[normalise_email(email)] = language
    return {
        email: language
        for email, language in consenting.items()
        if email not in spam_addresses
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
    unsubscribed, or whose confirmation link has expired, becomes pending
    again with a new token, so its old links stop working.

    Whatever the address's state, this runs the same queries: the response
    time must not tell anyone whether an address follows the dialogue. The
    row is inserted unless it exists, reopened if it was unsubscribed (an
    update that matches it or nothing), and whether to send anything is
    decided by a background task after commit (``ask_to_confirm``).
    """
    if page.status == DialogueStatus.FEEDBACK_PUBLISHED:
        raise FeedbackAlreadyPublished()
    email = normalise_email(email)
    consent = recorded_consent(follow_consent_text())
    # Its emails are written in the language the address asked in.
    language = (translation.get_language() or "")[:16]
    # The address is sent this page's links (``page_url``), but follows the
    # one consultation of all the dialogue's language versions.
    visited, page = page, consultation_page(page)
    Subscription.objects.bulk_create(
        [Subscription(page=page, email=email, language=language, **consent)],
        ignore_conflicts=True,
    )
    Subscription.objects.filter(
        page=page, email=email, unsubscribed_at__isnull=False
    ).update(
        token=new_token(),
        source=SubscriptionSource.FOLLOW,
        created_at=timezone.now(),
        confirmed_at=None,
        unsubscribed_at=None,
        language=language,
        **consent,
    )
    Subscription.objects.filter(
        page=page,
        email=email,
        confirmed_at__isnull=True,
        unsubscribed_at__isnull=True,
        created_at__lt=links_issued_before(),
    ).update(token=new_token(), created_at=timezone.now(), language=language)
    subscription = Subscription.objects.get(page=page, email=email)
    page_url = visited.get_full_url(request) or ""
    transaction.on_commit(
        partial(
            ask_to_confirm.enqueue, subscription_id=subscription.pk, page_url=page_url
        ),
        robust=True,
    )
    return subscription


@task()
def ask_to_confirm(subscription_id, page_url):
    """Queue the confirmation email of a pending subscription; a confirmed or
    unsubscribed one is sent nothing. ``page_url`` is the dialogue's address
    as the visitor used it. Returns whether an email was queued."""
    subscription = (
        Subscription.objects.filter(
            pk=subscription_id, confirmed_at__isnull=True, unsubscribed_at__isnull=True
        )
        .select_related("page")
        .first()
    )
    if subscription is None:
        return False
    page = subscription.page.specific
    # Named in the language the address asked in.
    page = translation_for(page, subscription.language)
    confirm_url = page_url + page.reverse_subpage(
        "follow_confirm", args=(subscription.token,)
    )
    return bool(
        queue_emails(
            [
                Email(
                    key=confirmation_key(subscription),
                    kind=OutboxKind.CONFIRMATION,
                    recipient=subscription.email,
                    template=CONFIRMATION_TEMPLATE,
                    context={
                        "page": page,
                        "confirm_url": confirm_url,
                        "link_max_age_days": (
                            delaktighet_settings.CONFIRMATION_LINK_MAX_AGE_DAYS
                        ),
                    },
                    page=page,
                    from_email=DelaktighetSettings.sender_for(page),
                    language=subscription.language,
                )
            ]
        )
    )


def find(page, token):
    """The subscription with this token on this dialogue; raises
    ``Subscription.DoesNotExist`` for any other token."""
    return Subscription.objects.get(page_id=consultation_page(page).pk, token=token)


def confirm(page, token):
    """Confirm a pending subscription. Confirming twice is harmless; a link
    of an address that unsubscribed stays used up, and one older than
    ``CONFIRMATION_LINK_MAX_AGE_DAYS`` confirms nothing."""
    subscription = find(page, token)
    if subscription.unsubscribed_at is not None:
        return Outcome.UNSUBSCRIBED
    now = timezone.now()
    if link_expired(subscription, now):
        return Outcome.EXPIRED
    # A conditional update: of two clicks at once, one confirms.
    confirmed = Subscription.objects.filter(
        pk=subscription.pk,
        confirmed_at__isnull=True,
        unsubscribed_at__isnull=True,
        created_at__gte=links_issued_before(now),
    ).update(confirmed_at=now)
    return Outcome.CONFIRMED if confirmed else Outcome.ALREADY_CONFIRMED


def unsubscribe(page, token):
    """Stop a subscription, confirmed or not. The row stays, marked, so the
    address is not signed up again from a contribution (notifications.py)."""
    subscription = find(page, token)
    stopped = Subscription.objects.filter(
        pk=subscription.pk, unsubscribed_at__isnull=True
    ).update(unsubscribed_at=timezone.now())
    return Outcome.UNSUBSCRIBED if stopped else Outcome.ALREADY_UNSUBSCRIBED
