"""Rate limits in Django's cache, keyed by keyed hashes of the client.

Three counters per window of ``RATE_LIMIT_WINDOW`` seconds (the numbers and
the reasons for them are in docs/configuration.md):

- accepted posts per participant and dialogue (``RATE_LIMIT_PER_PARTICIPANT``);
- accepted posts per client address (``RATE_LIMIT_PER_ADDRESS``), high enough
  for a school class or a library behind one address;
- every post per client address, valid or not
  (``RATE_LIMIT_ATTEMPTS_PER_ADDRESS``), a very high ceiling against hammering.

A post with form errors uses up only the last one. Counters are created with
``add`` and raised with ``incr``, both atomic in a shared cache such as Redis,
so the limits hold across any number of processes and servers. Nothing is
stored in the database, and the keys are HMACs, so no raw IP address or
participant token is kept anywhere.
"""

import contextlib
import time

from django.core.cache import caches

from ..conf import delaktighet_settings
from .addresses import client_address
from .participants import keyed_hash

__all__ = [
    "client_address",
    "client_key",
    "give_back",
    "retry_after",
    "take",
    "too_many_attempts",
]


def client_key(address):
    """A keyed hash of a client address; the address itself is not kept."""
    return _digest(f"client:{address}")


def _digest(message):
    return keyed_hash(message)[:40]


def too_many_attempts(client):
    """Count one post of any kind from ``client``; True when it is over the
    ceiling on attempts per address."""
    if not client:
        return False
    count = _incr(_key("attempts", client))
    return count > delaktighet_settings.RATE_LIMIT_ATTEMPTS_PER_ADDRESS


def take(client, *, participant=None, page=None, scope="submit"):
    """Count one accepted post from ``client`` (a ``client_key``) by
    ``participant`` (their token) to ``page``.

    Returns False, and counts nothing, when a limit is already reached. Call
    it only once the post is valid and about to be stored, so that posts with
    form errors use up nothing.
    """
    counted = []
    for key, limit in _accepted_counters(client, participant, page, scope):
        counted.append(key)
        if _incr(key) > getattr(delaktighet_settings, limit):
            # Give back what this refused post counted, so it costs nothing.
            for earlier in counted:
                _decr(earlier)
            return False
    return True


def give_back(client, *, participant=None, page=None, scope="submit"):
    """Undo ``take()`` for a post that was not stored after all: the database
    found it a repeat of one stored before."""
    for key, _limit in _accepted_counters(client, participant, page, scope):
        _decr(key)


def _accepted_counters(client, participant, page, scope):
    """``(cache key, setting of its limit)`` of the counters of accepted posts."""
    counters = []
    if participant and page is not None:
        person = _digest(f"participant:{scope}:{participant}:{page.pk}")
        counters.append(
            (_key(f"{scope}-participant", person), "RATE_LIMIT_PER_PARTICIPANT")
        )
    if client:
        counters.append((_key("address", client), "RATE_LIMIT_PER_ADDRESS"))
    return counters


def retry_after():
    """Seconds until the current window ends and the counts start afresh."""
    window = delaktighet_settings.RATE_LIMIT_WINDOW
    return window - int(time.time()) % window


# -- counters -----------------------------------------------------------------


def _cache():
    return caches[delaktighet_settings.RATE_LIMIT_CACHE]


def _key(name, subject):
    # Windows are fixed and numbered, so every counter of one window ends at
    # the same moment and retry_after() can say when.
    window = delaktighet_settings.RATE_LIMIT_WINDOW
    return f"dlk:rate:{name}:{int(time.time()) // window}:{subject}"


def _incr(key):
    cache = _cache()
    # Most posts find their window's counter made: one round trip, not two.
    with contextlib.suppress(ValueError):
        return cache.incr(key)
    timeout = delaktighet_settings.RATE_LIMIT_WINDOW
    # add() sets the counter only if absent, so concurrent first hits agree.
    cache.add(key, 0, timeout=timeout)
    try:
        return cache.incr(key)
    except ValueError:
        # The key expired between add() and incr().
        cache.set(key, 1, timeout=timeout)
        return 1


def _decr(key):
    # ValueError: the counter expired meanwhile, so there is nothing to give back.
    with contextlib.suppress(ValueError):
        _cache().decr(key)
