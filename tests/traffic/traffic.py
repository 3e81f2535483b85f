"""Many citizens at once: run their visits in threads and judge what the
servers answered against what the database holds."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .harness import Visitor, simultaneously

#: Citizens taking part at the same moment.
THREADS = 20


@dataclass
class Outcome:
    """What one POST got: its status and, when accepted, the one receipt the
    page it leads to shows. ``page_status`` is that page's status, or the
    status of the page that should have held the form."""

    status: int | None
    receipt: str | None = None
    page_status: int = 200

    @property
    def server_error(self):
        return (self.status or 0) >= 500 or self.page_status >= 500


def in_parallel(visit, count=THREADS):
    """Run ``visit(number)`` for ``count`` citizens at once; all results."""
    barrier = threading.Barrier(count)

    def start_together(number):
        barrier.wait(timeout=120)
        return visit(number)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(start_together, range(count)))


def page_failed(status):
    """The outcome of a visit whose page, with the form, did not load."""
    return Outcome(None, page_status=status)


def submit(visitor, server, block, form, **changes):
    """POST a filled-in form; follow the redirect to read the receipt."""
    response = visitor.post(server, block["url"], {**form, **changes})
    if response.status != 302:
        return Outcome(response.status)
    page_status, shown = visitor.receipts_shown(server, response)
    receipt = shown[0] if len(shown) == 1 else None
    return Outcome(302, receipt, page_status)


def fresh_key(block):
    """A new submission key, as a newly rendered form carries."""
    return {f"dlk-{block['id']}-submission_key": uuid.uuid4().hex}


def server_errors(outcomes, servers):
    """A report of the visits that got a server error (with the servers'
    tracebacks), or "" when none did."""
    failed = [outcome for outcome in outcomes if outcome.server_error]
    if not failed:
        return ""
    logs = "\n".join(server.errors() for server in servers)
    return (
        f"{len(failed)} of {len(outcomes)} posts got a server error "
        f"(POST or page):\n{failed[:10]}\n{logs}"
    )


def receipts(outcomes):
    return [outcome.receipt for outcome in outcomes if outcome.receipt]


def stored_receipts(stored, block):
    return [row["receipt"] for row in stored["contributions"].get(block["id"], [])]


def double_click(servers, block, form, cookies):
    """Two clicks on one form: two identical posts at the same moment with
    the same cookies, one to each of ``servers`` (one server twice, or two
    behind a load balancer)."""
    return simultaneously(
        *(
            lambda server=server: submit(Visitor(cookies), server, block, form)
            for server in servers
        )
    )


def stored_once(pair, stored):
    """Whether a double click's two posts show one receipt, and the block
    holds that one contribution among ``stored``."""
    shown = set(receipts(pair))
    statuses = {outcome.status for outcome in pair}
    return len(shown) == 1 and statuses <= {302, 409} and shown <= set(stored)
