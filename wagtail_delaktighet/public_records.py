"""Contributions as public records (allmänna handlingar): staff register
them in the municipality's records system (diarium) under a case number
(diarienummer), and the registration is kept on the contribution and in its
history. The export for the records system is admin/records_export.py."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import ModelLogEntry

from . import log_actions
from .models import Contribution

#: Contributions updated (and log entries written) per query.
BATCH_SIZE = 500


@transaction.atomic
def register(contributions, *, case_number, user):
    """Mark ``contributions`` (a queryset) as registered under
    ``case_number`` by ``user``, with one log entry each; the number of
    contributions marked.

    Registering again (a corrected case number) overwrites the earlier
    registration; the history keeps both."""
    now = timezone.now()
    chosen = list(contributions.order_by().values_list("pk", "receipt"))
    # In batches: a database takes only so many parameters in one query.
    for start in range(0, len(chosen), BATCH_SIZE):
        batch = [pk for pk, _receipt in chosen[start : start + BATCH_SIZE]]
        Contribution.objects.filter(pk__in=batch).update(
            registered_at=now, registered_case_number=case_number, registered_by=user
        )
    # Inserted together, not one by one: a whole dialogue may be registered
    # at once.
    content_type = ContentType.objects.get_for_model(Contribution)
    action_id = uuid.uuid4()
    entries = [
        ModelLogEntry(
            content_type=content_type,
            object_id=str(pk),
            label=receipt or f"#{pk}",
            action=log_actions.REGISTER,
            user=user,
            timestamp=now,
            uuid=action_id,
            data={"case_number": case_number},
        )
        for pk, receipt in chosen
    ]
    ModelLogEntry.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    return len(chosen)
