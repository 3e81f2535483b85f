"""A NUL byte anywhere in a request is a 4xx or a form error, never a 500.
PostgreSQL refuses NUL in text (SQLite takes it), so these tests matter
with ``DATABASE_URL`` pointing at PostgreSQL: every GET parameter, posted
field and path part that reaches a query or a stored row."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.following.support import follow_url
from tests.participation.support import valid_fields

from .contributions_support import ask, listing_url, send_views

pytestmark = pytest.mark.django_db

NUL = "a\x00b"


@pytest.fixture
def dialogue(committee_dialogues):
    return committee_dialogues.a


@pytest.fixture
def visitor():
    return Client(headers={"Accept-Language": "en"})


def assert_refused(response):
    assert response.status_code < 500


def test_nul_in_public_pages(visitor, dialogue, dialogue_index):
    page = dialogue.page
    block = dialogue.block("views")
    gets = [
        (dialogue_index.url, dict.fromkeys(("status", "topic", "area"), NUL)),
        (dialogue_index.url, {"body": NUL, "level": NUL, "target_group": NUL}),
        (dialogue_index.url, {"page": NUL}),
        (page.url, {f"dlk-{block.id}-page": NUL}),
        (page.url + "follow/confirm/a%00b/", {}),
        (page.url + "follow/unsubscribe/a%00b/", {}),
        (page.url + "participate/a%00b/", {}),
        (f"/delaktighet/{page.pk}/a%00b/delta/", {}),
        (f"/delaktighet/follow/{page.pk}/unsubscribe/a%00b/", {}),
    ]
    for url, params in gets:
        assert_refused(visitor.get(url, params))

    for field in [*valid_fields(block), "submission_key", "name", "email"]:
        data = {**valid_fields(block), "name": "Karin", "consent": "on"}
        data = {**data, "email": "karin@example.com", field: NUL}
        assert_refused(block.post(visitor, data))
    assert_refused(visitor.post(block.url.replace(block.id, NUL), {}))
    assert_refused(visitor.post(follow_url(page), {"dlk-follow-email": NUL}))
    assert_refused(
        visitor.post(
            follow_url(page),
            {"dlk-follow-email": "karin@example.com", "dlk-follow-website": NUL},
        )
    )
    assert not block.contributions().exists()


def test_nul_in_the_admin(admin, dialogue):
    contribution = send_views(dialogue.block("views"), "Fler bänkar.")
    question = ask(dialogue.block("question"), "När?")
    inbox = reverse("wagtail_delaktighet_admin:inbox")
    for url in (inbox, listing_url(dialogue), reverse("wagtailadmin_home")):
        for params in (
            {"q": NUL},
            {"status": NUL, "channel": NUL, "block_id": NUL, "block_type": NUL},
            {"created_at_from": NUL, "created_at_to": NUL, "page": NUL, "p": NUL},
        ):
            assert_refused(admin.get(url, params))
    for export_format in ("csv", "xlsx"):
        response = admin.get(listing_url(dialogue), {"export": export_format, "q": NUL})
        assert response.status_code == 400
    for export_format in ("csv", "xlsx", NUL):
        assert_refused(
            admin.get(
                listing_url(dialogue), {"export": export_format, "q": NUL, NUL: NUL}
            )
        )
    for url in ("/admin/reports/outgoing-email/", "/admin/reports/overdue-feedback/"):
        assert_refused(admin.get(url, {"state": NUL, "kind": NUL, "p": NUL}))

    reject = reverse("wagtail_delaktighet_admin:reject", args=[contribution.pk])
    assert_refused(admin.post(reject, {"reason": NUL, "note": NUL}))
    bulk = reverse("wagtail_delaktighet_admin:bulk")
    assert_refused(admin.post(bulk, {"contributions": [NUL], "action": NUL}))
    respond = reverse("wagtail_delaktighet_admin:respond", args=[question.pk])
    assert_refused(admin.post(respond, {"signed_by": NUL, "text": NUL, "action": NUL}))
    offline = reverse("wagtail_delaktighet_admin:offline", args=[dialogue.page.pk])
    block = dialogue.block("views")
    assert_refused(admin.get(offline, {"block": NUL, "channel": NUL, "given_at": NUL}))
    assert_refused(
        admin.post(
            offline,
            {
                "block": block.id,
                "channel": "meeting",
                "given_at": NUL,
                **block.form_data({"text": NUL, "display_name": NUL}),
            },
        )
    )
    contribution.refresh_from_db()
    assert contribution.status == "pending"
    assert block.contributions().count() == 1
