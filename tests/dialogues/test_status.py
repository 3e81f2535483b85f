"""A dialogue's status follows the clock and its feedback pages, and Python
and the database agree.

``DialoguePage.status`` (one page, in Python) and ``annotate_status`` (a
queryset, in SQL) implement the same rule; the index filters and orders on
the annotation, the page shows the property, so they must never disagree.
The same holds for ``feedback_overdue`` (P6: the promised feedback date).
"""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.feedback.support import make_feedback
from wagtail_delaktighet.models import (
    DialoguePage,
    DialogueStatus,
    annotate_status,
    order_by_status,
)
from wagtail_delaktighet.models.feedback import FeedbackKind
from wagtail_delaktighet.models.status import (
    annotate_status_order,
    feedback_is_overdue,
    set_status,
    status_condition,
)

pytestmark = pytest.mark.django_db

OPENS = timezone.make_aware(datetime(2030, 4, 1, 9, 0))
CLOSES = timezone.make_aware(datetime(2030, 5, 1, 17, 0))
SECOND = timedelta(seconds=1)
PROMISED = date(2030, 6, 1)

EXPECTED = [
    (OPENS - timedelta(days=30), DialogueStatus.UPCOMING),
    (OPENS - SECOND, DialogueStatus.UPCOMING),
    (OPENS, DialogueStatus.OPEN),
    (OPENS + timedelta(days=10), DialogueStatus.OPEN),
    (CLOSES - SECOND, DialogueStatus.OPEN),
    (CLOSES, DialogueStatus.CLOSED),
    (CLOSES + timedelta(days=300), DialogueStatus.CLOSED),
]


@pytest.fixture
def dialogue(make_dialogue):
    return make_dialogue(opens_at=OPENS, closes_at=CLOSES)


def annotated_status(page, now=None):
    queryset = DialoguePage.objects.filter(pk=page.pk)
    return annotate_status(queryset, now).values_list("status", flat=True).get()


def annotated_overdue(page, now=None):
    queryset = DialoguePage.objects.filter(pk=page.pk)
    return (
        annotate_status(queryset, now).values_list("feedback_overdue", flat=True).get()
    )


def fresh(page):
    """The page as the dialogue page view loads it: no annotation."""
    return DialoguePage.objects.get(pk=page.pk)


@pytest.mark.parametrize(
    "instant, expected", EXPECTED, ids=[str(e[1]) for e in EXPECTED]
)
def test_status_changes_with_the_clock(dialogue, instant, expected):
    with time_machine.travel(instant, tick=False):
        fresh = DialoguePage.objects.get(pk=dialogue.pk)
        assert fresh.status == expected
        # The annotation reads the (frozen) clock when no instant is given.
        assert annotated_status(dialogue) == expected


@pytest.mark.parametrize(
    "instant, expected", EXPECTED, ids=[str(e[1]) for e in EXPECTED]
)
def test_python_and_database_agree_for_a_given_instant(dialogue, instant, expected):
    assert annotated_status(dialogue, instant) == expected
    with time_machine.travel(instant, tick=False):
        assert DialoguePage.objects.get(pk=dialogue.pk).status == expected


def test_an_annotated_page_reports_the_annotated_status(dialogue):
    # Pages loaded through the annotation do not recompute their status.
    with time_machine.travel(OPENS + timedelta(days=1), tick=False):
        page = annotate_status(DialoguePage.objects.filter(pk=dialogue.pk)).get()
    with time_machine.travel(CLOSES + timedelta(days=1), tick=False):
        assert page.status == DialogueStatus.OPEN
        assert DialoguePage.objects.get(pk=dialogue.pk).status == DialogueStatus.CLOSED


def test_a_dialogue_without_dates_is_open_in_both(dialogue_index):
    draft = DialoguePage(title="Utkast", slug="utkast", live=False)
    dialogue_index.add_child(instance=draft)

    assert draft.status == DialogueStatus.OPEN
    assert annotated_status(draft) == DialogueStatus.OPEN


def test_many_dialogues_agree_at_the_same_instant(make_dialogue):
    day = timedelta(days=1)
    pages = [
        make_dialogue(opens_at=OPENS + n * day, closes_at=OPENS + (n + 5) * day)
        for n in range(-6, 7, 2)
    ]
    now = OPENS
    with time_machine.travel(now, tick=False):
        in_python = {
            page.pk: DialoguePage.objects.get(pk=page.pk).status for page in pages
        }
    in_database = dict(
        order_by_status(
            annotate_status(DialoguePage.objects.filter(pk__in=in_python), now)
        ).values_list("pk", "status")
    )
    assert in_database == in_python
    # Every status is represented, so the comparison means something.
    assert set(in_python.values()) == {
        DialogueStatus.UPCOMING,
        DialogueStatus.OPEN,
        DialogueStatus.CLOSED,
    }


