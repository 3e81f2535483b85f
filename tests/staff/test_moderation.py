"""Moderating contributions through the moderation service: approving
publishes, rejecting stores a reason and tells an author who gave an email
why, every decision lands in Wagtail's log entries; and who may see and
moderate which dialogue's contributions (permissions.py)."""

import importlib
import smtplib
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation
from django_tasks import default_task_backend
from django_tasks.backends.dummy import DummyBackend
from wagtail.models import ModelLogEntry, Site

from tests.participation.support import question, submit, views
from wagtail_delaktighet import log_actions, moderation, permissions
from wagtail_delaktighet.models import (
    Contribution,
    ContributionStatus,
    DelaktighetSettings,
    OutboxEmail,
    OutboxKind,
    RejectionReason,
)
from wagtail_delaktighet.moderation import ModerationError
from wagtail_delaktighet.tasks import deliver_outbox_email

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def reasons(db):
    """The seeded netiquette reasons (seeded again where a transactional test
    flushed them)."""
    if not RejectionReason.objects.exists():
        importlib.import_module(
            "wagtail_delaktighet.migrations.0006_seed_rejection_reasons"
        ).seed(django_apps, None)
        importlib.import_module(
            "wagtail_delaktighet.migrations.0010_outbox_claims_and_retries"
        ).keep_spammers_untold(django_apps, None)
    return {reason.name: reason for reason in RejectionReason.objects.all()}


@pytest.fixture
def offensive(reasons):
    return reasons["Kränkande innehåll"]


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[views(), question()])


@pytest.fixture
def views_block(dialogue):
    return dialogue.block("views")


@pytest.fixture
def moderator(make_staff_user, dialogue_index):
    return make_staff_user(
        "mona.granskare", pages=[dialogue_index], permissions=[permissions.MODERATE]
    )


def send_views(block, text, *, email=None, name="", **kwargs):
    fields = {"text": text}
    if email or name:
        fields.update(name=name, email=email or "", consent="on")
    return submit(block, fields, **kwargs)


def log_entries(contribution):
    return list(ModelLogEntry.objects.for_instance(contribution).order_by("pk"))


def reload(contribution):
    return Contribution.objects.get(pk=contribution.pk)


# -- approving ---------------------------------------------------------------


def test_approving_publishes_on_the_page_and_logs_who_and_when(
    client, views_block, moderator, time_machine
):
    contribution = send_views(views_block, "Fler bänkar vid dammen, tack.")
    assert "Fler bänkar vid dammen" not in client.get(views_block.page.url).text
    moment = datetime(2026, 3, 14, 10, 30, tzinfo=STOCKHOLM)
    time_machine.move_to(moment, tick=False)

    moderation.approve(contribution, user=moderator)

    contribution = reload(contribution)
    assert contribution.status == ContributionStatus.PUBLISHED
    assert contribution.moderated_by == moderator
    assert contribution.moderated_at == moment
    [entry] = log_entries(contribution)
    assert entry.action == log_actions.APPROVE
    assert entry.user == moderator
    assert entry.timestamp == moment
    assert "Fler bänkar vid dammen" in client.get(views_block.page.url).text


def test_approving_a_rejected_contribution_clears_the_reason(
    views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    contribution = send_views(views_block, "Dumt förslag")
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=offensive, note="X")

    moderation.approve(contribution, user=moderator)

    contribution = reload(contribution)
    assert contribution.status == ContributionStatus.PUBLISHED
    assert contribution.rejection_reason is None
    assert contribution.rejection_note == ""
    assert [e.action for e in log_entries(contribution)] == [
        log_actions.REJECT,
        log_actions.APPROVE,
    ]


# -- rejecting ---------------------------------------------------------------


