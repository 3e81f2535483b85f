"""An editor works on a dialogue while citizens take part in it: Wagtail 8
autosaves the editor's draft every few seconds and the editor publishes,
while the servers store contributions to the same dialogue. Every writer waits
for the others (on SQLite: the options of docs/installation.md, "SQLite");
none fails with "database is locked", and the page ends published."""

import threading
import uuid

from .harness import Visitor
from .test_concurrency import SERVERS, assert_no_server_error
from .traffic import Outcome, fresh_key, in_parallel, page_failed

#: Drafts (each autosaved three times) published while citizens post.
PUBLISHED = 4
SURVEYS_PER_CITIZEN = 3


def test_autosave_and_publishing_while_citizens_post(site_servers, site_tool, dialogue):
    servers = site_servers(SERVERS)
    survey = dialogue["blocks"]["survey"]
    editing = {}

    def editor():
        # The site tool is one process: only this thread talks to it.
        try:
            editing.update(site_tool("edit", str(dialogue["page_id"]), str(PUBLISHED)))
        except AssertionError as error:  # the tool's traceback
            editing["error"] = str(error)

    def citizen(number):
        server = servers[number % SERVERS]
        visitor = Visitor()
        status, form = visitor.open_form(server, dialogue, survey)
        if form is None:
            return [page_failed(status)]
        return [
            Outcome(
                Visitor({"csrftoken": visitor.cookies["csrftoken"]})
                .post(
                    server,
                    survey["url"],
                    {
                        **form,
                        **fresh_key(survey),
                        survey["text_field"]: f"Svar {uuid.uuid4().hex}",
                    },
                )
                .status
            )
            for _ in range(SURVEYS_PER_CITIZEN)
        ]

    editing_thread = threading.Thread(target=editor)
    editing_thread.start()
    outcomes = [outcome for visit in in_parallel(citizen) for outcome in visit]
    editing_thread.join()

    # The editor's saves and publishing all went through (with Django's
    # default SQLite options they fail: "database is locked").
    assert "error" not in editing, editing["error"]
    assert len(editing["published"]) == PUBLISHED
    assert_no_server_error(outcomes, servers)
    assert {outcome.status for outcome in outcomes} == {302}
    stored = dialogue["stored"]()["contributions"][survey["id"]]
    assert len(stored) == len(outcomes)
