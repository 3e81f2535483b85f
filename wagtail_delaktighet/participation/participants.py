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


def participant_key(token, page, block_id):
    if not token:
        return None
    message = f"participant:{token}:{page.pk}:{block_id}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256)
    return digest.hexdigest()


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