def test_rejecting_stores_the_reason_and_note_and_logs_them(
    client, views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    contribution = send_views(views_block, "Ni är alla idioter på kommunen.")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(
            contribution,
            user=moderator,
            reason=offensive,
            note="Skriv gärna igen om vad du vill ändra.",
        )

    contribution = reload(contribution)
    assert contribution.status == ContributionStatus.REJECTED
    assert contribution.rejection_reason == offensive
    assert contribution.rejection_note == "Skriv gärna igen om vad du vill ändra."
    assert contribution.moderated_by == moderator
    [entry] = log_entries(contribution)
    assert entry.action == log_actions.REJECT
    assert entry.user == moderator
    assert entry.data == {
        "reason": "Kränkande innehåll",
        "note": "Skriv gärna igen om vad du vill ändra.",
    }
    assert "idioter" not in client.get(views_block.page.url).text


def test_the_author_is_emailed_once_after_commit(
    views_block, dialogue, moderator, offensive, django_capture_on_commit_callbacks
):
    contribution = send_views(
        views_block, "Ni är idioter.", name="Maria Ek", email="maria@example.com"
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        moderation.reject(
            contribution, user=moderator, reason=offensive, note="Försök igen."
        )
        # Nothing goes out before the decision is committed.
        assert mail.outbox == []

    assert len(callbacks) == 1
    [email] = mail.outbox
    assert email.to == ["maria@example.com"]
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    assert dialogue.page.title in email.subject
    assert contribution.receipt in email.body
    assert offensive.name in email.body
    assert offensive.explanation in email.body
    assert "Försök igen." in email.body
    assert dialogue.page.full_url in email.body
    # The author is told why, not what anyone else sent or who moderated.
    assert moderator.username not in email.body


def test_no_email_goes_out_when_the_rejection_is_rolled_back(
    views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    contribution = send_views(views_block, "Text", email="maria@example.com")

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        moderation.reject(contribution, user=moderator, reason=offensive)
        raise RuntimeError("the moderator's request failed")

    assert callbacks == []
    assert mail.outbox == []
    assert reload(contribution).status == ContributionStatus.PENDING


def test_the_email_comes_from_the_sites_notification_sender(
    views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.notification_from_email = "dialog@alvby.example"
    site_settings.save()
    contribution = send_views(views_block, "Text", email="maria@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=offensive)

    [email] = mail.outbox
    assert email.from_email == "dialog@alvby.example"


def test_the_email_is_in_the_sites_language_whoever_moderates(
    views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    # The moderator works in English (the tests' active language); the
    # author took part in Swedish, so the date they sent it in reads in
    # Swedish.
    sent = datetime(2026, 3, 14, 19, 0, tzinfo=STOCKHOLM)
    with translation.override("sv"):
        contribution = send_views(
            views_block, "Text", email="maria@example.com", created_at=sent
        )

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=offensive)

    [email] = mail.outbox
    assert settings.LANGUAGE_CODE == "sv"
    assert "14 mars 2026" in email.body
    assert "March" not in email.body


def test_an_author_who_gave_no_email_is_not_emailed(
    views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    anonymous = send_views(views_block, "Anonym text")
    named = send_views(views_block, "Med namn", name="Maria Ek")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(anonymous, user=moderator, reason=offensive)
        moderation.reject(named, user=moderator, reason=offensive)

    assert mail.outbox == []
    assert reload(anonymous).status == ContributionStatus.REJECTED
    assert reload(named).status == ContributionStatus.REJECTED


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(
    views_block, moderator, django_capture_on_commit_callbacks
):
    contribution = send_views(views_block, "Text", email="maria@example.com")

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ModerationError),
    ):
        moderation.reject(contribution, user=moderator, reason=None)

    assert reload(contribution).status == ContributionStatus.PENDING
    assert log_entries(contribution) == []
    assert mail.outbox == []


# -- in bulk -------------------------------------------------------------------


def test_approving_many_publishes_and_logs_each(views_block, moderator):
    contributions = [send_views(views_block, f"Synpunkt {n}") for n in range(3)]

    moderation.approve_many(contributions, user=moderator)

    for contribution in contributions:
        assert reload(contribution).status == ContributionStatus.PUBLISHED
        assert [e.action for e in log_entries(contribution)] == [log_actions.APPROVE]


def test_rejecting_many_tells_each_author_who_gave_an_email(
    dialogue, moderator, reasons, django_capture_on_commit_callbacks
):
    off_topic = reasons["Hör inte till dialogen"]
    views_block, question_block = dialogue.block("views"), dialogue.block("question")
    contributions = [
        send_views(views_block, "Bygg en ny simhall", email="a@example.com"),
        send_views(views_block, "Sänk skatten"),
        submit(
            question_block,
            {
                "question": "När töms soptunnorna?",
                "email": "b@example.com",
                "consent": "on",
            },
        ),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject_many(contributions, user=moderator, reason=off_topic)

    for contribution in contributions:
        contribution = reload(contribution)
        assert contribution.status == ContributionStatus.REJECTED
        assert contribution.rejection_reason == off_topic
        [entry] = log_entries(contribution)
        assert entry.action == log_actions.REJECT
    assert sorted(email.to[0] for email in mail.outbox) == [
        "a@example.com",
        "b@example.com",
    ]
    assert all(off_topic.explanation in email.body for email in mail.outbox)


def test_a_contribution_rejected_as_spam_sends_no_email(
    dialogue, moderator, reasons, django_capture_on_commit_callbacks
):
    spam = reasons["Reklam eller spam"]
    contribution = send_views(
        dialogue.block("views"), "Köp billiga klockor", email="spam@example.com"
    )

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=spam)

    assert reload(contribution).rejection_reason == spam
    # Nothing is written to the spammer's address, now or by a later run.
    assert not OutboxEmail.objects.exists()
    assert mail.outbox == []


def test_the_subject_is_plain_text_whatever_the_title(
    consultation_dialogue, moderator, offensive, django_capture_on_commit_callbacks
):
    dialogue = consultation_dialogue(body=[views()], title="Trafik & parkering <b>")
    contribution = send_views(dialogue.block("views"), "Text", email="m@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=offensive)

    [email] = mail.outbox
    assert "Trafik & parkering <b>" in email.subject
    assert "&amp;" not in email.subject and "\n" not in email.subject
    assert "Trafik & parkering <b>" in email.body


# -- when sending fails --------------------------------------------------------


class BrokenMailBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("the mail server is down")


class UnreachableQueue(DummyBackend):
    """A task queue that cannot be reached."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("the task queue is down")


LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


def send_pending():
    call_command("delaktighet_send_pending_emails", stdout=StringIO())


@override_settings(EMAIL_BACKEND="tests.staff.test_moderation.BrokenMailBackend")
def test_a_failing_mail_server_does_not_lose_the_rejection(
    views_block,
    moderator,
    offensive,
    django_capture_on_commit_callbacks,
    time_machine,
):
    contribution = send_views(views_block, "Text", email="maria@example.com")
    time_machine.move_to(timezone.now(), tick=False)

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=offensive)

    # The decision is stored and logged; the email waits in the outbox with
    # the error, not in the moderator's request.
    contribution = reload(contribution)
    assert contribution.status == ContributionStatus.REJECTED
    assert [e.action for e in log_entries(contribution)] == [log_actions.REJECT]
    assert mail.outbox == []
    [row] = OutboxEmail.objects.all()
    assert row.kind == OutboxKind.REJECTION
    assert row.recipient == "maria@example.com"
    assert row.is_pending and row.attempts == 1
    assert "the mail server is down" in row.last_error

    # The mail server is back; the next scheduled run sends it, once.
    time_machine.shift(timedelta(hours=1))
    with override_settings(EMAIL_BACKEND=LOCMEM):
        send_pending()
        send_pending()
    [email] = mail.outbox
    assert email.to == ["maria@example.com"]
    assert offensive.explanation in email.body
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 2


@override_settings(EMAIL_BACKEND="tests.staff.test_moderation.BrokenMailBackend")
def test_an_unsent_rejection_email_is_withdrawn_when_the_decision_changes(
    dialogue, moderator, reasons, django_capture_on_commit_callbacks, time_machine
):
    contribution = send_views(dialogue.block("views"), "Text", email="m@example.com")
    time_machine.move_to(timezone.now(), tick=False)
    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(
            contribution, user=moderator, reason=reasons["Olagligt innehåll"]
        )
        moderation.reject(
            contribution, user=moderator, reason=reasons["Hör inte till dialogen"]
        )
    first, second = OutboxEmail.objects.order_by("pk")
    assert first.has_failed and first.last_error == moderation.WITHDRAWN
    assert second.is_pending

    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve(contribution, user=moderator)

    second.refresh_from_db()
    assert second.has_failed and second.last_error == moderation.WITHDRAWN
    time_machine.shift(timedelta(days=1))
    with override_settings(EMAIL_BACKEND=LOCMEM):
        send_pending()
    assert mail.outbox == []


@override_settings(
    TASKS={"default": {"BACKEND": "tests.staff.test_moderation.UnreachableQueue"}}
)
def test_an_unreachable_task_queue_does_not_undo_or_halt_a_bulk_rejection(
    views_block, moderator, offensive, django_capture_on_commit_callbacks, caplog
):
    contributions = [
        send_views(views_block, f"Text {n}", email=f"author{n}@example.com")
        for n in range(2)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject_many(contributions, user=moderator, reason=offensive)

    for contribution in contributions:
        assert reload(contribution).status == ContributionStatus.REJECTED
    assert mail.outbox == []
    # Logged for whoever runs the site, once per email that could not queue.
    failures = [r for r in caplog.records if "the task queue is down" in r.getMessage()]
    assert len(failures) == 2
    # The emails wait in the outbox; the scheduled command sends them.
    send_pending()
    assert sorted(email.to[0] for email in mail.outbox) == [
        "author0@example.com",
        "author1@example.com",
    ]


@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)
def test_the_email_is_left_to_a_background_worker(
    views_block, moderator, offensive, django_capture_on_commit_callbacks
):
    contribution = send_views(views_block, "Text", email="maria@example.com")

    with django_capture_on_commit_callbacks(execute=True):
        moderation.reject(contribution, user=moderator, reason=offensive)

    # The moderator's request sends nothing itself: it queues one task, which
    # loads the outbox row by id, so any worker can run it.
    assert mail.outbox == []
    [queued] = default_task_backend.results
    assert queued.task.func is deliver_outbox_email.func
    row = OutboxEmail.objects.get()
    assert queued.kwargs == {"outbox_id": row.pk}
    assert deliver_outbox_email.call(**queued.kwargs) is True
    assert [email.to for email in mail.outbox] == [["maria@example.com"]]


# -- who sees and moderates what (permissions.py) ------------------------------


@pytest.fixture
def two_committees(consultation_dialogue, dialogue_index, make_dialogue_index):
    """Dialogues of committee A (under the usual index) and committee B
    (under an index of its own), each with one contribution."""
    index_b = make_dialogue_index("fritid", "Fritidsnämndens dialoger")
    a = consultation_dialogue(body=[views()])
    b = consultation_dialogue(body=[views()], parent=index_b)
    return {
        "index_a": dialogue_index,
        "index_b": index_b,
        "a": a.page,
        "b": b.page,
        "contribution_a": send_views(a.block("views"), "Till nämnd A"),
        "contribution_b": send_views(b.block("views"), "Till nämnd B"),
    }


def test_an_editor_of_one_committee_sees_only_its_dialogues(
    two_committees, make_staff_user
):
    c = two_committees
    editor_a = make_staff_user("anna", pages=[c["index_a"]])

    assert list(permissions.editable_dialogues(editor_a)) == [c["a"]]
    assert list(permissions.contributions_for(editor_a)) == [c["contribution_a"]]
    assert permissions.can_see_contributions(editor_a, c["a"])
    assert not permissions.can_see_contributions(editor_a, c["b"])


def test_a_superuser_sees_every_dialogue(two_committees, editor):
    c = two_committees

    assert set(permissions.editable_dialogues(editor)) == {c["a"], c["b"]}
    assert set(permissions.contributions_for(editor)) == {
        c["contribution_a"],
        c["contribution_b"],
    }


def test_inactive_and_anonymous_users_see_nothing(
    two_committees, editor, make_staff_user
):
    c = two_committees
    editor.is_active = False
    editor.save()
    former = make_staff_user(
        "former",
        pages=[c["index_a"]],
        permissions=[permissions.MODERATE, permissions.EXPORT_PERSONAL_DATA],
        is_active=False,
    )

    for user in (editor, former, AnonymousUser()):
        assert not permissions.editable_dialogues(user).exists()
        assert not permissions.contributions_for(user).exists()
        assert not permissions.can_see_contributions(user, c["a"])
        assert not permissions.can_moderate(user, c["a"])
        assert not permissions.can_export_personal_data(user)


def test_moderating_needs_the_permission_and_the_dialogue(
    two_committees, make_staff_user
):
    c = two_committees
    editor_a = make_staff_user("anna", pages=[c["index_a"]])
    moderator_a = make_staff_user(
        "mona", pages=[c["index_a"]], permissions=[permissions.MODERATE]
    )
    # The permission alone, without any dialogue to edit.
    moderator_nowhere = make_staff_user("nils", permissions=[permissions.MODERATE])

    assert not permissions.can_moderate(editor_a)
    assert not permissions.can_moderate(editor_a, c["a"])
    assert permissions.can_moderate(moderator_a)
    assert permissions.can_moderate(moderator_a, c["a"])
    assert not permissions.can_moderate(moderator_a, c["b"])
    assert not permissions.can_moderate(moderator_nowhere, c["a"])
    assert not permissions.contributions_for(moderator_nowhere).exists()


def test_exporting_personal_data_needs_its_own_permission(
    two_committees, make_staff_user, editor
):
    c = two_committees
    moderator = make_staff_user(
        "mona", pages=[c["index_a"]], permissions=[permissions.MODERATE]
    )
    registrar = make_staff_user(
        "rut", pages=[c["index_a"]], permissions=[permissions.EXPORT_PERSONAL_DATA]
    )

    assert not permissions.can_export_personal_data(moderator)
    assert permissions.can_export_personal_data(registrar)
    assert permissions.can_export_personal_data(editor)
