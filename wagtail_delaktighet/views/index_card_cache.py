"""The HTML of each card of the dialogue index, kept in Django's default
cache under the content generation (content_generation.py).

Rendering a card costs more than reading its dialogue, and a card is the
same for every visitor as long as what it shows is: the dialogue as
published (its live revision), its status and whether its feedback is late
(worked out for each request from the clock), its final feedback, its link
(from the index's URL for this request), the language and the time zone;
the names of its areas, body and influence level and the feedback's text
are content whose every change renews the generation. So the index reads
the page's cards in one ``get_many`` and ``{% dlk_index_card %}``
(includes/dialogue_cards.html) renders only those the cache lacks.

Never cached: a card whose links Wagtail's ``pageurl`` works out (a site
rooted below the index: its links depend on the request's site), and
nothing at all where ``CONTENT_CACHE_TIMEOUT`` is 0.
"""

import hashlib

from django.core.cache import cache
from django.utils import timezone, translation

from .. import content_generation
from ..blocks.form_cache import settings_generation


def card_cache_key(prefix, dialogue):
    """The cache key of ``dialogue``'s card under ``prefix`` (the content
    generation's), or None where it is not cached."""
    if prefix is None or not getattr(dialogue, "card_url", None):
        return None
    feedback = getattr(dialogue, "final_feedback", None)
    if feedback is not None and not getattr(feedback, "card_url", None):
        return None
    parts = [
        dialogue.pk,
        dialogue.live_revision_id,
        dialogue.status,
        dialogue.feedback_overdue,
        dialogue.final_feedback_id,
        dialogue.card_url,
        feedback.card_url if feedback is not None else "",
    ]
    text = "\x1f".join(map(str, parts))
    digest = hashlib.blake2b(text.encode(), digest_size=20).hexdigest()
    return f"{prefix}:{digest}"


def attach_cached_cards(request, dialogues):
    """Set each dialogue's ``card_cache_key`` and, where the cache has it,
    its ``cached_card``: one read for the whole page."""
    prefix = content_generation.key(
        request,
        "index-card",
        settings_generation(),
        translation.get_language() or "",
        timezone.get_current_timezone_name(),
    )
    for dialogue in dialogues:
        dialogue.card_cache_key = card_cache_key(prefix, dialogue)
    keys = [dialogue.card_cache_key for dialogue in dialogues]
    found = cache.get_many([key for key in keys if key])
    for dialogue in dialogues:
        dialogue.cached_card = found.get(dialogue.card_cache_key)


def cached_card(dialogue, render):
    """The dialogue's card: from the cache as ``attach_cached_cards`` read
    it, else ``render()`` (a template's nodes, which escape what they
    insert), kept for the next requests."""
    html = getattr(dialogue, "cached_card", None)
    if html is not None:
        return html
    html = render()
    content_generation.store(getattr(dialogue, "card_cache_key", None), html)
    return html
