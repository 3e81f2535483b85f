"""A JSON contribution as the block's form data, for the participation
service: the service validates it with the block's own form, so the API
has no rules of its own and gives the same errors as the HTML form.

The JSON object holds the input schema's field keys (and, where the block
collects identity, ``name``, ``email`` and ``consent``): text and choice
ids as strings, several choices as a list, a tick box as true or false,
numbers as numbers.
"""

import json
from numbers import Number

from django.http import QueryDict

from ..participation.forms import form_prefix

#: Fields of the shared form that a client never sets: the submission key
#: comes from the Idempotency-Key header.
RESERVED = {"submission_key"}


def as_form_value(value):
    """A JSON value as posted form text; None when a form would not post it."""
    if value is None or value is False:
        return None
    if value is True:
        return "on"
    if isinstance(value, str):
        return value
    if isinstance(value, Number):
        return str(value)
    # An object where a field takes text: given to the form as written,
    # which refuses it as it would any text that is not an answer.
    return json.dumps(value)


def form_data(block_id, body, submission_key):
    """``body`` (a dict) as the ``QueryDict`` a browser would post."""
    prefix = form_prefix(block_id)
    data = QueryDict(mutable=True)
    for key, value in body.items():
        if not isinstance(key, str) or key in RESERVED:
            continue
        values = value if isinstance(value, list) else [value]
        posted = [v for v in (as_form_value(item) for item in values) if v is not None]
        if posted:
            data.setlist(f"{prefix}-{key}", posted)
    data[f"{prefix}-submission_key"] = submission_key
    return data
