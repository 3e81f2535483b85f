"""Rate limits in Django's cache, keyed by a keyed hash of the client.

Nothing here is stored in the database, and the cache key is an HMAC of the
client's address, so no raw IP address is kept anywhere (rule 6). With Redis
as the cache, the count holds across any number of app servers (rule 4).
"""

import hashlib
import hmac

from django.conf import settings
from django.core.cache import caches

from ..conf import delaktighet_settings


def client_address(request):
    """The client's address: REMOTE_ADDR, or the first address in the trusted
    proxy header named by ``CLIENT_ADDRESS_HEADER``."""
    header = delaktighet_settings.CLIENT_ADDRESS_HEADER
    forwarded = request.META.get(header, "") if header else ""
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def client_key(address):
    """A keyed hash of a client address; the address itself is not kept."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"client:{address}".encode(), hashlib.sha256
    )
    return digest.hexdigest()[:40]


def hit(client, scope):
    """Count one attempt; return True when the client is over the limit."""
    if not client:
        return False
    cache = caches[delaktighet_settings.RATE_LIMIT_CACHE]
    key = f"dlk:rate:{scope}:{client}"
    window = delaktighet_settings.RATE_LIMIT_WINDOW
    # add() sets the counter only if absent, so concurrent first hits agree.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr().
        cache.set(key, 1, timeout=window)
        count = 1
    return count > delaktighet_settings.RATE_LIMIT_COUNT
