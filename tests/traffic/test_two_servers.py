"""The production shape: two separate app servers behind one address, sharing
PostgreSQL and a Redis cache. A citizen's requests may reach either server; the
rate limit, duplicate protection and one answer per participant hold across
them.

Runs when ``DATABASE_URL`` is PostgreSQL (CI's PostgreSQL cell); Redis is
``REDIS_URL`` (default ``redis://127.0.0.1:6379/0``).
"""

import os
import uuid

import pytest

from .conftest import required_or_skip
from .harness import Visitor, simultaneously
from .traffic import (
    double_click,
    fresh_key,
    receipts,
    stored_once,
    stored_receipts,
    submit,
)

#: The rate limit of the servers in the rate-limit test.
LIMIT = 4


@pytest.fixture(scope="module")
def redis_url():
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        pytest.skip(
            "the two-server test runs on PostgreSQL (set DATABASE_URL=postgres://…)"
        )
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        import redis

        redis.Redis.from_url(url, socket_timeout=5).ping()
    except Exception as error:  # the package missing, or Redis not answering
        required_or_skip(f"Redis at {url} does not answer: {error!r}")
    return url


@pytest.fixture
def two_servers(site_servers, redis_url):
    """``two_servers(**settings)``: two servers sharing the database and a
    Redis cache of their own (keys no other servers read)."""

    def start(**settings):
        return site_servers(
            2,
            TRAFFIC_REDIS_URL=redis_url,
            TRAFFIC_CACHE_PREFIX=f"traffic-{uuid.uuid4().hex}",
            **settings,
        )

    return start


def returning_visitor(server, dialogue):
    """A visitor with a session: one who has sent the survey before."""
    survey = dialogue["blocks"]["survey"]
    visitor = Visitor()
    _status, form = visitor.open_form(server, dialogue, survey, first_visit=False)
    assert submit(visitor, server, survey, form).status == 302
    return visitor


def test_the_rate_limit_counts_across_both_servers(two_servers, dialogue):
    """Citizens behind one address (a school) send surveys, their requests
    spread over both servers: the address's limit counts them all."""
    servers = two_servers(TRAFFIC_RATE_LIMIT=LIMIT)
    survey = dialogue["blocks"]["survey"]

    statuses = []
    for number in range(2 * LIMIT):
        server = servers[number % 2]
        visitor = Visitor()
        _status, form = visitor.open_form(server, dialogue, survey)
        statuses.append(visitor.post(server, survey["url"], form).status)

    assert statuses == [302] * LIMIT + [429] * LIMIT
    assert len(stored_receipts(dialogue["stored"](), survey)) == LIMIT


def test_a_double_click_split_across_the_servers_stores_once(two_servers, dialogue):
    servers = two_servers()
    survey = dialogue["blocks"]["survey"]
    visitor = returning_visitor(servers[0], dialogue)
    _status, form = visitor.open_form(servers[0], dialogue, survey, first_visit=False)

    pair = double_click(servers, survey, form, visitor.cookies)

    stored = stored_receipts(dialogue["stored"](), survey)
    assert stored_once(pair, stored), pair
    assert len(stored) == 2  # the visitor's first survey and this one


def test_a_first_visit_double_click_split_across_the_servers_stores_once(
    two_servers, dialogue
):
    servers = two_servers()
    for block in dialogue["blocks"].values():
        visitor = Visitor()
        _status, form = visitor.open_form(servers[0], dialogue, block)

        pair = double_click(servers, block, form, visitor.cookies)

        stored = stored_receipts(dialogue["stored"](), block)
        assert stored_once(pair, stored), (block["url"], pair)
        assert len(stored) == 1


def test_one_vote_per_participant_across_the_servers(two_servers, dialogue):
    servers = two_servers()
    poll = dialogue["blocks"]["poll"]
    red, blue = poll["choices"][:2]

    # One after the other, from two tabs, each served by one server.
    voter = returning_visitor(servers[0], dialogue)
    _status, first_tab = voter.open_form(servers[0], dialogue, poll, first_visit=False)
    _status, other_tab = voter.open_form(servers[1], dialogue, poll, first_visit=False)
    first = submit(voter, servers[0], poll, first_tab, **red)
    again = submit(voter, servers[1], poll, other_tab, **blue)
    assert (first.status, again.status) == (302, 409)
    # The other server knows the voter has voted: results, no form.
    assert poll["url"] not in voter.get(servers[1], dialogue["url"]).text

    # At the same moment: two different votes from one session, one to each.
    voter = returning_visitor(servers[1], dialogue)
    _status, form = voter.open_form(servers[1], dialogue, poll, first_visit=False)
    votes = simultaneously(
        lambda: submit(Visitor(voter.cookies), servers[0], poll, {**form, **red}),
        lambda: submit(
            Visitor(voter.cookies),
            servers[1],
            poll,
            {**form, **blue, **fresh_key(poll)},
        ),
    )
    assert sorted(vote.status for vote in votes) == [302, 409], votes

    stored = dialogue["stored"]()
    assert sorted(stored_receipts(stored, poll)) == sorted(
        [first.receipt, *receipts(votes)]
    )
    voters = {row["participant_key"] for row in stored["contributions"][poll["id"]]}
    assert len(voters) == 2
    assert stored["answers"][poll["id"]] == 2
