"""Email to participants and staff, written to the outbox and delivered in
the background (outbox.py)."""
