"""Exactly once under concurrency: many citizens post real HTTP to one survey
and one poll of the example site, served by separate server processes that
share the test run's database engine (a SQLite file configured as
docs/installation.md says, PostgreSQL or MariaDB).

Whatever the load, no request answers a server error, every accepted
submission is stored once with the receipt the citizen saw, every vote counts
once, and nothing is stored for a post that got an error.
"""

import random
import uuid

from .harness import Visitor
from .traffic import (
    THREADS,
    Outcome,
    double_click,
    fresh_key,
    in_parallel,
    page_failed,
    receipts,
    server_errors,
    stored_once,
    stored_receipts,
    submit,
)

#: Server processes sharing the database, as a small site runs a few
#: application server workers; the citizens are spread over them.
SERVERS = 3
SURVEYS_PER_CITIZEN = 6
VOTERS_PER_THREAD = 2


def assert_no_server_error(outcomes, servers):
    report = server_errors(outcomes, servers)
    assert not report, report


def assert_accepted_show_a_receipt(outcomes):
    accepted = [outcome for outcome in outcomes if outcome.status == 302]
    assert all(outcome.receipt for outcome in accepted), accepted


def test_concurrent_survey_posts_are_each_stored_once(site_servers, dialogue):
    """Citizens send surveys as fast as the servers take them, each as a
    first-time visitor (a new session each time: the most writes per post)."""
    servers = site_servers(SERVERS)
    survey = dialogue["blocks"]["survey"]

    def citizen(number):
        server = servers[number % SERVERS]
        visitor = Visitor()
        status, form = visitor.open_form(server, dialogue, survey)
        if form is None:
            return [(None, page_failed(status))]
        sent = []
        for _ in range(SURVEYS_PER_CITIZEN):
            # Each answer carries a mark of its own, to find it in the database.
            mark = f"Svar {uuid.uuid4().hex}"
            response = Visitor({"csrftoken": visitor.cookies["csrftoken"]}).post(
                server,
                survey["url"],
                {**form, **fresh_key(survey), survey["text_field"]: mark},
            )
            sent.append((mark, Outcome(response.status)))
        return sent

    sent = [item for visit in in_parallel(citizen) for item in visit]

    outcomes = [outcome for _mark, outcome in sent]
    assert_no_server_error(outcomes, servers)
    assert [outcome.status for outcome in outcomes] == [302] * len(outcomes)
    assert len(outcomes) == THREADS * SURVEYS_PER_CITIZEN
    rows = dialogue["stored"]()["contributions"][survey["id"]]
    stored = [answer for row in rows for answer in row["content"]["answers"].values()]
    marks = [mark for mark, outcome in sent if outcome.status == 302]
    assert sorted(answer for answer in stored if str(answer) in marks) == sorted(marks)
    assert len(rows) == len(marks)


def test_concurrent_votes_are_each_counted_once(site_servers, dialogue):
    servers = site_servers(SERVERS)
    poll = dialogue["blocks"]["poll"]

    def voters(number):
        server = servers[number % SERVERS]
        outcomes = []
        for _ in range(VOTERS_PER_THREAD):
            visitor = Visitor()
            status, form = visitor.open_form(server, dialogue, poll)
            if form is None:
                return [*outcomes, page_failed(status)]
            first, second = random.sample(poll["choices"], 2)
            outcomes.append(submit(visitor, server, poll, form, **first))
            # The same voter votes again from a new form: refused, not counted.
            again = submit(visitor, server, poll, form, **second, **fresh_key(poll))
            outcomes.append(again)
        return outcomes

    outcomes = [outcome for visit in in_parallel(voters) for outcome in visit]

    assert_no_server_error(outcomes, servers)
    voters_count = THREADS * VOTERS_PER_THREAD
    assert [outcome.status for outcome in outcomes] == [302, 409] * voters_count
    assert_accepted_show_a_receipt(outcomes)
    stored = dialogue["stored"]()
    assert sorted(stored_receipts(stored, poll)) == sorted(receipts(outcomes))
    voters_stored = {
        row["participant_key"] for row in stored["contributions"][poll["id"]]
    }
    assert len(voters_stored) == voters_count
    assert stored["answers"][poll["id"]] == voters_count


def test_first_visit_double_clicks_store_once(site_servers, dialogue):
    """A first-time visitor (no session yet) clicks "Send" twice: the two
    identical posts arrive at once, and one contribution or vote is stored."""
    servers = site_servers(SERVERS)
    blocks = dialogue["blocks"]

    def first_visit(number):
        server = servers[number % SERVERS]
        block = blocks["survey" if number % 2 else "poll"]
        visitor = Visitor()
        status, form = visitor.open_form(server, dialogue, block)
        if form is None:
            return block["id"], [page_failed(status)]
        return block["id"], double_click([server, server], block, form, visitor.cookies)

    pairs = in_parallel(first_visit)

    outcomes = [outcome for _block_id, pair in pairs for outcome in pair]
    assert_no_server_error(outcomes, servers)
    assert_accepted_show_a_receipt(outcomes)
    stored = dialogue["stored"]()
    for name, block in blocks.items():
        block_pairs = [pair for block_id, pair in pairs if block_id == block["id"]]
        in_block = stored_receipts(stored, block)
        stored_twice = [pair for pair in block_pairs if not stored_once(pair, in_block)]
        assert stored_twice == [], f"{len(stored_twice)} {name} pairs not stored once"
        # One contribution per pair, and none besides.
        shown = sorted(receipts(pair)[0] for pair in block_pairs)
        assert sorted(in_block) == shown, name
