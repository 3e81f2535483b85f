"""Background tasks (django_tasks, as Wagtail itself uses): emails to
participants, and removing personal data after its retention period. Each
task loads what it needs by id, so any worker can run it."""

from django_tasks import task


@task()
def deliver_outbox_email(outbox_id):
    """Send one outbox row (mail/outbox.py); a failure leaves it pending."""
    from .mail.outbox import deliver

    return deliver(outbox_id)


@task()
def anonymise_personal_data():
    """Remove personal data whose retention period has ended
    (retention/anonymise.py); returns how many rows changed in all."""
    from .retention.anonymise import run

    report = run()
    return sum(sum(counts.values()) for _, counts in report.dialogues) + (
        report.expired_subscriptions + report.outbox_emails
    )
