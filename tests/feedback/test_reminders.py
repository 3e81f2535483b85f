"""Reminders of the promised feedback date (P6): the
``delaktighet_send_reminders`` command with real dialogues, contacts, the
outbox and Django's test mail backend. Run twice, it sends once."""

from datetime import date, datetime, timedelta
from io import StringIO
from smtplib import SMTPException
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from django.utils.formats import date_format

from tests.feedback.support import make_feedback
from wagtail_delaktighet.feedback.reminders import (
    COMING_UP,
    DUE,
    plan_reminders,
    reminder_kind,
)
from wagtail_delaktighet.models import (
    Contact,
    DialogueContact,
    DialoguePage,
    FeedbackKind,
    OutboxEmail,
    OutboxKind,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 2, 7, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
TODAY = NOW.date()
DAY = timedelta(days=1)


class FailingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise SMTPException("the mail server is down")


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def contacts(body_factory):
    council = body_factory(name="Kommunstyrelsen")

    def make(name, kind, email=""):
        return Contact.objects.create(
            name=name,
            kind=kind,
            email=email,
            body=council if kind == Contact.Kind.ELECTED else None,
        )

    official, elected = Contact.Kind.OFFICIAL, Contact.Kind.ELECTED
    return {
        "anna": make("Anna Andersson", official, "anna@alvby.example"),
        "anna again": make("Anna A.", official, "Anna@Alvby.example "),
        "bo": make("Bo Berg", official),
        "cecilia": make("Cecilia Ceder", elected, "cecilia@alvby.example"),
        "dan": make("Dan Dahl", elected),
        "eva": make("Eva Ek", official, "eva@alvby.example"),
    }


@pytest.fixture
def promised(make_dialogue, contacts):
    """Make a live dialogue with feedback promised ``days`` from today and
    the named contacts, in order. Closed a week ago unless told otherwise."""

    def make(title, days, names=("anna",), **fields):
        values = {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "opens_at": NOW - 30 * DAY,
            "closes_at": NOW - 7 * DAY,
            "feedback_promised_on": TODAY + days * DAY,
        }
        values.update(fields)
        # Some promise a date before they closed: mistaken, but late all the same.
        page = make_dialogue(rules_checked=False, **values)
        for order, name in enumerate(names):
            DialogueContact.objects.create(
                page=page, contact=contacts[name], sort_order=order
            )
        return page

    return make


def run(*args):
    """Run the command; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    call_command("delaktighet_send_reminders", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the command and let the outbox deliver, as after a commit."""

    def run_and_deliver(*args):
        with django_capture_on_commit_callbacks(execute=True):
            return run(*args)

    return run_and_deliver


def sent(mailoutbox):
    """(recipient, subject) of every email sent, sorted."""
    return sorted((m.to[0], m.subject) for m in mailoutbox)


def swedish_date(day):
    with translation.override(settings.LANGUAGE_CODE):
        return date_format(day, "DATE_FORMAT")


# -- The rule ---------------------------------------------------------------


@pytest.mark.parametrize(
    "days_left, expected",
    [
        (15, None),
        (14, COMING_UP),
        (1, COMING_UP),
        (0, DUE),
        (-1, DUE),
        (-14, DUE),
        (-15, None),
    ],
)
def test_which_reminder_a_promise_gets(days_left, expected):
    promised_on = date(2026, 5, 1)
    today = promised_on - timedelta(days=days_left)
    assert reminder_kind(promised_on, today, 14) == expected


def test_the_window_follows_the_setting(promised, send, mailoutbox):
    promised("Park", 20)
    send()
    assert mailoutbox == []
    with override_settings(
        WAGTAIL_DELAKTIGHET={
            **settings.WAGTAIL_DELAKTIGHET,
            "FEEDBACK_REMINDER_DAYS": 21,
        }
    ):
        send()
    assert [m.to for m in mailoutbox] == [["anna@alvby.example"]]


# -- Who gets what, once ------------------------------------------------------


@pytest.fixture
def dialogues(promised):
    """Dialogues in every situation the rule distinguishes."""
    open_now = {"closes_at": NOW + 3 * DAY}
    return {
        # Still open, but the date is near: the promise counts.
        "park": promised(
            "Park", 10, ["anna", "bo", "cecilia", "anna again"], **open_now
        ),
        # Only elected representatives: the one with an email is reminded.
        "square": promised("Square", 0, ["dan", "cecilia"]),
        "school": promised("School", 20, ["anna"]),
        "done": promised("Done", 3, ["eva"]),
        "interim": promised("Interim", -2, ["eva"]),
        "draft_feedback": promised("Draft feedback", 5, ["eva", "cecilia"]),
        "unpublished": promised("Unpublished", 0, ["eva"]),
        "old": promised("Old", -30, ["eva"]),
        "nobody": promised("Nobody", 1, ["bo", "dan"]),
        "no_promise": promised("No promise", 0, ["eva"], feedback_promised_on=None),
    }


@pytest.fixture
def situation(dialogues):
    make_feedback(dialogues["done"])
    make_feedback(dialogues["interim"], kind=FeedbackKind.INTERIM)
    make_feedback(dialogues["draft_feedback"], live=False)
    dialogues["unpublished"].unpublish()
    return dialogues


# The emails go out in the site's language (Swedish), whoever runs the command.
EXPECTED = [
    (
        "anna@alvby.example",
        "Påminnelse: återkoppling på ”Park” är utlovad senast 12 mars 2026",
    ),
    ("cecilia@alvby.example", "Återkoppling på ”Square” är utlovad senast i dag"),
    (
        "eva@alvby.example",
        "Återkopplingen på ”Interim” är försenad: "
        "den var utlovad senast 28 februari 2026",
    ),
    (
        "eva@alvby.example",
        "Påminnelse: återkoppling på ”Draft feedback” är utlovad senast 7 mars 2026",
    ),
]


def test_reminders_go_to_the_right_people_once(situation, send, mailoutbox):
    out, err = send()

    assert sent(mailoutbox) == sorted(EXPECTED)
    assert "Queued 4 reminder(s)." in out
    assert "Coming up: “Park”" in out and "→ anna@alvby.example" in out
    assert "Due: “Interim”" in out
    assert "No reminder for “Nobody”" in err
    rows = OutboxEmail.objects.all()
    assert {row.kind for row in rows} == {OutboxKind.REMINDER}
    assert all(row.sent_at for row in rows)
    park = situation["park"]
    assert OutboxEmail.objects.filter(page=park).get().key == (
        f"reminder:{park.pk}:coming_up:2026-03-12:anna@alvby.example"
    )

    out, err = send()

    assert len(mailoutbox) == 4
    assert "Queued 0 reminder(s)." in out
    assert OutboxEmail.objects.count() == 4


def test_the_due_reminder_follows_on_the_promised_day(
    promised, send, mailoutbox, frozen_clock
):
    promised("Park", 3)
    send()
    frozen_clock.shift(2 * DAY)
    send()  # still coming up: already sent
    assert len(mailoutbox) == 1

    frozen_clock.shift(DAY)
    send()
    send()
    assert [m.subject for m in mailoutbox] == [
        "Påminnelse: återkoppling på ”Park” är utlovad senast 5 mars 2026",
        "Återkoppling på ”Park” är utlovad senast i dag",
    ]


def test_a_missed_day_is_caught_up_once(promised, send, mailoutbox, frozen_clock):
    promised("Park", 0)
    frozen_clock.shift(3 * DAY)  # cron did not run on the day
    send()
    frozen_clock.shift(DAY)
    send()
    assert [m.subject for m in mailoutbox] == [
        "Återkopplingen på ”Park” är försenad: den var utlovad senast 2 mars 2026"
    ]
    assert "för 3 dagar sedan" in mailoutbox[0].body


def test_a_new_promised_date_gets_new_reminders(promised, send, mailoutbox):
    page = promised("Park", 10)
    send()
    page.feedback_promised_on = TODAY + 12 * DAY
    page.save_revision().publish()
    send()
    send()
    assert [m.subject for m in mailoutbox] == [
        "Påminnelse: återkoppling på ”Park” är utlovad senast 12 mars 2026",
        "Påminnelse: återkoppling på ”Park” är utlovad senast 14 mars 2026",
    ]


def test_final_feedback_stops_the_reminders(promised, send, mailoutbox, frozen_clock):
    page = promised("Park", 2)
    send()
    make_feedback(page)
    frozen_clock.shift(2 * DAY)
    send()
    assert len(mailoutbox) == 1


def test_the_email_names_the_dialogue_date_and_links(promised, send, mailoutbox):
    page = promised("Park", 10)
    send()

    [email] = mailoutbox
    assert email.from_email == settings.DEFAULT_FROM_EMAIL
    body = email.body
    assert "”Park”" in body
    assert swedish_date(TODAY + 10 * DAY) in body
    assert "om 10 dagar" in body
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert f"{base}/admin/pages/{page.pk}/edit/" in body
    assert f"{base}/admin/reports/overdue-feedback/" in body
    assert page.full_url.startswith("http")
    assert page.full_url in body
    assert "{%" not in body and "{{" not in body


@override_settings(WAGTAILADMIN_BASE_URL=None)
def test_without_an_admin_base_url_the_site_address_is_used(promised, send, mailoutbox):
    page = promised("Park", 10)
    send()
    root_url = page.get_site().root_url
    assert f"{root_url}/admin/pages/{page.pk}/edit/" in mailoutbox[0].body


def test_a_dry_run_lists_without_sending(situation, send, mailoutbox):
    out, err = send("--dry-run")

    assert mailoutbox == []
    assert not OutboxEmail.objects.exists()
    assert out.count("→") == 4
    assert "Dry run: 4 reminder(s) would be queued; nothing was sent." in out

    send()
    assert sent(mailoutbox) == sorted(EXPECTED)


# -- When the mail server is down ---------------------------------------------


def test_failed_reminders_wait_in_the_outbox_and_go_out_later(
    situation, send, mailoutbox, frozen_clock
):
    with override_settings(EMAIL_BACKEND=f"{__name__}.FailingBackend"):
        out, _err = send()
        assert "Queued 4 reminder(s)." in out
        # A second run does not queue them again.
        assert "Queued 0 reminder(s)." in send()[0]

    assert mailoutbox == []
    pending = OutboxEmail.objects.filter(sent_at__isnull=True)
    assert pending.count() == 4
    for row in pending:
        assert row.attempts == 1
        assert row.last_error == "SMTPException: the mail server is down"

    # The next run after the pause (OUTBOX_RETRY_DELAY) sends them.
    frozen_clock.shift(timedelta(minutes=5))
    out = StringIO()
    call_command("delaktighet_send_pending_emails", stdout=out)

    assert "Sent 4 email(s); 0 failed this run; 0 still pending" in out.getvalue()
    assert sent(mailoutbox) == sorted(EXPECTED)
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()
    send()
    assert len(mailoutbox) == 4


def test_the_command_is_bounded_in_queries(
    promised, send, django_assert_max_num_queries
):
    for n in range(12):
        promised(f"Dialogue {n}", n % 5, ["anna", "cecilia", "eva"])
    # The dialogues, their contacts, and the keys already sent.
    with django_assert_max_num_queries(3):
        plan = plan_reminders()
    assert len(plan.reminders) == 24
    assert DialoguePage.objects.count() == 12
