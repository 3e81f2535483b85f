"""Participation purges the dialogue from a front-end cache: moderation,
official answers and contributions published at once, after the transaction
commits, through Wagtail's ``wagtail.contrib.frontend_cache`` with a backend
that records the URLs it is asked to purge (it stands in for a CDN)."""

import pytest
from django.db import transaction
from django.test import override_settings

from tests.feedback.support import make_feedback
from tests.participation.support import poll, question, submit, valid_fields, views
from tests.testapp.frontend_cache import PURGED
from wagtail_delaktighet import moderation
from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionStatus,
    RejectionReason,
)
from wagtail_delaktighet.models.feedback import FeedbackKind
from wagtail_delaktighet.moderation import responses

pytestmark = pytest.mark.django_db

BACKEND = {"recording": {"BACKEND": "tests.testapp.frontend_cache.RecordingBackend"}}


@pytest.fixture
def dialogue(consultation_dialogue):
    """A dialogue with a views block, a question and a poll; one interim
    feedback page that shows results and one that does not."""
    dialogue = consultation_dialogue(body=[views(), question(), poll()])
    dialogue.with_results = make_feedback(
        dialogue.page, kind=FeedbackKind.INTERIM, show_results=True
    )
    dialogue.without_results = make_feedback(
        dialogue.page, kind=FeedbackKind.INTERIM, show_results=False
    )
    return dialogue


@pytest.fixture
def purged(dialogue):
    """The URLs purged while the test runs, with the backend configured."""
    PURGED.clear()
    with override_settings(WAGTAILFRONTENDCACHE=BACKEND):
        yield PURGED
    PURGED.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """``with committed(): ...`` runs the on-commit callbacks at its end, as
    a real commit does (the test itself runs in a transaction)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def purged_pages(dialogue, urls):
    """Which of the dialogue's pages the purged URLs are."""
    names = {
        dialogue.page.full_url: "dialogue",
        dialogue.with_results.full_url: "feedback with results",
        dialogue.without_results.full_url: "feedback without results",
    }
    return sorted({names.get(url, url) for url in urls})


PAGES = ["dialogue", "feedback with results"]


@pytest.fixture
def moderator(editor):
    return editor


@pytest.fixture
def pending(dialogue):
    return submit(dialogue.block("views"), {"text": "Fler bänkar."})


def test_approving_and_rejecting_purge_the_dialogue(
    dialogue, pending, purged, committed, moderator
):
    with committed():
        moderation.approve(pending, user=moderator)
    assert purged_pages(dialogue, purged) == PAGES

    purged.clear()
    reason = RejectionReason.objects.create(name="Reklam")
    with committed():
        moderation.reject(pending, user=moderator, reason=reason)
    assert purged_pages(dialogue, purged) == PAGES


def test_publishing_and_withdrawing_an_answer_purge_the_dialogue(
    dialogue, purged, committed, moderator
):
    with committed():
        asked = submit(dialogue.block("question"), {"question": "När börjar?"})
    planner = Contact.objects.create(name="Bo", kind=Contact.Kind.OFFICIAL)
    assert purged == []

    with committed():
        answer = responses.respond(
            asked, user=moderator, signed_by=planner, text="I höst."
        )
    assert purged_pages(dialogue, purged) == PAGES

    purged.clear()
    with committed():
        responses.unpublish_response(answer, user=moderator)
    assert purged_pages(dialogue, purged) == PAGES


def test_only_contributions_published_at_once_purge(dialogue, purged, committed):
    # Awaiting moderation, or a vote (never shown on its own): nothing
    # public changed.
    with committed():
        submit(dialogue.block("views"), {"text": "Fler bänkar."})
        the_poll = dialogue.block("poll")
        submit(the_poll, valid_fields(the_poll), participant="p1")
    assert purged == []

    # A block of the municipality's own that publishes at once.
    with committed():
        Contribution.objects.create(
            page=dialogue.page,
            block_id=dialogue.block("views").id,
            block_type="views",
            content={"text": "Direkt publicerat."},
            status=ContributionStatus.PUBLISHED,
        )
    assert purged_pages(dialogue, purged) == PAGES


def test_nothing_is_purged_when_the_change_is_rolled_back(
    dialogue, pending, purged, committed, moderator
):
    with committed(), pytest.raises(RuntimeError), transaction.atomic():
        moderation.approve(pending, user=moderator)
        raise RuntimeError("the request failed after approving")
    assert purged == []


def test_without_a_configured_backend_nothing_is_purged(
    dialogue, pending, editor, django_capture_on_commit_callbacks
):
    PURGED.clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        moderation.approve(pending, user=editor)
    # Not even a callback: a site without a backend pays nothing.
    assert callbacks == []
    assert PURGED == []
