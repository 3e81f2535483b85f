"""Results are read from counters kept with every write (participation/
counters.py); these tests hold the counters to a fresh GROUP BY of the rows,
computed the way the results were computed before there were counters."""

import random
import threading
import uuid

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext

from wagtail_delaktighet import moderation
from wagtail_delaktighet.blocks.poll import vote_counts
from wagtail_delaktighet.feedback.summary import dialogue_summary
from wagtail_delaktighet.models import (
    Contribution,
    ContributionAnswer,
    ContributionStatus,
    RejectionReason,
    ResultCount,
)
from wagtail_delaktighet.participation import counters

from .support import poll, submit, survey, valid_fields, views

pytestmark = pytest.mark.django_db

BODY = [survey(), poll(), views()]


def fresh_counts(page):
    """Every counter of a page, aggregated from the rows as the results were
    before counters: rejected contributions left out."""
    counted = Contribution.objects.filter(page=page).exclude(
        status=ContributionStatus.REJECTED
    )
    answers = ContributionAnswer.objects.filter(page=page).exclude(
        contribution__status=ContributionStatus.REJECTED
    )
    expected = {}
    for block_id, key, value, n in answers.values_list(
        "block_id", "question_key", "value"
    ).annotate(n=Count("pk")):
        expected[(block_id, key, value)] = n
    for block_id, key, n in answers.values_list("block_id", "question_key").annotate(
        n=Count("contribution", distinct=True)
    ):
        expected[(block_id, counters.ANSWERED, key)] = n
    for channel, n in counted.order_by().values_list("channel").annotate(n=Count("pk")):
        expected[("", counters.CHANNEL, channel)] = n
    people = counted.aggregate(n=Count("dialogue_participant_key", distinct=True))["n"]
    if people:
        expected[("", counters.PEOPLE, "")] = people
    published = counted.filter(status=ContributionStatus.PUBLISHED).order_by()
    for block_id, n in published.values_list("block_id").annotate(n=Count("pk")):
        expected[(block_id, counters.PUBLISHED, "")] = n
    return expected


def stored_counts(page):
    return {
        (block_id, key, value): n
        for block_id, key, value, n in ResultCount.objects.filter(
            page=page, count__gt=0
        ).values_list("block_id", "question_key", "value", "count")
    }


def assert_counters_fresh(page):
    assert stored_counts(page) == fresh_counts(page)


def take_part(dialogue, person, *, channel="web", entered_by=None):
    """``person`` answers the survey and the poll and gives a view."""
    online = channel == "web"
    stored = []
    for block in dialogue.blocks:
        fields = valid_fields(block)
        if block.block_type == "survey":
            several, _id, options = block.question("multiple_choice")
            fields[several] = options[:2]
        stored.append(
            submit(
                block,
                fields,
                channel=channel,
                participant=person if online else None,
                entered_by=entered_by,
            )
        )
    return stored


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=BODY)


@pytest.fixture
def reason(db):
    return RejectionReason.objects.create(name="Spam", explanation="Reklam.")


def test_submissions_and_offline_input_are_counted_as_they_are_stored(
    dialogue, editor, upsert_returning
):
    for person in ("anna", "bo", "cecilia"):
        take_part(dialogue, person)
    take_part(dialogue, None, channel="meeting", entered_by=editor)

    assert_counters_fresh(dialogue.page)
    summary = dialogue_summary(dialogue.page)
    assert summary.people_online == 3
    assert summary.contributions == 12
    assert {row.channel: row.count for row in summary.by_channel} == {
        "web": 9,
        "meeting": 3,
    }


