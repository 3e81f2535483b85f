"""Background tasks (django_tasks, as Wagtail itself uses): emails to
participants. Each task loads what it needs by id, so any worker can run it."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def notify_author_of_rejection(contribution_id):
    """Tell the author why their contribution was rejected, if they gave an
    email and consented to being contacted."""
    from .models import Contribution, DelaktighetSettings

    contribution = (
        Contribution.objects.select_related("personal_data", "rejection_reason", "page")
        .filter(pk=contribution_id)
        .first()
    )
    if contribution is None or contribution.rejection_reason is None:
        return False
    personal_data = getattr(contribution, "personal_data", None)
    if personal_data is None or not (personal_data.email and personal_data.consent):
        return False
    page = contribution.page.specific
    # Per-site settings outside a request: the site the dialogue belongs to.
    sender = DelaktighetSettings.sender_for(page)
    context = {"contribution": contribution, "page": page, "site": page.get_site()}
    # Emails go out in the site's language, whoever triggered them.
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(
            "wagtail_delaktighet/emails/rejection_subject.txt", context
        ).strip()
        body = render_to_string(
            "wagtail_delaktighet/emails/rejection_body.txt", context
        )
    EmailMessage(subject, body, sender, [personal_data.email]).send()
    return True


@task()
def deliver_outbox_email(outbox_id):
    """Send one outbox row (outbox.py); a failure leaves it pending."""
    from .outbox import deliver

    return deliver(outbox_id)
