"""Keeping pages that carry a form out of shared caches (page caches, CDNs).

A form on a page holds a CSRF token that belongs to one browser's cookie, and
a consultation form a random key that names the participant of a first visit
(participation/participants.py). Served from a shared cache to someone else,
the post would be refused by the CSRF check, and the key would be shared. So
such responses are marked private and never stored; pages without a form stay
cacheable (docs/installation.md, "Page caches and CDNs").
"""

from django.utils.cache import add_never_cache_headers

#: Set to True in a page's context when it offers a form to post.
OFFERS_FORM = "dlk_offers_form"


def keep_forms_private(response):
    """Mark ``response`` never to be stored when its page offers a form."""
    context = getattr(response, "context_data", None) or {}
    if context.get(OFFERS_FORM):
        add_never_cache_headers(response)
    return response
