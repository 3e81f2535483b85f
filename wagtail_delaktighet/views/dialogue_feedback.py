"""The feedback part of a dialogue page: its feedback pages and whether the
promised feedback is late (P6)."""


def dialogue_feedback_context(request, page):
    return {}
