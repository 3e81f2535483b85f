"""Removing personal data once it is no longer needed, while what was said,
the counts and the results stay exactly as they were.

For each dialogue whose retention period has ended (due.py):

- contributions lose their display name, their per-block participant key,
  their submission key and the resident's account of a binding answer, and
  get ``anonymised_at``;
- the key that tells one person's contributions to the dialogue apart is
  replaced, in the contributions and in ``DialogueParticipant`` alike, by a
  pseudonym made from the counter row's id: people are still counted (also
  by ``delaktighet_rebuild_counts``), but no cookie leads to them any more;
- the names and email addresses given with contributions are deleted;
- the voluntary background answers are folded into the dialogue's counts
  (``BackgroundCount``) and deleted;
- its subscriptions are deleted, except confirmed ones still waiting for
  the final feedback;
- the emails about it and its feedback pages that were sent (or given up)
  lose recipient, body, unsubscribe link and error.

Across all dialogues: unconfirmed subscriptions whose link has expired
(``CONFIRMATION_LINK_MAX_AGE_DAYS``) are deleted, and emails sent or given
up more than ``OUTBOX_RETENTION_DAYS`` ago lose recipient, body and error.

Everything is done by UPDATE and DELETE statements over batches of ids, so a
dialogue with a million contributions needs no row in Python. Each step
selects only what is left to do: a second run changes nothing, and a run
that stopped half way is finished by the next. Each dialogue where anything
changed gets a log entry (``log_actions.ANONYMISE``) with the counts.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db import transaction
from django.db.models import CharField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from wagtail.log_actions import log

from .. import log_actions
from ..conf import delaktighet_settings
from ..frontend_cache import purge_dialogue_after_commit
from ..models.background import BackgroundAnswer
from ..models.contributions import Contribution, ContributionPersonalData
from ..models.following import Subscription
from ..models.outbox import OutboxEmail
from ..models.result_counts import DialogueParticipant
from ..models.status import live_final_feedback
from ..participation import background
from ..participation.counters import raise_version
from .due import dialogues_due

#: Starts every pseudonym that replaced a participant key. The keys are hex
#: digests, so no real key starts with it.
PSEUDONYM_PREFIX = "anon:"
BATCH_SIZE = 5000

#: What the counts of one dialogue are, in the order they are reported.
DIALOGUE_COUNTS = (
    "contributions",
    "personal_data",
    "background_answers",
    "participants",
    "subscriptions",
    "emails",
)


@dataclass
class Report:
    """How many of what a run changed (or, dry, would change)."""

    #: (dialogue page, {count name: number}) for each dialogue due.
    dialogues: list = field(default_factory=list)
    expired_subscriptions: int = 0
    outbox_emails: int = 0


def run(*, now=None, dry_run=False, batch_size=BATCH_SIZE):
    now = now or timezone.now()
    report = Report()
    for page in dialogues_due(now):
        counts = anonymise_dialogue(
            page, now=now, dry_run=dry_run, batch_size=batch_size
        )
        report.dialogues.append((page, counts))
    report.expired_subscriptions = _in_batches(
        expired_subscriptions(now), _delete, dry_run, batch_size
    )
    report.outbox_emails = _in_batches(
        outbox_emails_to_blank(now), _blank_outbox, dry_run, batch_size
    )
    return report


def anonymise_dialogue(page, *, now, dry_run=False, batch_size=BATCH_SIZE):
    """Remove one dialogue's personal data; returns how many of what."""
    contributions = Contribution.objects.filter(
        page_id=page.pk, anonymised_at__isnull=True
    )
    counts = {
        # The contributions first: they find their pseudonym through the
        # counter rows' keys, which are replaced after them.
        "contributions": _in_batches(
            contributions,
            lambda rows: _anonymise_contributions(rows, now),
            dry_run,
            batch_size,
        ),
        "participants": _in_batches(
            DialogueParticipant.objects.filter(page_id=page.pk).exclude(
                participant_key__startswith=PSEUDONYM_PREFIX
            ),
            _pseudonymise_participants,
            dry_run,
            batch_size,
        ),
        "personal_data": _in_batches(
            ContributionPersonalData.objects.filter(contribution__page_id=page.pk),
            _delete,
            dry_run,
            batch_size,
        ),
        # Folded into the dialogue's counts first, so representativeness
        # can still be reported.
        "background_answers": _in_batches(
            BackgroundAnswer.objects.filter(page_id=page.pk),
            _forget_background,
            dry_run,
            batch_size,
        ),
        "subscriptions": _in_batches(
            subscriptions_to_delete(page), _delete, dry_run, batch_size
        ),
        "emails": _in_batches(
            _sent(OutboxEmail.objects.filter(page__path__startswith=page.path)),
            _blank_outbox,
            dry_run,
            batch_size,
        ),
    }
    counts = {name: counts[name] for name in DIALOGUE_COUNTS}
    if not dry_run and any(counts.values()):
        with transaction.atomic():
            log(instance=page, action=log_actions.ANONYMISE, data=counts)
            # Names are gone from the public page: its cached content and
            # any front-end cache must show it.
            raise_version(page.pk)
            purge_dialogue_after_commit(page.pk)
    return counts


