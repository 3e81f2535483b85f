"""Moderation: deciding whether contributions are published (decisions.py)
and answering them with official responses (responses.py).

``wagtail_delaktighet.moderation.approve`` and friends are the public way to
moderate from code (docs/developers/consultation-blocks.md).
"""

from .decisions import (
    WITHDRAWN,
    ModerationError,
    approve,
    approve_many,
    moderatable,
    reject,
    reject_many,
)

__all__ = [
    "WITHDRAWN",
    "ModerationError",
    "approve",
    "approve_many",
    "moderatable",
    "reject",
    "reject_many",
]