def test_rejecting_uncounts_and_approving_counts_again(dialogue, editor, reason):
    anna = take_part(dialogue, "anna")
    bo_survey, bo_vote, bo_view = take_part(dialogue, "bo")

    moderation.reject(bo_vote, user=editor, reason=reason)
    assert_counters_fresh(dialogue.page)
    # Bo still counts: his survey and view do.
    assert dialogue_summary(dialogue.page).people_online == 2

    moderation.reject_many([bo_survey, bo_view], user=editor, reason=reason)
    assert_counters_fresh(dialogue.page)
    assert dialogue_summary(dialogue.page).people_online == 1

    # Rejecting twice (two moderators at once, or a stale form) uncounts once.
    moderation.reject(
        Contribution.objects.get(pk=bo_view.pk), user=editor, reason=reason
    )
    assert_counters_fresh(dialogue.page)

    moderation.approve(bo_vote, user=editor)
    assert_counters_fresh(dialogue.page)
    assert dialogue_summary(dialogue.page).people_online == 2

    # Publishing, then taking a published view off the page, by rejecting it.
    moderation.approve(anna[2], user=editor)
    assert_counters_fresh(dialogue.page)
    moderation.reject(anna[2], user=editor, reason=reason)
    assert_counters_fresh(dialogue.page)


@pytest.fixture(params=["returning", "without returning"])
def upsert_returning(request, monkeypatch):
    """Both ways the person's counter learns its new value: returned by the
    upsert (PostgreSQL, SQLite, MariaDB), or read after it (MySQL)."""
    if request.param == "without returning":
        # Only the counters' upsert is told so: Django's own inserts still
        # use RETURNING where they rely on it.
        monkeypatch.setattr(counters, "upsert_can_return", lambda connection: False)
    return request.param


def test_a_person_whose_contributions_were_all_rejected_counts_again_on_posting(
    dialogue, editor, reason, upsert_returning
):
    take_part(dialogue, "anna")
    survey_block = dialogue.block("survey")
    first = submit(survey_block, valid_fields(survey_block), participant="bo")
    moderation.reject(first, user=editor, reason=reason)
    assert dialogue_summary(dialogue.page).people_online == 1

    # Bo's row is at 0 now: his next post makes him count again, once.
    submit(survey_block, valid_fields(survey_block), participant="bo")
    assert dialogue_summary(dialogue.page).people_online == 2
    submit(survey_block, valid_fields(survey_block), participant="bo")
    assert dialogue_summary(dialogue.page).people_online == 2
    assert_counters_fresh(dialogue.page)


def test_deleting_contributions_uncounts_them(dialogue, editor, reason):
    anna = take_part(dialogue, "anna")
    bo = take_part(dialogue, "bo")
    moderation.reject(bo[0], user=editor, reason=reason)

    anna[1].delete()
    assert_counters_fresh(dialogue.page)
    # A published view: its block's list has one fewer.
    moderation.approve(anna[2], user=editor)
    Contribution.objects.get(pk=anna[2].pk).delete()
    assert_counters_fresh(dialogue.page)
    # A rejected one was not counted: deleting it changes nothing.
    Contribution.objects.filter(pk__in=[bo[0].pk, bo[1].pk]).delete()
    assert_counters_fresh(dialogue.page)
    Contribution.objects.filter(page=dialogue.page).delete()
    assert stored_counts(dialogue.page) == {}


def test_the_rebuild_command_recounts_from_the_rows(
    dialogue, consultation_dialogue, editor, reason
):
    other = consultation_dialogue(body=BODY)
    for person in ("anna", "bo"):
        take_part(dialogue, person)
        take_part(other, person)
    moderation.reject(
        Contribution.objects.filter(page=dialogue.page).first(),
        user=editor,
        reason=reason,
    )
    expected = {
        "dialogue": fresh_counts(dialogue.page),
        "other": fresh_counts(other.page),
    }
    # Counters that went wrong: rows changed around the package.
    ResultCount.objects.update(count=7)
    ResultCount.objects.filter(question_key=counters.PEOPLE).delete()

    call_command("delaktighet_rebuild_counts", "--page", str(dialogue.page.pk))
    assert stored_counts(dialogue.page) == expected["dialogue"]
    assert stored_counts(other.page) != expected["other"]

    call_command("delaktighet_rebuild_counts")
    assert stored_counts(dialogue.page) == expected["dialogue"]
    assert stored_counts(other.page) == expected["other"]

    # The counters go on from the rebuilt ones.
    take_part(dialogue, "cecilia")
    moderation.approve(
        Contribution.objects.filter(status=ContributionStatus.REJECTED).first(),
        user=editor,
    )
    assert_counters_fresh(dialogue.page)


