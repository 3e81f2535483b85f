"""Publishing dialogues and feedback pages: the rules a page must meet to go
live (rules.py) and their enforcement on every way a page goes live
(enforcement.py, which logs to the ``wagtail_delaktighet.publishing`` logger
family)."""
