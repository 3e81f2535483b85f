"""The client's address, by the trusted-proxy rule.

Behind reverse proxies, each proxy *appends* the address it received the
request from to a header such as ``X-Forwarded-For``. Everything to the left of
what the trusted proxies wrote came from the client and can be anything, so
the address is the N-th entry from the right, N being the number of trusted
proxies (``TRUSTED_PROXY_COUNT``). See docs/configuration.md, "Behind a reverse
proxy".

The result is normalised for counting: an IPv4 address as written, an IPv6
address as its /64 network (one household or device is usually given a whole
/64, so its addresses count as one client). It is only ever hashed
(``ratelimit.client_key``), never stored.
"""

import ipaddress

from ..conf import delaktighet_settings

#: An IPv6 client is counted by the network of this prefix length.
IPV6_CLIENT_PREFIX = 64


def client_address(request):
    """The normalised address of the client that sent ``request``, or ""
    when neither the proxy header nor REMOTE_ADDR holds a valid address."""
    remote = normalise(request.META.get("REMOTE_ADDR", ""))
    header = delaktighet_settings.CLIENT_ADDRESS_HEADER
    if not header:
        return remote
    return forwarded_address(request.META.get(header, "")) or remote


def forwarded_address(value):
    """The client's address in a proxy header's comma-separated list, or ""
    (missing or malformed: the caller falls back to REMOTE_ADDR)."""
    # Empty entries can only come from the client's part of the list (the
    # proxies write addresses), so dropping them never shifts the trusted part.
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    if not entries:
        return ""
    trusted = delaktighet_settings.TRUSTED_PROXY_COUNT or 1
    # Fewer entries than proxies: the request entered behind the outermost
    # proxy, so every entry was written by a trusted proxy; the left-most is
    # the earliest address they saw.
    return normalise(entries[-min(trusted, len(entries))])


def normalise(value):
    """``value`` as a client address for counting, or "" if it is none."""
    address = parse(value)
    if address is None:
        return ""
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        network = ipaddress.IPv6Network((address, IPV6_CLIENT_PREFIX), strict=False)
        return str(network)
    return str(address)


def parse(value):
    """An ``ipaddress`` address from "192.0.2.1", "192.0.2.1:443", "2001:db8::1"
    or "[2001:db8::1]:443" (some proxies add the port), else None."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None
