"""A marker, kept in Django's default cache, that changes whenever content
that public pages read but only editors change may have changed: any page
saved, published, unpublished, moved or deleted, a view restriction, a
dialogue's inline rows, a snippet it names (bodies, topics, contacts,
influence levels…), a document or the site's participation settings.

What is cached under the marker — a dialogue page's data
(views/dialogue_data.py), the ladder (models/influence.py), the site
settings (models/site_settings.py), each index's filter choices
(views/index_cache.py) — is read afresh after one change, by every process at
once where the cache is shared (Redis, Memcached, a database cache); with a
cache of each process's own (Django's default local-memory cache) the other
processes see it when their entries expire (``CONTENT_CACHE_TIMEOUT``).
"""

import uuid

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

KEY = "wagtail_delaktighet:content-generation"


#: Where a request keeps the marker it read, so that one page reads it once.
REQUEST_ATTRIBUTE = "_wagtail_delaktighet_content_generation"


def current(request=None):
    """The marker now (as ``request`` first read it); a new one where the
    cache has none."""
    marker = getattr(request, REQUEST_ATTRIBUTE, None)
    if marker is not None:
        return marker
    marker = cache.get(KEY)
    if marker is None:
        # add(): where another process set one first, read theirs.
        cache.add(KEY, uuid.uuid4().hex, None)
        marker = cache.get(KEY)
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, marker)
    return marker


def key(request, *parts):
    """A cache key of ``parts`` under the marker ``request`` read, or None
    where caching is off (``CONTENT_CACHE_TIMEOUT`` = 0)."""
    from .conf import delaktighet_settings

    if not delaktighet_settings.CONTENT_CACHE_TIMEOUT:
        return None
    from . import __version__

    return ":".join(
        ["wagtail_delaktighet", __version__, current(request), *map(str, parts)]
    )


def store(key, value):
    from .conf import delaktighet_settings

    if key is not None:
        cache.set(key, value, delaktighet_settings.CONTENT_CACHE_TIMEOUT)


def cached(request, parts, read):
    """``read()``, kept in the default cache under ``parts`` and the marker
    (read afresh on every call where caching is off)."""
    entry = key(request, *parts)
    value = cache.get(entry) if entry else None
    if value is None:
        value = read()
        store(entry, value)
    return value


def renew():
    """A new marker now, and again once the change is committed: a reader
    that took the first one before the commit may have kept data read
    before the change under it."""
    _set_new()
    transaction.on_commit(_set_new, robust=True)


def _set_new():
    cache.set(KEY, uuid.uuid4().hex, None)


def _changed(sender, **kwargs):
    renew()


def _settings_changed(sender, created=False, **kwargs):
    # A site's settings are created with their defaults on the first view
    # that reads them: nothing shown changes.
    if not created:
        renew()


def _page_changed(sender, instance, **kwargs):
    # Any page: a privacy page moved or renamed, a dialogue's feedback page.
    from wagtail.models import Page

    if isinstance(instance, Page):
        renew()


def watched_models():
    from wagtail.documents import get_document_model
    from wagtail.models import PageViewRestriction

    from .models import (
        Area,
        Body,
        Contact,
        DialogueActivity,
        DialogueContact,
        DialogueDecision,
        DialogueDocument,
        DialoguePhase,
        InfluenceLevel,
        Method,
        StrategicGoal,
        TargetGroup,
        Topic,
    )

    # The page's relations to snippets are saved with the page; pages of
    # every type are watched by _page_changed.
    return [
        DialoguePhase,
        DialogueActivity,
        DialogueContact,
        DialogueDocument,
        DialogueDecision,
        Body,
        Topic,
        Area,
        TargetGroup,
        Method,
        StrategicGoal,
        Contact,
        InfluenceLevel,
        PageViewRestriction,
        get_document_model(),
    ]


def connect():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .models import DelaktighetSettings

    for model in watched_models():
        uid = f"dlk_content_generation_{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_delete")
    post_save.connect(
        _settings_changed,
        sender=DelaktighetSettings,
        dispatch_uid="dlk_content_generation_settings_save",
    )
    # Pages of every type (senders are the concrete page classes).
    post_save.connect(_page_changed, dispatch_uid="dlk_content_generation_page_save")
    post_delete.connect(
        _page_changed, dispatch_uid="dlk_content_generation_page_delete"
    )
    # After a page's relations (topics, areas…) are saved with it.
    for name, signal in (
        ("published", page_published),
        ("unpublished", page_unpublished),
        ("moved", post_page_move),
    ):
        signal.connect(_changed, dispatch_uid=f"dlk_content_generation_page_{name}")
