"""axe on the dialogue index with filters applied."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import timezone

from wagtail_delaktighet.models import Area, Topic


@pytest.fixture
def filled_index(ladder, make_dialogue, dialogue_index, level, body_factory):
    traffic = Topic.objects.create(name="Trafik")
    centre = Area.objects.create(name="Centrum")
    now = timezone.now()
    for n, name in enumerate(["Konsultation", "Dialog", "Inflytande"], start=1):
        make_dialogue(
            title=f"Öppen dialog {n}",
            influence_level=level(name),
            topics=[traffic],
            areas=[centre],
            closes_at=now + timedelta(days=n),
            feedback_promised_on=(now + timedelta(days=40)).date(),
        )
    make_dialogue(
        title="Kommande dialog",
        topics=[traffic],
        opens_at=now + timedelta(days=5),
        closes_at=now + timedelta(days=20),
        responsible_body=body_factory(name="Kultur- och fritidsnämnden"),
    )
    make_dialogue(
        title="Avslutad dialog",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=2),
        feedback_promised_on=(now + timedelta(days=20)).date(),
    )
    return dialogue_index, traffic


@pytest.mark.django_db(transaction=True)
def test_filtered_index_has_no_axe_violations(
    browser_page, assert_no_axe_violations, filled_index
):
    index, traffic = filled_index
    response = browser_page.goto(f"{index.url}?status=open&topic={traffic.pk}")
    assert response.status == 200
    assert browser_page.locator(".dlk-card").count() == 3
    assert browser_page.locator(".dlk-card .dlk-badge").count() == 3
    assert_no_axe_violations(browser_page)


@pytest.mark.django_db(transaction=True)
def test_index_with_a_bad_filter_and_pagination_has_no_axe_violations(
    browser_page, assert_no_axe_violations, filled_index
):
    index, traffic = filled_index
    paged = {**settings.WAGTAIL_DELAKTIGHET, "DIALOGUES_PER_PAGE": 2}
    with override_settings(WAGTAIL_DELAKTIGHET=paged):
        response = browser_page.goto(f"{index.url}?topic={traffic.pk}&area=999&page=2")
    assert response.status == 200
    assert browser_page.locator(".dlk-card").count() == 2
    assert browser_page.locator(".dlk-filters__summary").count() == 1
    assert browser_page.locator(".dlk-pagination [aria-current='page']").count() == 1
    # Open a badge's disclosure too: its content must pass as well.
    browser_page.locator(".dlk-badge__details summary").first.click()
    assert_no_axe_violations(browser_page)
