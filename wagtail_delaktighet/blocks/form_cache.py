"""The rendered fields of a consultation block's fresh form, kept in Django's
default cache.

Rendering a form's fields (widget templates, one include per field) is most
of what a dialogue page costs, and the fields of an unbound form are the same
for every visitor of one version of the page. So ``{% dlk_form_fields_cache %}``
(consultation/form.html) keeps that HTML under a key of everything it depends
on: the block's class, the page and its live revision, the block's id, the
language and a digest of the block's value (a preview or a save without a
revision changes the digest). Publishing a change therefore reads new keys at
once; old entries expire (``FORM_CACHE_TIMEOUT``).

Never cached: a bound form (it carries the visitor's input and errors), the
CSRF token and the form's ``submission_key`` (both per visitor; the template
renders them outside the fragment), and whatever depends on the participant
(messages, receipt, "you have voted") or on site settings (privacy page,
public records notice).
"""

import hashlib
import json
import uuid

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils import translation

from .. import __version__
from ..conf import delaktighet_settings

#: Renewed whenever a setting changes, so HTML rendered under other settings
#: (field lengths, languages, templates) is never read again; one per process,
#: so a restart after a deploy with new templates does not read old HTML.
_generation = uuid.uuid4().hex[:12]


@receiver(setting_changed)
def _new_generation(**kwargs):
    renew_generation()


def renew_generation():
    """Never read HTML rendered before now again (in this process)."""
    global _generation
    _generation = uuid.uuid4().hex[:12]


def settings_generation() -> str:
    """This process's marker of its settings and templates: other HTML
    cached from templates (a dialogue page's content, the index's cards) is
    keyed under it too."""
    return _generation


def value_digest(block, value) -> str:
    """A digest of the block's value as stored."""
    data = json.dumps(
        block.get_prep_value(value), sort_keys=True, cls=DjangoJSONEncoder
    )
    return hashlib.blake2b(data.encode(), digest_size=16).hexdigest()


def form_cache_key(block, value, *, block_id, page) -> str | None:
    """The cache key of the fields of ``block``'s fresh form on ``page``, or
    None when they must not be cached."""
    if not delaktighet_settings.FORM_CACHE_TIMEOUT:
        return None
    block_class = type(block)
    parts = [
        __version__,
        _generation,
        f"{block_class.__module__}.{block_class.__qualname__}",
        str(page.pk),
        str(page.live_revision_id),
        block_id,
        translation.get_language() or "",
        value_digest(block, value),
    ]
    return _key(parts)


def fixed_form_cache_key(name: str) -> str | None:
    """The cache key of a fresh form whose fields depend on nothing but the
    language (the follow form), or None when caching is off."""
    if not delaktighet_settings.FORM_CACHE_TIMEOUT:
        return None
    return _key([__version__, _generation, name, translation.get_language() or ""])


def _key(parts):
    digest = hashlib.blake2b("\x1f".join(parts).encode(), digest_size=20).hexdigest()
    return f"wagtail_delaktighet:form:{digest}"


def cached_fragment(key: str, part: str, render) -> str:
    """The HTML of ``part`` of the form under ``key``, rendered by
    ``render()`` (a template's nodes, which escape what they insert) when
    the cache does not have it."""
    part_key = f"{key}:{part}"
    html = cache.get(part_key)
    if html is None:
        html = render()
        cache.set(part_key, html, delaktighet_settings.FORM_CACHE_TIMEOUT)
    return html