def subscriptions_to_delete(page):
    subscriptions = Subscription.objects.filter(page_id=page.pk)
    if live_final_feedback(page).exists():
        return subscriptions
    # Confirmed followers still wait for the final feedback they asked for.
    return subscriptions.exclude(
        confirmed_at__isnull=False, unsubscribed_at__isnull=True
    )


def expired_subscriptions(now):
    """Unconfirmed subscriptions whose confirmation link no longer works."""
    max_age = timedelta(days=delaktighet_settings.CONFIRMATION_LINK_MAX_AGE_DAYS)
    return Subscription.objects.filter(
        confirmed_at__isnull=True,
        unsubscribed_at__isnull=True,
        created_at__lt=now - max_age,
    )


def outbox_emails_to_blank(now):
    """Emails sent or given up long enough ago that still hold an address."""
    kept = timedelta(days=delaktighet_settings.OUTBOX_RETENTION_DAYS)
    return _sent(OutboxEmail.objects.filter(created_at__lt=now - kept))


def _sent(emails):
    """Those of ``emails`` sent or given up that still hold an address: a
    pending one is still to be sent."""
    return emails.filter(Q(sent_at__isnull=False) | Q(failed_at__isnull=False)).exclude(
        recipient=""
    )


def _in_batches(queryset, change, dry_run, batch_size):
    """Apply ``change`` to the rows of ``queryset`` in batches of ids, in id
    order; returns how many rows there were. Dry: only counts them."""
    if dry_run:
        return queryset.count()
    total, last_pk = 0, 0
    while True:
        ids = list(
            queryset.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not ids:
            return total
        with transaction.atomic():
            change(queryset.model.objects.filter(pk__in=ids))
        total += len(ids)
        last_pk = ids[-1]


def _anonymise_contributions(rows, now):
    pseudonym = DialogueParticipant.objects.filter(
        page_id=OuterRef("page_id"),
        participant_key=OuterRef("dialogue_participant_key"),
    ).values(key=_pseudonym())[:1]
    rows.update(
        display_name="",
        participant_key=None,
        submission_key=None,
        account=None,
        # A contribution no longer counted (rejected) has no counter row and
        # so no pseudonym: its key just goes.
        dialogue_participant_key=Subquery(pseudonym),
        anonymised_at=now,
    )


def _pseudonymise_participants(rows):
    rows.update(participant_key=_pseudonym())


def _pseudonym():
    return Concat(
        Value(PSEUDONYM_PREFIX),
        Cast("pk", output_field=CharField()),
        output_field=CharField(),
    )


def _forget_background(rows):
    background.forget_rows(rows)


def _delete(rows):
    rows.delete()


def _blank_outbox(rows):
    rows.update(recipient="", body="", unsubscribe_url="", last_error="")