# -- Feedback published (P6) -------------------------------------------------

AFTER_CLOSING = CLOSES + timedelta(days=3)


@pytest.fixture
def other_dialogue(make_dialogue):
    return make_dialogue(opens_at=OPENS, closes_at=CLOSES)


def assert_status_everywhere(page, instant, expected):
    """The property (at a frozen clock) and the annotation (for the same
    instant, given and from the clock) all say ``expected``."""
    assert annotated_status(page, instant) == expected
    with time_machine.travel(instant, tick=False):
        assert fresh(page).status == expected
        assert annotated_status(page) == expected


def test_live_final_feedback_publishes_a_closed_dialogue(dialogue):
    assert_status_everywhere(dialogue, AFTER_CLOSING, DialogueStatus.CLOSED)
    feedback = make_feedback(dialogue)

    assert_status_everywhere(dialogue, AFTER_CLOSING, DialogueStatus.FEEDBACK_PUBLISHED)
    assert fresh(dialogue).final_feedback == feedback
    assert (
        annotate_status(DialoguePage.objects.filter(pk=dialogue.pk), AFTER_CLOSING)
        .get()
        .final_feedback_id
        == feedback.pk
    )


@pytest.mark.parametrize(
    "feedback",
    [
        pytest.param({"kind": FeedbackKind.INTERIM}, id="interim"),
        pytest.param({"live": False}, id="final-draft"),
        pytest.param({"elsewhere": True}, id="final-below-another-dialogue"),
    ],
)
def test_other_feedback_leaves_a_closed_dialogue_closed(
    dialogue, other_dialogue, feedback
):
    parent = other_dialogue if feedback.pop("elsewhere", False) else dialogue
    make_feedback(parent, **feedback)

    assert_status_everywhere(dialogue, AFTER_CLOSING, DialogueStatus.CLOSED)
    assert fresh(dialogue).final_feedback is None


def test_unpublishing_the_final_feedback_closes_the_dialogue_again(dialogue):
    feedback = make_feedback(dialogue)
    assert_status_everywhere(dialogue, AFTER_CLOSING, DialogueStatus.FEEDBACK_PUBLISHED)
    feedback.unpublish()
    assert_status_everywhere(dialogue, AFTER_CLOSING, DialogueStatus.CLOSED)


@pytest.mark.parametrize(
    "instant, expected",
    [
        (OPENS - timedelta(days=1), DialogueStatus.UPCOMING),
        (OPENS + timedelta(days=1), DialogueStatus.OPEN),
        (CLOSES - SECOND, DialogueStatus.OPEN),
        (CLOSES, DialogueStatus.FEEDBACK_PUBLISHED),
    ],
    ids=["upcoming", "open", "last-second", "closing"],
)
def test_final_feedback_counts_only_once_participation_has_closed(
    dialogue, instant, expected
):
    # The dates decide whether people can take part; feedback published
    # early does not close a dialogue that is still open.
    make_feedback(dialogue)
    assert_status_everywhere(dialogue, instant, expected)


def test_feedback_published_is_ordered_with_the_closed_dialogues(make_dialogue):
    day = timedelta(days=1)
    closed_earlier = make_dialogue(
        opens_at=OPENS - 20 * day, closes_at=CLOSES - 9 * day
    )
    published_between = make_dialogue(
        opens_at=OPENS - 20 * day, closes_at=CLOSES - 5 * day
    )
    closed_latest = make_dialogue(opens_at=OPENS, closes_at=CLOSES)
    still_open = make_dialogue(opens_at=OPENS, closes_at=CLOSES + 30 * day)
    make_feedback(published_between)

    ordered = order_by_status(
        annotate_status(DialoguePage.objects.all(), AFTER_CLOSING)
    ).values_list("pk", "status")
    assert list(ordered) == [
        (still_open.pk, DialogueStatus.OPEN),
        (closed_latest.pk, DialogueStatus.CLOSED),
        (published_between.pk, DialogueStatus.FEEDBACK_PUBLISHED),
        (closed_earlier.pk, DialogueStatus.CLOSED),
    ]


# -- The promised feedback date (P6) ----------------------------------------


