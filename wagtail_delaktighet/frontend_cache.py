"""Purging a dialogue from a front-end cache (a CDN or Varnish) when what it
shows changes outside Wagtail's publishing.

Wagtail's ``wagtail.contrib.frontend_cache`` purges a page when it is
published. Participation changes a dialogue page without publishing it: a
moderator approves or rejects a contribution, an official answer is published
or withdrawn, a contribution is published at once. Each of these saves a
``Contribution`` or an ``OfficialResponse``; the receivers here purge the
dialogue page, and its live feedback pages that show results, once the
transaction has committed (a rolled-back change purges nothing).

Nothing happens unless ``wagtail.contrib.frontend_cache`` is installed and a
backend is configured in ``WAGTAILFRONTENDCACHE`` (docs/installation.md).
"""

from functools import partial

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_save

from .consultations import translations_enabled

APP = "wagtail.contrib.frontend_cache"


def purge_dialogue_after_commit(page_id):
    """Purge the dialogue ``page_id`` once the current transaction commits."""
    if has_backends():
        # Robust: the change is committed by then; a cache that cannot be
        # reached is logged rather than failing the request.
        transaction.on_commit(partial(purge_dialogues, [page_id]), robust=True)


def has_backends():
    if not apps.is_installed(APP):
        return False
    from wagtail.contrib.frontend_cache.utils import get_backends

    return bool(get_backends())


def purge_dialogues(page_ids):
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from .models import DialoguePage, FeedbackPage

    batch = PurgeBatch()
    dialogues = DialoguePage.objects.live().filter(pk__in=page_ids)
    if translations_enabled():
        # Every language version shows the consultation's results.
        dialogues = DialoguePage.objects.live().filter(
            translation_key__in=dialogues.values("translation_key")
        )
    for dialogue in dialogues:
        batch.add_page(dialogue)
        batch.add_pages(
            FeedbackPage.objects.child_of(dialogue).live().filter(show_results=True)
        )
    batch.purge()


def contribution_saved(sender, instance, created, update_fields=None, **kwargs):
    from .models import ContributionStatus

    if created:
        # A new contribution shows at once only when it is published.
        changed = instance.status == ContributionStatus.PUBLISHED
    else:
        # Moderation changes the status; other saves (a receipt, the
        # anonymisation of personal data) leave the public page as it was.
        changed = update_fields is None or "status" in update_fields
    if changed:
        purge_dialogue_after_commit(instance.page_id)


def response_saved(sender, instance, **kwargs):
    # Published, withdrawn or edited: the answer under the question changes.
    purge_dialogue_after_commit(instance.contribution.page_id)


def connect():
    """Connect the receivers; called from the app's ``ready()``. They check
    at run time whether the front-end cache is installed."""
    from .models import Contribution, OfficialResponse

    post_save.connect(
        contribution_saved,
        sender=Contribution,
        dispatch_uid="wagtail_delaktighet.frontend_cache.contribution",
    )
    post_save.connect(
        response_saved,
        sender=OfficialResponse,
        dispatch_uid="wagtail_delaktighet.frontend_cache.response",
    )
