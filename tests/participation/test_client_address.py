"""The client's address by the trusted-proxy rule: the N-th entry from the
right of the proxy header, never what the client wrote at its left."""

import pytest
from django.test import RequestFactory

from wagtail_delaktighet.participation.ratelimit import client_address

from .support import override_delaktighet

PROXY = "10.0.0.1"


def behind(proxies, forwarded=None, remote=PROXY):
    """The address taken from a request with ``forwarded`` as its header,
    behind ``proxies`` trusted proxies (None: the count is not set)."""
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    request = RequestFactory().post("/", **meta)
    with override_delaktighet(
        CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR", TRUSTED_PROXY_COUNT=proxies
    ):
        return client_address(request)


def test_without_a_header_setting_the_header_is_ignored(rf):
    request = rf.post("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.5")

    assert client_address(request) == PROXY


@pytest.mark.parametrize(
    ("proxies", "forwarded", "address"),
    [
        # One proxy (nginx appending $remote_addr): the right-most entry.
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        (1, "1.1.1.1, 2.2.2.2, 203.0.113.5", "203.0.113.5"),
        # A CDN and nginx: the second from the right.
        (2, "198.51.100.66, 203.0.113.5, 192.0.2.200", "203.0.113.5"),
        # Fewer entries than proxies: all were written by trusted proxies.
        (2, "203.0.113.5", "203.0.113.5"),
        (3, "203.0.113.5, 192.0.2.200", "203.0.113.5"),
        # No count: as if one proxy (the deploy checks warn).
        (None, "198.51.100.66, 203.0.113.5", "203.0.113.5"),
        # Empty entries the client sent do not shift the count.
        (1, "198.51.100.66,, , 203.0.113.5", "203.0.113.5"),
        # Ports, which some proxies add.
        (1, "203.0.113.5:51234", "203.0.113.5"),
        (1, "[2001:db8::1]:443", "2001:db8::/64"),
    ],
)
def test_the_address_is_counted_from_the_right(proxies, forwarded, address):
    assert behind(proxies, forwarded) == address


@pytest.mark.parametrize(
    "forwarded", [None, "", " , ", "unknown", "198.51.100.66, not-an-address"]
)
def test_a_missing_or_malformed_header_falls_back_to_remote_addr(forwarded):
    assert behind(1, forwarded) == PROXY


def test_ipv6_addresses_count_by_their_64_network():
    assert behind(1, "2001:db8:aa:bb:1:2:3:4") == "2001:db8:aa:bb::/64"
    assert behind(1, "2001:DB8:AA:BB::9") == "2001:db8:aa:bb::/64"
    assert behind(1, "::ffff:203.0.113.5") == "203.0.113.5"
    assert behind(None, remote="2001:db8:aa:cc::1") == "2001:db8:aa:cc::/64"


def test_no_valid_address_at_all_is_no_address():
    assert behind(1, "unknown", remote="") == ""
    assert behind(1, None, remote="not-an-address") == ""
