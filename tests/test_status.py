"""A dialogue's status follows the clock, and Python and the database agree.

``DialoguePage.status`` (one page, in Python) and ``annotate_status`` (a
queryset, in SQL) implement the same rule; the index filters and orders on
the annotation, the page shows the property, so they must never disagree.
"""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from wagtail_delaktighet.models import (
    DialoguePage,
    DialogueStatus,
    annotate_status,
    order_by_status,
)

pytestmark = pytest.mark.django_db

OPENS = timezone.make_aware(datetime(2030, 4, 1, 9, 0))
CLOSES = timezone.make_aware(datetime(2030, 5, 1, 17, 0))
SECOND = timedelta(seconds=1)

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
