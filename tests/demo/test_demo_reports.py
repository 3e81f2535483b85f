"""The demo gives the methods report something to compare: closed
dialogues with different methods, evaluated by staff."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.reports.support import shown_table

REPORT = reverse("wagtail_delaktighet_admin:methods_report")


@pytest.fixture
def demo(demo_site, db):
    return demo_site


def test_the_methods_report_compares_evaluated_methods(demo, admin):
    today = timezone.localdate()
    # The demo's dialogues are dated relative to today; a year back holds
    # the evaluated ones whatever the date.
    period = {
        "period_from": (today - timedelta(days=366)).isoformat(),
        "period_to": today.isoformat(),
    }

    rows = shown_table(admin.get(REPORT, period))[1:]

    evaluated = {row[0]: int(row[2]) for row in rows if int(row[2])}
    assert {"Workshop", "Dialogmöte"} <= set(evaluated)
    ratings = {row[0]: row[6] for row in rows if row[0] in evaluated}
    assert ratings["Workshop"] != ratings["Dialogmöte"]