def test_the_rebuild_command_refuses_a_page_that_does_not_exist(db):
    with pytest.raises(Exception, match="No page with id 999999"):
        call_command("delaktighet_rebuild_counts", "--page", "999999")


def test_results_read_counters_not_contributions(dialogue):
    for person in ("anna", "bo"):
        take_part(dialogue, person)
    survey_block, poll_block, _views = dialogue.blocks

    with CaptureQueriesContext(connection) as queries:
        summary = dialogue_summary(dialogue.page)
        votes = vote_counts(dialogue.page, poll_block.id)

    assert summary.people_online == 2
    assert summary.contributions == 6
    assert summary.charts, "the survey's charts"
    assert votes == {poll_block.option_ids()[0]: 2}
    sqls = [query["sql"].lower() for query in queries.captured_queries]
    # The channels and people, the survey's counts, the poll's counts.
    assert len(sqls) == 3, sqls
    assert not [sql for sql in sqls if "wagtail_delaktighet_contribution" in sql]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("first_vote_before", [True, False])
def test_concurrent_writers_on_their_own_connections_lose_no_increment(
    consultation_dialogue, first_vote_before
):
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite in memory has one connection; run with DATABASE_URL set to "
            "PostgreSQL to test concurrent writers."
        )
    if connection.vendor == "mysql" and not first_vote_before:
        pytest.skip(
            "InnoDB may report a deadlock when writers create the same new "
            "counter at the same moment; PostgreSQL does not."
        )
    dialogue = consultation_dialogue(body=[poll()])
    block = dialogue.blocks[0]
    option = block.option_ids()[0]
    threads_count, votes_each = 6, 5
    if first_vote_before:
        # The counters exist: the writers race on the same rows. Otherwise
        # they also race to create them.
        submit(block, {"choice": option}, participant="first")
        with transaction.atomic():
            counters.add(block.page.pk, [(block.id, "shared", "x")], +1)
    barrier = threading.Barrier(threads_count)
    errors = []

    def vote():
        try:
            barrier.wait()
            for _ in range(votes_each):
                submit(block, {"choice": option}, participant=uuid.uuid4().hex)
                with transaction.atomic():
                    counters.add(block.page.pk, [(block.id, "shared", "x")], +1)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = threads_count * votes_each + first_vote_before
    assert stored_counts(dialogue.page)[(block.id, "choice", option)] == total
    assert stored_counts(dialogue.page)[(block.id, "shared", "x")] == total
    assert stored_counts(dialogue.page)[("", counters.PEOPLE, "")] == total
    ResultCount.objects.filter(question_key="shared").delete()
    assert_counters_fresh(dialogue.page)


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_of_many_counters_never_deadlock(consultation_dialogue):
    """Each contribution updates several counters of a page at once (every
    answer, its question's respondents, the channel, the people). Writers that
    lock them in different orders deadlock, and a deadlock victim beyond the
    service's retries is a server error for a citizen."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite in memory has one connection; run with DATABASE_URL set to "
            "PostgreSQL or MariaDB to test concurrent writers."
        )
    dialogue = consultation_dialogue(body=[poll()])
    page_id, block_id = dialogue.page.pk, dialogue.blocks[0].id
    keys = [(block_id, "question", f"option {n}") for n in range(12)]
    with transaction.atomic():
        counters.add(page_id, keys, +1)
    threads_count, writes_each = 6, 25
    barrier = threading.Barrier(threads_count)
    errors = []

    def write(seed):
        # Each writer names the counters in its own order, as different
        # blocks and answers do.
        order = random.Random(seed)
        try:
            barrier.wait()
            for _ in range(writes_each):
                with transaction.atomic():
                    counters.add(page_id, order.sample(keys, len(keys)), +1)
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=write, args=(seed,)) for seed in range(threads_count)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    total = 1 + threads_count * writes_each
    assert set(stored_counts(dialogue.page).values()) == {total}
