"""The cross-dialogue reports in a real browser: axe finds nothing in the
dialogues report's chart and table or in the annual summary, and printed,
the annual summary leaves out the admin's sidebar, header and form."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.browser.test_quick_start_accessibility import editor_context  # noqa: F401
from tests.participation.support import submit, views

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def dialogues(consultation_dialogue, editor):
    now = timezone.now()
    park = consultation_dialogue(body=[views()], title="Parken vid ån")
    submit(park.block("views"), {"text": "Fler bänkar."}, participant="tok-a")
    consultation_dialogue(
        body=[views()],
        title="Biblioteket",
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=3),
    )


def test_the_dialogues_report_has_no_axe_violations(
    editor_context,  # noqa: F811
    assert_no_axe_violations,
    dialogues,
):
    page = editor_context(javascript=True)
    response = page.goto(reverse("wagtail_delaktighet_admin:dialogues_report"))

    assert response.status == 200
    assert page.locator("table.listing tbody tr").count() == 2
    assert_no_axe_violations(page, ".dlk-report")


def test_the_annual_summary_prints_without_the_admin(
    editor_context,  # noqa: F811
    assert_no_axe_violations,
    dialogues,
):
    page = editor_context(javascript=True)
    response = page.goto(reverse("wagtail_delaktighet_admin:annual_summary"))

    assert response.status == 200
    assert page.locator(".dlk-annual__dialogues tbody tr").count() == 2
    assert_no_axe_violations(page, ".dlk-annual")
    assert page.locator(".dlk-annual__form").is_visible()

    page.emulate_media(media="print")

    assert not page.locator("#wagtail-sidebar").is_visible()
    assert not page.locator(".dlk-annual__form").is_visible()
    assert not page.locator(".w-slim-header").is_visible()
    assert page.locator(".dlk-annual__dialogues").is_visible()
