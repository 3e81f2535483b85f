"""Writes tried again when the database chose them as a deadlock victim.

Concurrent writers of the same rows (contributions updating one dialogue's
counters, senders claiming outbox rows) can meet in InnoDB (MariaDB, MySQL)
or PostgreSQL, which then rolls one back: safe to repeat. Inside a caller's
transaction the whole of it was rolled back, so only the caller can retry.
"""

import random
import time

from django.db import OperationalError, transaction

#: How often a write that lost a deadlock is tried in all.
DEADLOCK_RETRIES = 3


def retrying_deadlocks(write, *args, **kwargs):
    """``write(*args, **kwargs)``, tried again after a deadlock."""
    for attempt in range(DEADLOCK_RETRIES):
        try:
            return write(*args, **kwargs)
        except OperationalError as error:
            last_try = attempt == DEADLOCK_RETRIES - 1
            if last_try or not is_deadlock(error) or _in_callers_transaction():
                raise
        # A short random pause, so that the writers that met do not meet again.
        time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))  # noqa: S311 - jitter, not a secret


def is_deadlock(error):
    cause = error.__cause__
    # PostgreSQL: deadlock detected / serialization failure.
    if getattr(cause, "sqlstate", None) in ("40P01", "40001"):
        return True
    # MySQL/MariaDB: deadlock found / lock wait timeout.
    return bool(error.args) and error.args[0] in (1213, 1205)


def _in_callers_transaction():
    return transaction.get_connection().in_atomic_block
