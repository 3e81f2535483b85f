"""Binding answers under real concurrency: one resident, logged in from
several browsers, votes in all of them at the same moment, the posts spread
over separate server processes sharing the database. One vote is stored and
counted; every other post is told "already answered" (409), never a server
error. Other residents voting at the same moment are each counted once."""

import re
import threading
import uuid

from .harness import Visitor
from .traffic import Outcome, in_parallel, page_failed, server_errors, submit

SERVERS = 3
BROWSERS = 8
PASSWORD = "hemligt-losenord"
LOGIN_URL = "/konto/logga-in/"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in(visitor, server, username):
    """Log in through the site's login page, as a browser does."""
    page = visitor.get(server, LOGIN_URL)
    token = CSRF_FIELD.search(page.text).group(1)
    response = visitor.post(
        server,
        LOGIN_URL,
        {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD},
    )
    assert response.status == 302, (response.status, response.text[:2000])


def test_one_account_voting_from_many_browsers_at_once_counts_once(
    site_servers, site_tool
):
    servers = site_servers(SERVERS)
    made = site_tool("dialogue", f"bindande-{uuid.uuid4().hex[:8]}", "binding")
    poll = made["blocks"]["poll"]
    residents = [f"invanare-{uuid.uuid4().hex[:8]}" for _ in range(2)]
    for username in residents:
        site_tool("resident", username, PASSWORD)
    # Each resident in BROWSERS browsers; every post leaves at the same moment.
    posting = threading.Barrier(BROWSERS * len(residents))

    def browser(number):
        server = servers[number % SERVERS]
        username = residents[number % len(residents)]
        visitor = Visitor()
        log_in(visitor, server, username)
        status, form = visitor.open_form(server, made, poll, first_visit=False)
        posting.wait(timeout=120)
        if form is None:
            return username, page_failed(status)
        choice = poll["choices"][number % len(poll["choices"])]
        return username, submit(visitor, server, poll, form, **choice)

    results = in_parallel(browser, BROWSERS * len(residents))

    outcomes = [outcome for _username, outcome in results]
    report = server_errors(outcomes, servers)
    assert not report, report
    for username in residents:
        statuses = sorted(o.status for name, o in results if name == username)
        assert statuses == [302] + [409] * (BROWSERS - 1), (username, statuses)
    accepted = [o for o in outcomes if o.status == 302]
    assert all(isinstance(o, Outcome) and o.receipt for o in accepted), accepted
    stored = site_tool("rows", str(made["page_id"]))
    rows = stored["contributions"][poll["id"]]
    assert sorted(row["receipt"] for row in rows) == sorted(o.receipt for o in accepted)
    assert len({row["account_id"] for row in rows}) == len(residents)
    assert stored["answers"][poll["id"]] == len(residents)
