"""Telling followers when a dialogue's final feedback is published (P6).

Wagtail sends ``page_published`` whenever a FeedbackPage is published, by an
editor or by the scheduled-publishing command. The first time a page is live
as *final* feedback, everyone who asked to hear back is sent one email:
confirmed followers of the dialogue, and contributors who gave an email and
consented to being contacted (unless the address unsubscribed from it).

A Wagtail log entry on the feedback page marks that it was announced, so
publishing it again (a new revision, or unpublishing and republishing) sends
nothing more. Interim feedback is never announced. A second final feedback
page under the same dialogue is announced on its own, once: an editor who
publishes another final page has something new to tell.

Everything happens in one transaction with bulk queries, so the number of
queries does not grow with the number of recipients; the emails go through the
outbox (mail/outbox.py) and are sent after the transaction commits.
"""

from django.db import transaction
from django.template.defaultfilters import truncatechars
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, PageLogEntry

from .. import log_actions
from ..consultations import is_consultation_page, translation_for
from ..mail.outbox import Email, queue_emails
from ..models.following import Subscription, SubscriptionSource, normalise_email
from ..models.outbox import OutboxKind
from ..models.site_settings import DelaktighetSettings
from .subscriptions import consenting_contributor_languages, unsubscribe_links

FEEDBACK_TEMPLATE = "wagtail_delaktighet/emails/feedback_published"


def connect():
    """Connect the signal handler; called from the app's ``ready()``."""
    from wagtail.signals import page_published

    from ..models.feedback import FeedbackPage

    page_published.connect(
        announce_on_publish,
        sender=FeedbackPage,
        dispatch_uid="wagtail_delaktighet.announce_final_feedback",
    )


def announce_on_publish(sender, instance, **kwargs):
    # Publishing with a go-live date in the future sends the signal too,
    # while the page is not live yet; the scheduled run sends it again.
    if instance.live and instance.is_final:
        announce(instance)


def already_announced(feedback_page):
    return PageLogEntry.objects.filter(
        page_id=feedback_page.pk, action=log_actions.ANNOUNCE_FEEDBACK
    ).exists()


@transaction.atomic
def announce(feedback_page):
    """Queue the email about ``feedback_page`` to everyone who should hear;
    returns the number of recipients (0 if it was announced before)."""
    # Lock the page's row, so two publishes at once announce once.
    list(Page.objects.select_for_update().filter(pk=feedback_page.pk).values("pk"))
    if already_announced(feedback_page):
        return 0
    dialogue = feedback_page.get_parent().specific
    if not is_consultation_page(dialogue):
        # A translation's feedback: the consultation's followers, in every
        # language, hear once, of the consultation page's feedback.
        return 0
    recipients = recipients_for(dialogue)
    sender = DelaktighetSettings.sender_for(dialogue)
    unsubscribe_url = unsubscribe_links(dialogue)
    in_language = feedback_in_languages(
        dialogue, feedback_page, {s.language for s in recipients}
    )
    queue_emails(
        Email(
            key=f"feedback:{feedback_page.pk}:{subscription.pk}",
            kind=OutboxKind.FEEDBACK,
            recipient=subscription.email,
            template=FEEDBACK_TEMPLATE,
            context={
                "dialogue": their_dialogue,
                "feedback": their_feedback,
                "summary": truncatechars(their_feedback.summary, 600),
                "feedback_url": their_feedback.full_url or "",
                "unsubscribe_url": link,
            },
            page=feedback_page,
            from_email=sender,
            unsubscribe_url=link,
            language=subscription.language,
        )
        for subscription in recipients
        for link in [unsubscribe_url(subscription.token)]
        for their_dialogue, their_feedback in [in_language[subscription.language]]
    )
    log(
        instance=feedback_page,
        action=log_actions.ANNOUNCE_FEEDBACK,
        data={"recipients": len(recipients)},
    )
    return len(recipients)


def feedback_in_languages(dialogue, feedback_page, languages):
    """``{language: (dialogue, feedback page)}``: each recipient's language
    version where it is live, else the consultation page's own."""
    return {
        language: (
            translation_for(dialogue, language),
            translation_for(feedback_page, language),
        )
        for language in languages
    }


def recipients_for(dialogue):
    """The subscriptions to tell, one per address: active followers, and
    contributors who gave an email with consent (signed up here, confirmed by
    their consent) unless their address unsubscribed from the dialogue or
    gave a contribution rejected as spam."""
    contributor_languages = consenting_contributor_languages(dialogue)
    contributor_emails = set(contributor_languages)
    subscriptions = list(Subscription.objects.filter(page_id=dialogue.pk))
    known = {normalise_email(subscription.email) for subscription in subscriptions}
    now = timezone.now()
    new = [
        Subscription(
            page_id=dialogue.pk,
            email=email,
            source=SubscriptionSource.CONTRIBUTION,
            confirmed_at=now,
            # Written to in the language they took part in.
            language=contributor_languages[email],
        )
        for email in sorted(contributor_emails - known)
    ]
    if new:
        # A follow at the same moment may have added one of these addresses.
        Subscription.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
        subscriptions = list(Subscription.objects.filter(page_id=dialogue.pk))
    # Any unsubscription of an address wins over another row for it.
    stopped = {
        normalise_email(subscription.email)
        for subscription in subscriptions
        if subscription.unsubscribed_at is not None
    }
    recipients = {}
    for subscription in sorted(subscriptions, key=lambda s: s.pk):
        email = normalise_email(subscription.email)
        if email in stopped or email in recipients:
            continue
        # Signed up by a contribution: only while that consent holds (not
        # once the contribution was rejected as spam, or its data erased).
        if (
            subscription.source == SubscriptionSource.CONTRIBUTION
            and email not in contributor_emails
        ):
            continue
        if subscription.confirmed_at is not None or email in contributor_emails:
            recipients[email] = subscription
    return list(recipients.values())
