"""Telling one participant's answers apart, without knowing who they are.

A random token lives in the participant's session; contributions store only a
keyed hash of it, per block (``Contribution.participant_key``).
"""

import hashlib
import hmac
import uuid

from django.conf import settings

SESSION_KEY = "wagtail_delaktighet_participant"


def participant_token(request, *, create=True):
    """The session's participant token; created on first use when asked."""
    token = request.session.get(SESSION_KEY)
    if not token and create:
        token = uuid.uuid4().hex
        request.session[SESSION_KEY] = token
    return token


def _keyed_hash(message):
    digest = hmac.new(settings.SECRET_KEY.encode(), message.encode(), hashlib.sha256)
    return digest.hexdigest()


def participant_key(token, page, block_id):
    """Tells one participant's answers to one block apart."""
    if not token:
        return None
    return _keyed_hash(f"participant:{token}:{page.pk}:{block_id}")


def dialogue_participant_key(token, page):
    """Tells the people who took part online in one dialogue apart, so the
    feedback page can count them; unrelated across dialogues."""
    if not token:
        return None
    return _keyed_hash(f"dialogue-participant:{token}:{page.pk}")


def participant_has_answered(request, page, block_id):
    from ..models.contributions import Contribution

    token = participant_token(request, create=False) if request else None
    if not token:
        return False
    return Contribution.objects.filter(
        page=page,
        block_id=block_id,
        participant_key=participant_key(token, page, block_id),
    ).exists()
