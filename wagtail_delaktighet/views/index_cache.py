"""Each dialogue index's filter choices (the snippets its listed dialogues
use, as the rows of their query), kept in Django's default cache under the
content generation (content_generation.py), which every change they depend
on renews: a page saved, published, unpublished, moved or deleted, a view
restriction added or removed, a topic, area, body or target group saved or
deleted.

The dialogues themselves are never cached: the listing and its filters always
run against the database, and an id that a visitor asks for and the cached
choices lack is checked against the database.
"""

from django.core.cache import cache

from .. import content_generation


class CachedChoices:
    """The cached choices of one index for one request: ``rows`` (None when
    not cached); ``store`` keeps a fresh read under the generation read
    first (content_generation.py)."""

    def __init__(self, request, index_pk):
        self.key = content_generation.key(request, "index-choices", index_pk)
        self.rows = cache.get(self.key) if self.key else None

    def store(self, rows):
        content_generation.store(self.key, rows)
