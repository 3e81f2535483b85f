"""Personal data removed after a dialogue's retention period
(retention/anonymise.py, the delaktighet_anonymise command and its task):
every name, email, key and account link goes, while the contributions, the
counts, the results and the public pages stay as they were."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import PageLogEntry, Site

from tests.participation.support import override_delaktighet
from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import (
    Contribution,
    ContributionAnswer,
    ContributionPersonalData,
    DelaktighetSettings,
    DialogueParticipant,
    OutboxEmail,
    ResultCount,
    Subscription,
)
from wagtail_delaktighet.models.outbox import OutboxKind
from wagtail_delaktighet.participation import counters
from wagtail_delaktighet.retention.anonymise import PSEUDONYM_PREFIX, run
from wagtail_delaktighet.tasks import anonymise_personal_data

from .support import (
    EMAILS,
    NAMES,
    body,
    canaries_left,
    every_row,
    seed,
    without_tokens,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def moderator():
    return get_user_model().objects.create_superuser("mod", "mod@example.org", "x")


@pytest.fixture
def taken_part(consultation_dialogue, new_client, moderator):
    """Closed 400 days ago: past the standard 12 months."""
    return seed(consultation_dialogue(body=body()), new_client, moderator)


def aggregates(page):
    """Everything counted or shown from the contributions, but who sent them."""
    contributions = Contribution.objects.filter(page=page).order_by("pk")
    return {
        "counts": sorted(
            ResultCount.objects.filter(page=page).values_list(
                "block_id", "question_key", "value", "count"
            )
        ),
        "people": sorted(
            DialogueParticipant.objects.filter(page=page).values_list(
                "contributions", flat=True
            )
        ),
        "answers": sorted(
            ContributionAnswer.objects.filter(page=page).values_list(
                "contribution_id", "block_id", "question_key", "value"
            )
        ),
        "contributions": list(
            contributions.values_list(
                "pk", "block_id", "content", "status", "channel", "receipt", "binding"
            )
        ),
        "dialogue": counters.dialogue_counts(page),
    }


def public_pages(client, taken):
    return [
        without_tokens(client.get(taken.page.url)),
        without_tokens(client.get(taken.feedback.url)),
    ]


def test_anonymising_removes_every_personal_field_and_nothing_else(
    taken_part, new_client
):
    page = taken_part.page
    client = new_client()
    before_pages = public_pages(client, taken_part)
    assert NAMES[0] in before_pages[0]
    before = aggregates(page)
    assert canaries_left()

    report = run()

    [(anonymised, counts)] = report.dialogues
    assert anonymised.pk == page.pk
    assert counts == {
        "contributions": 7,
        "personal_data": 4,
        "background_answers": 0,
        "participants": 2,
        # The follower, the one who never confirmed, the one who stopped,
        # and the two contributors told of the feedback.
        "subscriptions": 5,
        # Three emails to them long ago, and the feedback to three.
        "emails": 6,
    }
    assert report.outbox_emails == 0
    assert canaries_left() == []
    contributions = Contribution.objects.filter(page=page)
    assert not contributions.filter(anonymised_at=None).exists()
    assert not contributions.exclude(participant_key=None).exists()
    assert not contributions.exclude(account=None).exists()
    assert not contributions.exclude(submission_key=None).exists()
    assert not ContributionPersonalData.objects.exists()
    stored_keys = set(contributions.values_list("dialogue_participant_key", flat=True))
    stored_keys |= set(
        DialogueParticipant.objects.values_list("participant_key", flat=True)
    )
    assert not stored_keys & set(taken_part.participant_keys)
    assert all(key.startswith(PSEUDONYM_PREFIX) for key in stored_keys)
    assert set(OutboxEmail.objects.values_list("recipient", "body")) == {("", "")}

    # What was said, what it counted to, and what the public sees: the same
    # but for the names, at once (the page's cached content is renewed).
    assert aggregates(page) == before
    after_pages = public_pages(client, taken_part)
    expected = [html.replace(NAMES[0], "Anonymous") for html in before_pages]
    expected = [html.replace(NAMES[1], "Anonymous") for html in expected]
    assert after_pages == expected
    # Counting again from the rows gives the same people and results.
    counters.rebuild(page)
    assert aggregates(page) == before


def test_the_run_is_logged_on_the_dialogue_with_its_counts(taken_part):
    run()

    entry = PageLogEntry.objects.get(action=log_actions.ANONYMISE)
    assert entry.page_id == taken_part.page.pk
    assert entry.data["contributions"] == 7
    assert "7 contributions anonymised" in entry.message


def test_a_second_run_changes_nothing(taken_part):
    run()
    rows = every_row()

    report = run()

    assert [counts for _, counts in report.dialogues] == [
        dict.fromkeys(
            [
                "contributions",
                "personal_data",
                "background_answers",
                "participants",
                "subscriptions",
                "emails",
            ],
            0,
        )
    ]
    assert (report.expired_subscriptions, report.outbox_emails) == (0, 0)
    assert every_row() == rows
    assert PageLogEntry.objects.filter(action=log_actions.ANONYMISE).count() == 1


def test_a_dry_run_changes_nothing(taken_part):
    rows = every_row()
    out = StringIO()

    call_command("delaktighet_anonymise", "--dry-run", stdout=out)

    assert every_row() == rows
    assert not PageLogEntry.objects.filter(action=log_actions.ANONYMISE).exists()
    output = out.getvalue()
    assert f"(page {taken_part.page.pk}): 7 contributions anonymised" in output
    assert "4 names and email addresses deleted" in output
    assert "6 sent emails blanked" in output
    assert "Dry run: nothing was changed." in output


def test_the_command_reports_per_dialogue_and_a_second_run_reports_nothing(
    taken_part,
):
    first, second = StringIO(), StringIO()

    call_command("delaktighet_anonymise", stdout=first)
    call_command("delaktighet_anonymise", stdout=second)

    assert "7 contributions anonymised, 4 names" in first.getvalue()
    assert "0 contributions anonymised, 0 names" in second.getvalue()
    assert "0 sent email(s) were blanked" in second.getvalue()


def test_the_task_anonymises(taken_part):
    result = anonymise_personal_data.enqueue()

    assert result.return_value == 7 + 4 + 2 + 5 + 6
    assert canaries_left() == []


def test_a_dialogue_inside_its_period_is_untouched(
    consultation_dialogue, new_client, moderator
):
    # Closed 30 days ago: inside the standard 12 months.
    seed(
        consultation_dialogue(body=body()),
        new_client,
        moderator,
        closed_days_ago=30,
        feedback=False,
    )
    rows = every_row()
    old_emails = rows.pop("OutboxEmail")

    report = run()

    assert report.dialogues == []
    after = every_row()
    # Only the emails sent 400 days ago lose their address.
    assert report.outbox_emails == len(old_emails)
    after.pop("OutboxEmail")
    assert after == rows
    assert ContributionPersonalData.objects.filter(email=EMAILS[0]).exists()


def test_a_dialogue_or_its_site_sets_the_period(
    consultation_dialogue, new_client, moderator
):
    taken = seed(
        consultation_dialogue(body=body()),
        new_client,
        moderator,
        closed_days_ago=400,
        feedback=False,
    )
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.personal_data_retention_months = 24
    site_settings.save()
    assert run().dialogues == []

    type(taken.page).objects.filter(pk=taken.page.pk).update(
        personal_data_retention_months=6
    )
    [(page, counts)] = run().dialogues

    assert page.pk == taken.page.pk
    assert counts["contributions"] == 7


def test_confirmed_followers_keep_waiting_for_the_final_feedback(
    consultation_dialogue, new_client, moderator
):
    seed(
        consultation_dialogue(body=body()),
        new_client,
        moderator,
        closed_days_ago=400,
        feedback=False,
    )

    [(_, counts)] = run().dialogues

    # The follower who stopped and the one who never confirmed go.
    assert counts["subscriptions"] == 2
    assert list(Subscription.objects.values_list("email", flat=True)) == [
        "kanarie-foljer@example.org"
    ]


def sent_email(days_ago, **fields):
    sent = timezone.now() - timedelta(days=days_ago)
    return OutboxEmail.objects.create(
        key=f"test:{days_ago}:{fields}",
        kind=OutboxKind.REMINDER,
        recipient="kanarie-kontakt@example.org",
        subject="Påminnelse",
        body="Hej kanarie",
        created_at=sent,
        **fields,
    )


@pytest.mark.parametrize(
    ("days_ago", "kept"), [(31, False), (29, True)], ids=["old", "recent"]
)
def test_sent_emails_keep_their_address_for_the_outbox_period(days_ago, kept):
    sent = timezone.now() - timedelta(days=days_ago)
    sent_email(days_ago, sent_at=sent)
    sent_email(days_ago, failed_at=sent, last_error="550 kanarie unknown")
    pending = sent_email(days_ago)

    report = run()

    assert report.outbox_emails == (0 if kept else 2)
    assert bool(canaries_left()) is True
    assert OutboxEmail.objects.exclude(recipient="").count() == (3 if kept else 1)
    # An email still to be sent keeps its address whatever its age.
    pending.refresh_from_db()
    assert pending.recipient == "kanarie-kontakt@example.org"


@override_delaktighet(OUTBOX_RETENTION_DAYS=60)
def test_the_outbox_period_is_a_setting():
    sent_email(40, sent_at=timezone.now())

    assert run().outbox_emails == 0


def test_small_batches_give_the_same_result(taken_part):
    before = aggregates(taken_part.page)

    report = run(batch_size=2)

    assert report.dialogues[0][1]["contributions"] == 7
    assert canaries_left() == []
    assert aggregates(taken_part.page) == before
