"""Stub: being written."""
