"""Helpers for tests of feedback pages (återkoppling).

``make_feedback(dialogue)`` creates a FeedbackPage under a dialogue and
publishes it (or leaves it as a draft with ``live=False``). Other test
modules reuse it, so its signature stays simple and stable.
"""

import itertools
from datetime import date

from wagtail_delaktighet.models.feedback import (
    FeedbackDecision,
    FeedbackItem,
    FeedbackKind,
    FeedbackMilestone,
    FeedbackOutcome,
    FeedbackPage,
    MilestoneStatus,
)

_numbers = itertools.count(1)


def feedback_item(**fields):
    """A "you said — we did" item (unsaved); keyword arguments override."""
    values = {
        "theme": "Belysning",
        "you_said": "Parken är mörk på kvällen.",
        "our_response": "Vi sätter upp fler lampor längs gångvägen.",
        "outcome": FeedbackOutcome.DONE,
        "reason": "",
    }
    values.update(fields)
    return FeedbackItem(**values)


def feedback_decision(**fields):
    """A decision (unsaved); pass ``body=`` for the deciding body."""
    values = {
        "title": "Beslut om gestaltning av parken",
        "decided_on": date(2025, 3, 12),
        "paragraph": "§ 42",
        "case_number": "SBN 2025/17",
        "minutes_url": "https://alvby.example/protokoll/2025-03-12",
    }
    values.update(fields)
    return FeedbackDecision(**values)


def feedback_milestone(**fields):
    """A milestone of "what happens next" (unsaved)."""
    values = {
        "title": "Bygget startar",
        "due_on": date(2025, 9, 1),
        "status": MilestoneStatus.PLANNED,
        "description": "",
    }
    values.update(fields)
    return FeedbackMilestone(**values)


def make_feedback(dialogue, *, kind=FeedbackKind.FINAL, live=True, **fields):
    """Create a FeedbackPage under ``dialogue`` and publish it.

    Keyword arguments set page fields; ``items``, ``decisions`` and
    ``milestones`` take lists of unsaved objects (see the helpers above).
    With ``live=False`` the page is saved as a draft only.
    Returns the FeedbackPage, fresh from the database.
    """
    n = next(_numbers)
    items = fields.pop("items", [])
    decisions = fields.pop("decisions", [])
    milestones = fields.pop("milestones", [])
    values = {
        "title": f"Återkoppling {n}",
        "slug": f"aterkoppling-{n}",
        "kind": kind,
        "summary": "Vi bygger en ny lekplats och fler lampor.",
        "we_heard": "<p>Många ville ha mer ljus och fler bänkar.</p>",
        "next_steps": "<p>Bygget startar i höst.</p>",
    }
    values.update(fields)
    page = FeedbackPage(**values)
    page.you_said_we_did = items
    page.decisions = decisions
    page.milestones = milestones
    if not live:
        page.live = False
    dialogue.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return FeedbackPage.objects.get(pk=page.pk)
