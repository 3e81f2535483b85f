"""What the public dialogue page shows, fetched with a fixed number of queries
(the rows that change only with the page or its snippets through
dialogue_data.py, which keeps them in the cache).

Every inline list is read once here, with the rows it points to joined in, so
the number of queries does not grow with the number of phases, activities,
contacts, documents or decisions. Templates must use these lists
rather than ``page.<relation>.all``, which would query again.
"""

from django.utils import timezone

from ..blocks.consultation import block_anchor
from ..models import DialoguePhase, DialogueStatus
from ..models.dialogue_index import take_level_from_ladder
from .caching import OFFERS_FORM
from .consultation import consultation_context
from .dialogue_content_cache import (
    CACHED_CONTENT,
    CONTENT_KEY,
    cached_content,
    content_key,
)
from .dialogue_data import dialogue_data
from .dialogue_feedback import dialogue_feedback_context
from .following import follow_context


def current_phase(phases, today):
    """The phase under way today: one whose dates include today, else the
    latest started phase if it has no end yet."""
    started = [phase for phase in phases if phase.starts_on <= today]
    within = [phase for phase in started if phase.ends_on and today <= phase.ends_on]
    if within:
        return max(within, key=lambda phase: phase.starts_on)
    if started:
        latest = max(started, key=lambda phase: phase.starts_on)
        if latest.ends_on is None:
            return latest
    return None


def first_phase_of_kind(phases, kind):
    return next((phase for phase in phases if phase.kind == kind), None)


def decision_after_participation(phases, page):
    """The decision phase, when participation starts before it (P2: citizens
    take part early, before the decision); otherwise None."""
    decision = first_phase_of_kind(phases, DialoguePhase.Kind.DECISION)
    if decision is None:
        return None
    participation = first_phase_of_kind(phases, DialoguePhase.Kind.PARTICIPATION)
    if participation is not None:
        starts_on = participation.starts_on
    elif page.opens_at:
        starts_on = timezone.localtime(page.opens_at).date()
    else:
        return None
    return decision if starts_on < decision.starts_on else None


def with_calendar_urls(page, page_url, activities):
    for activity in activities:
        # In a preview, activities not saved yet have no file to link to.
        activity.ical_url = (
            page_url + page.reverse_subpage("activity_ical", args=(activity.pk,))
            if activity.pk
            else ""
        )
    return activities


def status_label(status):
    try:
        return DialogueStatus(status).label
    except ValueError:
        return status


def offers_form(consultation, follow):
    """Whether the page carries a form: a consultation block taking input, or
    the offer to follow the dialogue (until its final feedback is out)."""
    accepting = any(
        state.accepting for state in consultation["dlk_consultation"].values()
    )
    return accepting or follow["dlk_follow"] is not None


def take_part_anchor(consultation):
    """The HTML id of the first consultation block that takes input now, for
    the "Take part" link at the top of the page; "" when none does. It
    depends on the body, the status and the influence level only, as the
    page's cached content may (dialogue_content_cache.py)."""
    for block_id, state in consultation["dlk_consultation"].items():
        if state.accepting:
            return block_anchor(block_id)
    return ""


def dialogue_context(request, page):
    today = timezone.localdate()
    take_level_from_ladder(request, page)
    data = dialogue_data(request, page)
    phases = data["phases"]
    page_url = page.get_url(request) or ""
    activities = with_calendar_urls(page, page_url, data["activities"])
    contacts = data["contacts"]
    # Read first: it fills page.final_feedback, which page.status needs.
    feedback = dialogue_feedback_context(request, page)
    status = page.status
    consultation = consultation_context(request, page, page_url)
    follow = follow_context(request, page, page_url)
    return {
        **consultation,
        **feedback,
        **follow,
        OFFERS_FORM: offers_form(consultation, follow),
        "dlk_take_part_anchor": take_part_anchor(consultation),
        "status": status,
        "status_label": status_label(status),
        "phases": phases,
        "current_phase": current_phase(phases, today),
        "decision_after_participation": decision_after_participation(phases, page),
        "activities": activities,
        "dialogue_calendar_url": page_url + page.reverse_subpage("ical"),
        "dlk_easy_read_url": (
            page_url + page.reverse_subpage("easy_read")
            if page.has_easy_read_summary
            else ""
        ),
        "elected_contacts": [dc for dc in contacts if dc.contact.is_elected],
        "official_contacts": [dc for dc in contacts if not dc.contact.is_elected],
        "documents": data["documents"],
        "decisions": data["decisions"],
        # coordinating_bodies, target_groups, areas, topics, methods,
        # strategic_goals
        **data["facets"],
    }


def dialogue_page_context(request, page, template_name):
    """The dialogue page's context; only what its cached content needs when
    the cache has it (dialogue_content_cache.py)."""
    key = content_key(request, page, template_name)
    cached = cached_content(key) if key else None
    if cached is not None:
        html, offers = cached
        return {CACHED_CONTENT: html, OFFERS_FORM: offers}
    context = dialogue_context(request, page)
    if key:
        context[CONTENT_KEY] = key
    return context
