"""Evaluating dialogues: the reminder to evaluate a closed dialogue."""
