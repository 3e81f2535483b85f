"""What a feedback page shows, fetched with a fixed number of queries (P6).

Each inline list is read once here, with the rows it points to joined in, and
the results summary is counted in the database, so the page costs the same
whatever the number of items, decisions, milestones or contributions.
Templates use these lists, not ``page.<relation>.all``.
"""

from ..feedback.summary import dialogue_summary
from ..localized_snippets import localize_related, page_locale_id


def parent_dialogue(page):
    """The dialogue the feedback is on, with its influence level, in one
    query. Read by path, which also works in the preview of a page not saved
    yet (Wagtail gives it a path below its parent)."""
    from ..models import DialoguePage

    if not page.path or page.depth < 2:
        return None
    parent_path = page.path[: page.steplen * (page.depth - 1)]
    return (
        DialoguePage.objects.select_related("influence_level")
        .filter(path=parent_path)
        .first()
    )


def feedback_context(request, page):
    dialogue = parent_dialogue(page)
    # Chronological; the editor's order breaks ties (sort is stable).
    milestones = sorted(page.milestones.all(), key=lambda milestone: milestone.due_on)
    decisions = list(page.decisions.select_related("body"))
    # The bodies in the feedback page's language where translated (the
    # dialogue's level is the badge's: it finds its step in the ladder).
    localize_related(decisions, "body", page_locale_id(page))
    return {
        "dialogue": dialogue,
        "dialogue_url": (
            dialogue.get_url(request) if dialogue is not None and dialogue.live else ""
        ),
        "feedback_items": list(page.you_said_we_did.all()),
        "feedback_decisions": decisions,
        "feedback_milestones": milestones,
        "feedback_summary": (
            dialogue_summary(dialogue)
            if page.show_results and dialogue is not None
            else None
        ),
    }
