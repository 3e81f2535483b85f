"""The staff workspace in the Wagtail admin."""
