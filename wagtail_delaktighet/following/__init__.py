"""Following a dialogue by email: subscribing and unsubscribing
(subscriptions.py), and the email to followers when the final feedback is
published (notifications.py)."""

# Tasks queued before subscriptions.py moved here name this path.
from .subscriptions import ask_to_confirm

__all__ = ["ask_to_confirm"]
