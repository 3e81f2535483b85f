"""The emailed link to one's personal data: asking for it, sending it,
checking it.

Asking runs the same queries whatever the address: a row is written and a
background task decides after commit whether to send anything. Only an
address with something stored gets an email, so the link cannot be used to
send the municipality's mail to anyone; the answer on the page is the same
either way, so it tells no one whether an address is known.
"""

import enum
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from django_tasks import task

from ..conf import delaktighet_settings
from ..mail.outbox import Email, queue_emails
from ..models.data_requests import DataRequest, DataRequestSource
from ..models.following import new_token, normalise_email
from ..models.outbox import OutboxKind
from .hashing import email_hash, token_hash
from .report import has_data

EMAIL_TEMPLATE = "wagtail_delaktighet/emails/data_request"


class LinkNotValid(Exception):
    """The link is unknown, too old or used up; ``reason`` says which."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


class Reason(enum.Enum):
    UNKNOWN = "unknown"
    EXPIRED = "expired"
    USED = "used"


def max_age():
    return timedelta(hours=delaktighet_settings.DATA_REQUEST_LINK_MAX_AGE_HOURS)


def expired_requests(now=None):
    """Requests from the website whose link ran out unused: nothing in them
    is needed any more."""
    return DataRequest.objects.filter(
        source=DataRequestSource.WEBSITE,
        used_at__isnull=True,
        created_at__lt=(now or timezone.now()) - max_age(),
    )


@sensitive_variables()  # the address stays out of error reports
@transaction.atomic
def ask(email, *, link_root):
    """Ask for a link to the data stored about ``email``. ``link_root`` is
    the site's address as the visitor used it ("https://host")."""
    expired_requests().delete()
    email = normalise_email(email)
    data_request = DataRequest.objects.create(email=email, email_hash=email_hash(email))
    transaction.on_commit(
        partial(
            send_link.enqueue, data_request_id=data_request.pk, link_root=link_root
        ),
        robust=True,
    )
    return data_request


def link_path(token):
    return reverse("wagtail_delaktighet:data_request_link", args=[token])


def links_sent_lately(data_request):
    return DataRequest.objects.filter(
        email_hash=data_request.email_hash,
        source=DataRequestSource.WEBSITE,
        created_at__gte=timezone.now() - timedelta(hours=1),
    ).exclude(token_hash="")


@task()
def send_link(data_request_id, link_root):
    """Queue the email with the link, if anything is stored about the
    address and it has not had too many links lately; otherwise forget the
    request. Returns whether an email was queued."""
    data_request = DataRequest.objects.filter(
        pk=data_request_id, token_hash="", used_at__isnull=True
    ).first()
    if data_request is None:
        return False
    too_many = (
        links_sent_lately(data_request).count()
        >= delaktighet_settings.DATA_REQUEST_LINKS_PER_HOUR
    )
    if too_many or not has_data(data_request.email):
        data_request.delete()
        return False
    # The token goes into the email only; the row keeps its keyed hash.
    token = new_token()
    data_request.token_hash = token_hash(token)
    data_request.save(update_fields=["token_hash"])
    hours = delaktighet_settings.DATA_REQUEST_LINK_MAX_AGE_HOURS
    return bool(
        queue_emails(
            [
                Email(
                    key=f"data-request:{data_request.pk}",
                    kind=OutboxKind.DATA_REQUEST,
                    recipient=data_request.email,
                    template=EMAIL_TEMPLATE,
                    context={"link": link_root + link_path(token), "hours": hours},
                )
            ]
        )
    )


def find(token):
    """The request whose link carries ``token``, if the link still works;
    raises ``LinkNotValid`` otherwise."""
    data_request = DataRequest.objects.filter(
        token_hash=token_hash(token), source=DataRequestSource.WEBSITE
    ).first()
    if data_request is None:
        raise LinkNotValid(Reason.UNKNOWN)
    if data_request.used_at is not None:
        raise LinkNotValid(Reason.USED)
    if data_request.created_at < timezone.now() - max_age():
        raise LinkNotValid(Reason.EXPIRED)
    return data_request
