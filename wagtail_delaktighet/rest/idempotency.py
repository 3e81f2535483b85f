"""The ``Idempotency-Key`` header, mapped to the form's ``submission_key``.

The participation service already stores a submission once: the same form
key, participant and content give the same fingerprint, whose unique
constraint refuses a second row, and the earlier contribution (and its
receipt) is returned. A client that retries with the same key, token and
body therefore gets the same receipt back, however often or however
concurrently it retries. No table of its own is needed.
"""

import re
import uuid

HEADER = "HTTP_IDEMPOTENCY_KEY"

#: What ``submission_key`` holds at most, in printable ASCII.
VALID_KEY = re.compile(r"[\x21-\x7e]{1,64}")


class InvalidKey(Exception):
    """An ``Idempotency-Key`` longer than 64 characters or not printable."""


def submission_key(request):
    """The key identifying this submission: the client's, or a fresh one
    (then a retry is a new submission)."""
    key = request.META.get(HEADER)
    if key is None or key == "":
        return uuid.uuid4().hex, False
    if not VALID_KEY.fullmatch(key):
        raise InvalidKey
    return key, True
