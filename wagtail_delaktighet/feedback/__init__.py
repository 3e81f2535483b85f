"""Feedback to participants (P6): the automatic "We heard" summary
(summary.py), which dialogues owe their feedback (overdue.py), and the
reminders about promised feedback dates (reminders.py)."""
