"""A dialogue is only published when it links to an involvement assessment
that decided to involve residents (the site's setting, on by default):
through the real admin edit view, Wagtail's bulk publish action, scheduled
publishing and code alike."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageLogEntry, Site

from tests.dialogues.admin_forms import publish_unchanged
from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import DelaktighetSettings, DialoguePage

pytestmark = pytest.mark.django_db

NO_ASSESSMENT = "Link the involvement assessment that decided to involve residents"


@pytest.fixture
def draft(dialogue_index, level, body_factory):
    """A complete dialogue saved as a draft, linked to ``assessment``."""
    numbers = iter(range(1, 100))

    def make(assessment=None, **fields):
        n = next(numbers)
        now = timezone.now()
        page = DialoguePage(
            title=f"Utkast {n}",
            slug=f"utkast-{n}",
            purpose="Att ta reda på vad invånarna vill.",
            influence_level=level("Konsultation"),
            can_influence="<p>Utformningen.</p>",
            input_handling="<p>Tjänstepersoner sammanställer.</p>",
            responsible_body=body_factory(),
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14),
            feedback_promised_on=(now + timedelta(days=60)).date(),
            involvement_assessment=assessment,
            live=False,
            **fields,
        )
        dialogue_index.add_child(instance=page)
        page.save_revision(clean=False)
        return DialoguePage.objects.get(pk=page.pk)

    return make


def is_live(page):
    return Page.objects.get(pk=page.pk).live


def field_error(response, name):
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(attrs={"name": name})
    wrapper = field.find_parent(attrs={"data-field-wrapper": True})
    return wrapper.find(class_="error-message")


def test_the_edit_view_refuses_a_dialogue_without_an_assessment(admin, draft):
    page = draft()

    response = publish_unchanged(admin, page)

    assert response.status_code == 200
    assert not is_live(page)
    error = field_error(response, "involvement_assessment")
    assert NO_ASSESSMENT in error.get_text()
    # With a link to the register's form for a new assessment.
    link = error.find("a")
    assert link["href"] == reverse(
        "wagtailsnippets_wagtail_delaktighet_involvementassessment:add"
    )


def test_a_decision_not_to_involve_does_not_publish_a_dialogue(
    admin, draft, make_assessment
):
    page = draft(make_assessment(decision="do_not_involve", influence_level=None))

    response = publish_unchanged(admin, page)

    assert response.status_code == 200
    assert not is_live(page)
    assert (
        "decided not to involve residents"
        in field_error(response, "involvement_assessment").get_text()
    )


def test_an_unpublished_assessment_does_not_publish_a_dialogue(
    admin, draft, make_assessment
):
    page = draft(make_assessment(live=False))

    response = publish_unchanged(admin, page)

    assert not is_live(page)
    assert (
        "Publish the assessment"
        in field_error(response, "involvement_assessment").get_text()
    )


def test_a_published_decision_to_involve_publishes_the_dialogue(
    admin, draft, make_assessment
):
    assessment = make_assessment()
    page = draft(assessment)

    response = publish_unchanged(admin, page)

    assert response.status_code == 302
    assert is_live(page)
    assert list(assessment.dialogues.all()) == [page]


def test_the_setting_turned_off_publishes_without_an_assessment(admin, draft):
    settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    settings.require_involvement_assessment = False
    settings.save()
    page = draft()

    response = publish_unchanged(admin, page)

    assert response.status_code == 302
    assert is_live(page)


def test_a_draft_saves_without_an_assessment(admin, draft):
    page = draft()

    response = publish_unchanged(admin, page, action=None)

    assert response.status_code == 302
    assert not is_live(page)


def test_bulk_publishing_refuses_a_dialogue_without_an_assessment(
    admin, draft, make_assessment
):
    without = draft()
    linked = draft(make_assessment())
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))

    response = admin.post(
        f"{url}?id={without.pk}&id={linked.pk}&next=/admin/pages/", {}
    )

    assert response.status_code == 302
    assert not is_live(without) and not is_live(linked)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any(NO_ASSESSMENT in message for message in messages)

    admin.post(f"{url}?id={linked.pk}&next=/admin/pages/", {})
    assert is_live(linked)


def test_publishing_from_code_raises_the_rule(draft):
    page = draft()

    with pytest.raises(ValidationError, match="involvement assessment"):
        page.get_latest_revision().publish()

    assert not is_live(page)


def test_scheduled_publishing_skips_a_dialogue_whose_assessment_was_unlinked(
    draft, make_assessment
):
    later = timezone.now() + timedelta(hours=1)
    assessment = make_assessment()
    page = draft(assessment, go_live_at=later)
    page.get_latest_revision().publish()
    assert not is_live(page)
    # Then the assessment is withdrawn from the register.
    assessment.live = False
    assessment.save()

    with time_machine.travel(later + timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")

    assert not is_live(page)
    entry = PageLogEntry.objects.get(page=page, action=log_actions.PUBLISH_REFUSED)
    assert "Publish the assessment" in entry.data["reasons"]
