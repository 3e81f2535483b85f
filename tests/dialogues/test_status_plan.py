"""On PostgreSQL, the status annotation finds a dialogue's final feedback
through the index on page paths, not by scanning every page once per
dialogue (the index filtered by status at 1,000 dialogues)."""

import pytest
from django.db import connection
from django.utils import timezone

from tests.feedback.support import make_feedback
from wagtail_delaktighet.models import DialoguePage, annotate_status
from wagtail_delaktighet.models.status import annotate_status_order, status_condition

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plan"
)
def test_final_feedback_lookup_uses_the_path_index(make_dialogue):
    make_feedback(make_dialogue())
    closed = annotate_status(DialoguePage.objects.all(), timezone.now()).filter(
        status="closed"
    )
    with connection.cursor() as cursor:
        # Plans for a handful of rows would scan anyway; forbid scans where
        # an index can serve, so the plan shows whether one can.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = closed.explain()

    lines = plan.splitlines()
    page_scans = [n for n, line in enumerate(lines) if "wagtailcore_page u" in line]
    assert page_scans
    # Each lookup reads a range of the path index, not every page.
    for n in page_scans:
        assert "Index Cond" in lines[n + 1] and "path" in lines[n + 1], plan


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plan"
)
def test_the_index_status_filter_uses_the_path_index(make_dialogue):
    # "closed" only: for "feedback_published" PostgreSQL may turn the EXISTS
    # into a semi-join, whose plan on a table of two pages says nothing of
    # one with thousands (there it reads a range of paths per dialogue).
    make_feedback(make_dialogue())
    now = timezone.now()
    listed = status_condition("closed", now)
    filtered = annotate_status_order(DialoguePage.objects.all(), now).filter(listed)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = filtered.explain()

    lines = plan.splitlines()
    page_scans = [n for n, line in enumerate(lines) if "wagtailcore_page u" in line]
    assert page_scans
    # An index scan, or a bitmap heap scan over an index (its recheck names
    # the same range): either reads a range of paths, never every page.
    for n in page_scans:
        condition = lines[n + 1]
        assert "Seq Scan" not in lines[n], plan
        assert "Index Cond" in condition or "Recheck Cond" in condition, plan
        assert "path" in condition, plan
