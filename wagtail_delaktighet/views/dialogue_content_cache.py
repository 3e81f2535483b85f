"""The rendered content of a public dialogue page, kept in Django's default
cache and served again to every visitor who would see the same.

Building a dialogue page's context (every block's results and lists) and
rendering it costs several times what a plain page costs, and nearly all of
it is the same for every visitor of one version of the page. So the part of
``dialogue_page.html`` inside ``{% dlk_dialogue_content_cache %}`` is kept
under a key of everything it depends on:

- the content (the content generation, renewed by any change an editor
  makes: content_generation.py), the page and its live revision;
- its contributions: the page's results version, raised in the same
  transaction as every change to its counters, contributions and official
  answers (participation/counters.py), so a new vote is on the page at the
  next view, in every process;
- the clock: the page's status by its dates, and the local date;
- the request: host, language, and each consultation block's own variant
  (``ConsultationBlock.page_cache_variant``: the poll, whether this
  participant has voted). A block that only logged-in residents can answer
  needs nothing more: the cached content is only ever a visitor's who is not
  logged in, who sees the link to log in, which depends on the page's
  address and the settings alone; a logged-in resident gets the form, or
  "already answered", rendered afresh.

Per visitor, never cached: the CSRF token and each form's ``submission_key``
(kept as stand-ins in the cached HTML and filled in at each view). Never
served from the cache, and never stored: a request with messages (a receipt),
a rejected post shown again, a preview, a signed-in user, a query string
(pagination), a page whose template has no ``{% dlk_dialogue_content_cache %}``
(an overridden template), and a page with a block that does not say what it
depends on (a variant of None). ``CONTENT_CACHE_TIMEOUT = 0`` turns it off.
"""

import hashlib
import re
import uuid
from threading import Lock

from django.contrib import messages
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .. import content_generation
from ..blocks import form_cache
from ..conf import delaktighet_settings
from ..models.status import status_at
from ..participation import counters
from ..participation.participants import keyed_hash

#: Context names: the key to store the content under (rendered afresh), or
#: the cached content to serve.
CONTENT_KEY = "dlk_content_cache_key"
CACHED_CONTENT = "dlk_cached_content"


def stand_in(name):
    """What the cached HTML holds in place of what each view gets its own of:
    the same in every process of the site, and secret (keyed by the
    SECRET_KEY), so that no text a participant writes on the page can be
    one."""
    return "dlk-" + keyed_hash(f"content-cache-stand-in:{name}")[:24]


def content_key(request, page, template_name):
    """The cache key of the page's content for ``request``, or None when it
    must be rendered afresh (and not kept)."""
    if not _may_cache(request, page, template_name):
        return None
    variants = []
    for block_id, block, value in page.consultation_blocks():
        variant = block.page_cache_variant(
            value, page=page, block_id=block_id, request=request
        )
        if variant is None:
            return None
        variants.append(f"{block_id}={variant}")
    parts = [
        form_cache.settings_generation(),
        page.pk,
        page.live_revision_id,
        # Only the consultation blocks show what the page's contributions
        # change.
        counters.results_version(page) if variants else "-",
        status_at(page.opens_at, page.closes_at),
        timezone.localdate().isoformat(),
        translation.get_language() or "",
        request.get_host(),
        *variants,
    ]
    digest = hashlib.blake2b(
        "\x1f".join(map(str, parts)).encode(), digest_size=20
    ).hexdigest()
    return content_generation.key(request, "dialogue-content", digest)


def _may_cache(request, page, template_name):
    if not delaktighet_settings.CONTENT_CACHE_TIMEOUT or request is None:
        return False
    if request.method not in ("GET", "HEAD") or request.GET:
        return False
    if getattr(request, "is_preview", False) or not page.live:
        return False
    # A post shown again with its errors.
    if any(hasattr(request, name) for name in rejected_attributes()):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    # len() reads the messages without marking them seen.
    if len(messages.get_messages(request)):
        return False
    return template_has_content_cache(template_name)


def rejected_attributes():
    from .consultation import REJECTED_SUBMISSION_ATTRIBUTE
    from .following import REJECTED_FOLLOW_ATTRIBUTE

    return (REJECTED_SUBMISSION_ATTRIBUTE, REJECTED_FOLLOW_ATTRIBUTE)


def cached_content(key):
    """(html with stand-ins, offers a form) kept under ``key``, or None."""
    return cache.get(key)


def store(key, html, offers_form):
    cache.set(key, (html, offers_form), delaktighet_settings.CONTENT_CACHE_TIMEOUT)


def with_stand_ins(html, submission_keys):
    """``html`` rendered with the CSRF stand-in, its forms' submission keys
    replaced by theirs (each is a random key of its own)."""
    submission_key_stand_in = stand_in("submission-key")
    for submission_key in submission_keys:
        html = html.replace(submission_key, submission_key_stand_in)
    return html


def filled_in(html, request):
    """Cached ``html`` with this view's CSRF token and a new submission key
    for each form."""
    html = html.replace(stand_in("csrf"), get_token(request))
    submission_keys = re.compile(re.escape(stand_in("submission-key")))
    html = submission_keys.sub(lambda _match: uuid.uuid4().hex, html)
    return mark_safe(html)  # noqa: S308 - rendered by the template, escaped there


def fresh_submission_keys(context):
    """The submission keys of the fresh forms in a dialogue page's context."""
    keys = []
    for state in (context.get("dlk_consultation") or {}).values():
        form = getattr(state, "form", None)
        if form is not None and not form.is_bound:
            keys.append(str(form.initial.get("submission_key", "")))
    return [key for key in keys if key]


# -- which templates keep their content ---------------------------------------

_templates = {}
_templates_lock = Lock()


def template_has_content_cache(template_name):
    """Whether the page's template (as the site's template loaders find it)
    has the ``{% dlk_dialogue_content_cache %}`` tag: a site that overrides
    the template without it gets its whole context, as before."""
    from django.template.loader import get_template

    from ..templatetags.delaktighet_tags import DialogueContentCacheNode

    template = getattr(get_template(template_name), "template", None)
    if template is None:
        return False
    known = _templates.get(id(template))
    if known is not None and known[0] is template:
        return known[1]
    has = bool(template.nodelist.get_nodes_by_type(DialogueContentCacheNode))
    with _templates_lock:
        if len(_templates) > 100:  # templates loaded afresh (no cached loader)
            _templates.clear()
        _templates[id(template)] = (template, has)
    return has
