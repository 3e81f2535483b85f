"""The "Outgoing email" report: pending and sent email with errors, for
staff allowed to see recipients' addresses."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.staff.contributions_support import assert_denied, logged_in, rows
from wagtail_delaktighet.models import OutboxEmail, OutboxKind

REPORT = "wagtail_delaktighet_admin:outbox"


@pytest.fixture
def emails(db):
    pending = OutboxEmail.objects.create(
        key="feedback:1:1",
        kind=OutboxKind.FEEDBACK,
        recipient="anna@example.se",
        subject="Återkoppling: Parken",
        body="…",
        attempts=2,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    sent = OutboxEmail.objects.create(
        key="confirm:2:x",
        kind=OutboxKind.CONFIRMATION,
        recipient="bo@example.se",
        subject="Bekräfta",
        body="…",
        attempts=1,
        sent_at=timezone.now(),
    )
    failed = OutboxEmail.objects.create(
        key="rejection:3:1",
        kind=OutboxKind.REJECTION,
        recipient="cecilia@example.se",
        subject="Ditt bidrag publicerades inte",
        body="…",
        attempts=12,
        failed_at=timezone.now(),
        last_error="SMTPRecipientsRefused: no such user",
    )
    return pending, sent, failed


def test_superuser_sees_pending_and_sent_email_with_the_last_error(admin, emails):
    listed = rows(admin.get(reverse(REPORT)))
    assert {row["Recipient"] for row in listed} == {
        "anna@example.se",
        "bo@example.se",
        "cecilia@example.se",
    }
    failing = next(row for row in listed if row["Recipient"] == "anna@example.se")
    assert "Connection unexpectedly closed" in failing["Last error"]
    assert failing["Attempts"] == "2"


def test_the_state_filter_lists_only_what_is_still_pending(admin, emails):
    listed = rows(admin.get(reverse(REPORT), {"state": "pending"}))
    assert [row["Recipient"] for row in listed] == ["anna@example.se"]
    listed = rows(admin.get(reverse(REPORT), {"state": "sent"}))
    assert [row["Recipient"] for row in listed] == ["bo@example.se"]


def test_the_state_filter_lists_what_was_given_up_with_its_error(admin, emails):
    [row] = rows(admin.get(reverse(REPORT), {"state": "failed"}))
    assert row["Recipient"] == "cecilia@example.se"
    assert row["Attempts"] == "12"
    assert row["Failed"]
    assert "no such user" in row["Last error"]


def test_staff_without_the_view_permission_are_denied_and_see_no_menu_item(
    make_staff_user, emails
):
    client = logged_in(make_staff_user("editor-utan"))
    assert_denied(client.get(reverse(REPORT)))
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT).encode() not in dashboard.content


def test_a_group_given_the_view_permission_sees_the_report(make_staff_user, emails):
    user = make_staff_user(
        "registrator", permissions=["wagtail_delaktighet.view_outboxemail"]
    )
    client = logged_in(user)
    listed = rows(client.get(reverse(REPORT)))
    assert len(listed) == 3
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert reverse(REPORT).encode() in dashboard.content
