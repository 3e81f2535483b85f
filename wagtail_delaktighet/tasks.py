"""Background tasks (django_tasks, as Wagtail itself uses): emails to
participants. Each task loads what it needs by id, so any worker can run it."""

from django_tasks import task


@task()
def deliver_outbox_email(outbox_id):
    """Send one outbox row (mail/outbox.py); a failure leaves it pending."""
    from .mail.outbox import deliver

    return deliver(outbox_id)