def local(day, hour, minute=0):
    """An instant in the site's time zone (Europe/Stockholm)."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


@pytest.mark.parametrize(
    "instant, final_feedback, expected",
    [
        pytest.param(local(PROMISED, 12), False, False, id="on-the-promised-day"),
        pytest.param(local(PROMISED, 23, 59), False, False, id="last-minute"),
        # Ten past midnight in Stockholm is still the promised day in UTC:
        # the local date decides.
        pytest.param(
            local(PROMISED + timedelta(days=1), 0, 10), False, True, id="next-day"
        ),
        pytest.param(
            local(PROMISED + timedelta(days=1), 12), False, True, id="a-day-late"
        ),
        pytest.param(
            local(PROMISED + timedelta(days=90), 12), False, True, id="long-late"
        ),
        pytest.param(
            local(PROMISED - timedelta(days=1), 12), False, False, id="day-before"
        ),
        pytest.param(
            local(PROMISED + timedelta(days=1), 12), True, False, id="with-feedback"
        ),
    ],
)
def test_feedback_is_overdue_from_the_day_after_the_promised_date(
    make_dialogue, instant, final_feedback, expected
):
    page = make_dialogue(
        opens_at=OPENS, closes_at=CLOSES, feedback_promised_on=PROMISED
    )
    if final_feedback:
        make_feedback(page)

    assert annotated_overdue(page, instant) is expected
    with time_machine.travel(instant, tick=False):
        loaded = fresh(page)
        assert loaded.feedback_overdue is expected
        assert feedback_is_overdue(loaded.status, PROMISED) is expected
        assert annotated_overdue(page) is expected


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"feedback_promised_on": None}, id="no-promised-date"),
        # An open dialogue is not late, even past a (mistaken) promised date.
        pytest.param(
            {
                "closes_at": CLOSES + timedelta(days=365),
                "feedback_promised_on": PROMISED,
            },
            id="still-open",
        ),
    ],
)
def test_without_a_date_or_while_open_nothing_is_overdue(make_dialogue, fields):
    page = make_dialogue(
        opens_at=OPENS, rules_checked=False, **{"closes_at": CLOSES, **fields}
    )
    instant = local(PROMISED + timedelta(days=10), 12)
    assert annotated_overdue(page, instant) is False
    with time_machine.travel(instant, tick=False):
        assert fresh(page).feedback_overdue is False


def test_many_dialogues_agree_on_status_and_overdue(make_dialogue):
    day = timedelta(days=1)
    now = local(PROMISED + timedelta(days=5), 12)
    pages = [
        # upcoming, open, closed on time, closed and late, with feedback
        # (late and not), interim feedback only, a draft of final feedback
        make_dialogue(opens_at=now + day, closes_at=now + 9 * day),
        make_dialogue(opens_at=now - day, closes_at=now + 9 * day),
        make_dialogue(
            opens_at=OPENS, closes_at=CLOSES, feedback_promised_on=now.date()
        ),
        make_dialogue(opens_at=OPENS, closes_at=CLOSES, feedback_promised_on=PROMISED),
        make_dialogue(opens_at=OPENS, closes_at=CLOSES, feedback_promised_on=PROMISED),
        make_dialogue(
            opens_at=OPENS,
            closes_at=CLOSES,
            feedback_promised_on=None,
            rules_checked=False,
        ),
        make_dialogue(opens_at=OPENS, closes_at=CLOSES, feedback_promised_on=PROMISED),
        make_dialogue(opens_at=OPENS, closes_at=CLOSES, feedback_promised_on=PROMISED),
    ]
    make_feedback(pages[4])
    make_feedback(pages[5])
    make_feedback(pages[6], kind=FeedbackKind.INTERIM)
    make_feedback(pages[7], live=False)

    with time_machine.travel(now, tick=False):
        in_python = {
            page.pk: (fresh(page).status, fresh(page).feedback_overdue)
            for page in pages
        }
    in_database = {
        pk: (status, overdue)
        for pk, status, overdue in annotate_status(
            DialoguePage.objects.filter(pk__in=in_python), now
        ).values_list("pk", "status", "feedback_overdue")
    }
    assert in_database == in_python
    # Every status and both overdue answers occur, so the comparison means
    # something.
    assert {status for status, _ in in_python.values()} == set(DialogueStatus)
    assert {overdue for _, overdue in in_python.values()} == {True, False}

    # The index's way: ordered in SQL, status set in Python for the rows
    # shown, and each status filter on the columns.
    listed = list(
        annotate_status_order(DialoguePage.objects.filter(pk__in=in_python), now)
    )
    set_status(listed, now)
    assert {page.pk: (page.status, page.feedback_overdue) for page in listed} == (
        in_python
    )
    for status in DialogueStatus:
        filtered = DialoguePage.objects.filter(
            status_condition(status, now), pk__in=in_python
        )
        assert set(filtered.values_list("pk", flat=True)) == {
            pk for pk, (expected, _) in in_python.items() if expected == status
        }, status
