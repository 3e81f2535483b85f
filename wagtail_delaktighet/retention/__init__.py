"""Keeping personal data no longer than needed: when a dialogue's retention
period ends (due.py) and what is then removed (anonymise.py)."""
