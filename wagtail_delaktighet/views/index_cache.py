"""What the dialogue index reads that only an editor's action changes, kept
in Django's default cache: each index's filter choices (the snippets its
listed dialogues use, as the rows of their query) and the influence ladder.

Every key holds a version that the receivers here renew whenever what those
reads depend on may have changed: a page saved, published, unpublished, moved
or deleted, a view restriction added or removed, a topic, area, body, target
group or influence level saved or deleted. A renewed version reads new keys;
the old entries are never read again and expire. The version is renewed at
once and again when the transaction commits, so a request that read the
database before the commit cannot keep its rows under the new version.

With a cache the processes share (Redis, Memcached), a change is seen by the
next request. With a cache of each process's own (Django's local-memory
default), the other processes see it when their entries expire
(``INDEX_CACHE_TIMEOUT``). The dialogues themselves are never cached: the
listing and its filters always run against the database, and an id that a
visitor asks for and the cached choices lack is checked against the database.
"""

import uuid
from functools import cache as once

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

from ..conf import delaktighet_settings

PREFIX = "wagtail_delaktighet:index"
VERSION_KEY = f"{PREFIX}:version"


def timeout():
    return delaktighet_settings.INDEX_CACHE_TIMEOUT


def current_version():
    """The version of every cached read; a random one after the cache lost it
    (an old entry is then never read again)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def renew_version(**kwargs):
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def keys(version, index_pk):
    return {
        "choices": f"{PREFIX}:{version}:choices:{index_pk}",
        "ladder": f"{PREFIX}:{version}:ladder",
    }


class CachedReads:
    """The cached reads of one index for one request: ``choices`` (rows) and
    ``ladder`` (rows), each None when not cached; ``store`` keeps a fresh
    read under the version read first."""

    def __init__(self, index_pk):
        self.keys = None
        self.found = {}
        if not timeout():
            return
        self.keys = keys(current_version(), index_pk)
        found = cache.get_many(list(self.keys.values()))
        self.found = {name: found.get(key) for name, key in self.keys.items()}

    def get(self, name):
        return self.found.get(name)

    def store(self, name, rows):
        if self.keys is not None:
            cache.set(self.keys[name], rows, timeout())


def _renew_on_change(sender, instance, **kwargs):
    if isinstance(instance, _watched()):
        renew_now_and_after_commit()


def renew_now_and_after_commit(**kwargs):
    renew_version()
    transaction.on_commit(renew_version, robust=True)


@once
def _watched():
    from wagtail.models import Page, PageViewRestriction

    from ..models import Area, Body, InfluenceLevel, TargetGroup, Topic

    return (Page, PageViewRestriction, Topic, Area, Body, TargetGroup, InfluenceLevel)


def connect():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    uid = "wagtail_delaktighet.index_cache"
    post_save.connect(_renew_on_change, dispatch_uid=f"{uid}.save")
    post_delete.connect(_renew_on_change, dispatch_uid=f"{uid}.delete")
    # After a page's relations (topics, areas…) are saved with it.
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(renew_now_and_after_commit, dispatch_uid=f"{uid}.{name}")
