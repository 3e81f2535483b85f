"""Telling one participant's answers apart, without knowing who they are.

A token lives in the participant's session; contributions store only a keyed
hash of it, per block (``Contribution.participant_key``).

A dialogue page sets no session, so a first visit has no token until its first
post. That post's token is derived from the key of the form it sends (a random
key the page rendered for this browser), so the two posts of a first-visit
double click, which both leave before the browser has a session cookie, are
one participant: the same form is stored once and a poll counts one vote.
"""

import hashlib
import hmac
import re
import uuid

from django.conf import settings

from ..consultations import consultation_page

SESSION_KEY = "wagtail_delaktighet_participant"


#: A form key as ``ContributionForm`` issues it (``uuid4().hex``). Only such a
#: key, with its 122 random bits, may name a participant: a short or made-up
#: key could be sent by several people and merge them into one.
ISSUED_FORM_KEY = re.compile(r"[0-9a-f]{32}")


def participant_token(request, *, create=True, form_key=None):
    """The session's participant token; created on first use when asked.

    ``form_key`` is the posted form's ``submission_key``: a new token is
    derived from it when it has the shape the form issues, so every post of
    that one rendered form gets the same token; otherwise the new token is
    random.
    """
    token = request.session.get(SESSION_KEY)
    if not token and create:
        token = first_visit_token(form_key) or uuid.uuid4().hex
        request.session[SESSION_KEY] = token
    return token


def first_visit_token(form_key):
    """The participant token of a browser without one that posts the form
    with ``form_key``; None when the key is not one the form issues."""
    if not isinstance(form_key, str) or not ISSUED_FORM_KEY.fullmatch(form_key):
        return None
    # Keyed, so the token kept in the session is not the key shown in the page.
    return keyed_hash(f"first-visit:{form_key}")[:32]


def keyed_hash(message):
    """An HMAC of ``message`` under the site's SECRET_KEY, in hex: what is
    kept instead of a token or an address."""
    digest = hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256)
    return digest.hexdigest()


def participant_key(token, page, block_id, scope=""):
    """Tells one participant's answers to one block apart; ``scope`` names a
    part of the block answered once (``ConsultationBlock.participant_scope``:
    one support per idea), "" the whole block."""
    if not token:
        return None
    if scope:
        return keyed_hash(f"participant:{token}:{page.pk}:{block_id}:{scope}")
    return keyed_hash(f"participant:{token}:{page.pk}:{block_id}")


def dialogue_participant_key(token, page):
    """Tells the people who took part online in one dialogue apart, so the
    feedback page can count them; unrelated across dialogues."""
    if not token:
        return None
    return keyed_hash(f"dialogue-participant:{token}:{page.pk}")


#: Where a page view keeps what it found (asked by the page's cache key and
#: again by the block's results).
ANSWERED_ATTRIBUTE = "_wagtail_delaktighet_answered"


def participant_has_answered(request, page, block_id):
    from ..models.contributions import Contribution

    # Answered in any language version of the dialogue.
    page = consultation_page(page)

    token = participant_token(request, create=False) if request else None
    if not token:
        return False
    key = participant_key(token, page, block_id)
    # Kept for a page view only: a post may answer in between.
    known = (
        getattr(request, ANSWERED_ATTRIBUTE, None)
        if request.method in ("GET", "HEAD")
        else None
    )
    if known is None:
        known = {}
        if request.method in ("GET", "HEAD"):
            setattr(request, ANSWERED_ATTRIBUTE, known)
    if key not in known:
        known[key] = Contribution.objects.filter(
            page=page, block_id=block_id, participant_key=key
        ).exists()
    return known[key]
