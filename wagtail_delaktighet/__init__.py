"""Citizen dialogues (medborgardialog) for Swedish municipalities on Wagtail."""

__version__ = "0.1.0.dev0"
