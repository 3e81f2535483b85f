"""Participant tokens for API clients: what the session is for a browser.

``POST /participants/`` issues a token signed with ``SECRET_KEY``; clients
send it back in ``X-Participant-Token``. The service sees the random value
inside, exactly as it sees a browser session's token, so a one-answer block
refuses a second answer from the same token and the per-participant rate
limit counts it.
"""

import uuid

from django.core import signing

HEADER = "HTTP_X_PARTICIPANT_TOKEN"
SALT = "wagtail_delaktighet.rest.participant"


class InvalidToken(Exception):
    """A token that this site did not sign (or a malformed one)."""


def issue_token():
    """A new signed token holding a fresh random participant id."""
    return signing.dumps({"p": uuid.uuid4().hex}, salt=SALT, compress=False)


def participant_from_token(token):
    """The participant id inside a signed token; ``InvalidToken`` otherwise."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        raise InvalidToken from None
    participant = data.get("p") if isinstance(data, dict) else None
    if not isinstance(participant, str) or not participant:
        raise InvalidToken
    # Apart from browser sessions' tokens, which are plain hex.
    return f"api:{participant}"


def request_participant(request):
    """The participant of ``request`` (None when it sent no token);
    ``InvalidToken`` for a token this site did not sign."""
    token = request.META.get(HEADER, "").strip()
    if not token:
        return None
    return participant_from_token(token)
