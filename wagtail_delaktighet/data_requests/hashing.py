"""Keyed hashes kept instead of addresses and tokens."""

from ..models.following import normalise_email
from ..participation.participants import keyed_hash


def email_hash(email):
    """The same for every spelling of one address (case, spaces)."""
    return keyed_hash(f"data-request-email:{normalise_email(email)}")


def token_hash(token):
    return keyed_hash(f"data-request-token:{token}")
