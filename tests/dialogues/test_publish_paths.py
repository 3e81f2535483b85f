"""The publish rules hold for every way a dialogue goes live, not only the
edit form (tests/dialogues/test_publish_rules.py): Wagtail's bulk "Publish" action,
scheduled publishing and ``revision.publish()`` from code. A page that
breaks them stays a draft, with a message that says why, never a 500; and
the participation service refuses input the dialogue's level does not take,
whatever was published.
"""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, PageLogEntry

from tests.participation.support import (
    DialogueWithBlocks,
    poll,
    publish_body,
    survey,
    valid_fields,
)
from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import Contribution, DialoguePage
from wagtail_delaktighet.participation import service

pytestmark = pytest.mark.django_db

NO_INPUT = (
    "The level “Information” does not accept input, so this dialogue cannot "
    "contain consultation blocks. Remove the “Survey”, “Poll” blocks or choose "
    "another level."
)


@pytest.fixture
def draft(dialogue_index, level, body_factory, make_assessment):
    """A dialogue saved as a draft (as the admin saves one: unchecked),
    complete unless told otherwise; at the Information level with a survey
    and a poll by default."""
    numbers = iter(range(1, 100))

    def make(**fields):
        n = next(numbers)
        now = timezone.now()
        values = {
            "title": f"Utkast {n}",
            "slug": f"utkast-{n}",
            "purpose": "Att informera om parken.",
            "influence_level": level("Information"),
            "can_influence": "<p>Inget just nu.</p>",
            "input_handling": "<p>Ingen input samlas in.</p>",
            "responsible_body": body_factory(),
            "involvement_assessment": make_assessment(),
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=14),
            "feedback_promised_on": (now + timedelta(days=60)).date(),
            "body": [survey(), poll()],
            "live": False,
        }
        values.update(fields)
        page = DialoguePage(**values)
        dialogue_index.add_child(instance=page)
        page.save_revision(clean=False)
        return DialoguePage.objects.get(pk=page.pk)

    return make


def is_live(page):
    return Page.objects.get(pk=page.pk).live


def messages_of(response):
    """The messages' text, without the "Edit" button Wagtail renders after it."""
    return [
        strip_tags(str(message)).replace("Edit", "").strip()
        for message in get_messages(response.wsgi_request)
    ]


def bulk_publish(admin, *pages, include_descendants=False):
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    query = "&".join(f"id={page.pk}" for page in pages)
    data = {"include_descendants": "on"} if include_descendants else {}
    return admin.post(f"{url}?{query}&next=/admin/pages/", data)


# -- Wagtail's bulk "Publish" action ---------------------------------------


def test_bulk_publishing_refuses_a_level_that_takes_no_input(admin, draft):
    page = draft()

    response = bulk_publish(admin, page)

    assert response.status_code == 302
    assert not is_live(page)
    messages = messages_of(response)
    assert f"“{page.title}” cannot be published: {NO_INPUT}" in messages
    assert "Nothing was published." in messages


def test_bulk_publishing_an_incomplete_draft_says_why_instead_of_a_500(admin, draft):
    page = draft(purpose="", influence_level=None, body=[])

    response = bulk_publish(admin, page)

    assert response.status_code == 302
    assert not is_live(page)
    [refusal, _nothing] = messages_of(response)
    assert refusal.startswith(f"“{page.title}” cannot be published: ")
    assert "Write the purpose" in refusal
    assert "Choose an influence level" in refusal


def test_one_broken_page_refuses_the_whole_bulk_action(admin, draft, level):
    fine = draft(influence_level=level("Konsultation"))
    broken = draft()

    response = bulk_publish(admin, fine, broken)

    assert response.status_code == 302
    assert not is_live(fine) and not is_live(broken)
    assert any(broken.title in message for message in messages_of(response))

    response = bulk_publish(admin, fine)
    assert response.status_code == 302
    assert is_live(fine)
    assert "1 page has been published" in messages_of(response)


def test_bulk_publishing_child_pages_checks_them_too(admin, draft, dialogue_index):
    page = draft()

    response = bulk_publish(admin, dialogue_index, include_descendants=True)

    assert response.status_code == 302
    assert not is_live(page)
    assert any(page.title in message for message in messages_of(response))


# -- revision.publish() from code ------------------------------------------


def test_publishing_from_code_raises_with_the_rules_message(draft, level):
    page = draft()

    with pytest.raises(ValidationError) as refused:
        page.get_latest_revision().publish()
    assert refused.value.message_dict["body"] == [NO_INPUT]
    assert not is_live(page)

    page = DialoguePage.objects.get(pk=page.pk)
    with pytest.raises(ValidationError):
        page.save_revision(clean=False).publish()
    # Saving it live directly is refused as well.
    page.live = True
    with pytest.raises(ValidationError):
        page.save()
    assert not is_live(page)

    page = DialoguePage.objects.get(pk=page.pk)
    page.influence_level = level("Konsultation")
    page.save_revision().publish()
    assert is_live(page)


# -- scheduled publishing --------------------------------------------------


def test_scheduled_publishing_skips_a_revision_that_now_breaks_the_rules(
    draft, level, caplog
):
    consultation = level("Konsultation")
    later = timezone.now() + timedelta(hours=1)
    breaks = draft(influence_level=consultation, go_live_at=later)
    fine = draft(influence_level=level("Dialog"), body=[], go_live_at=later)
    # Scheduled while valid: Wagtail approves the revisions for later.
    breaks.get_latest_revision().publish()
    fine.get_latest_revision().publish()
    assert not is_live(breaks) and not is_live(fine)
    # Then the level stops taking input, so the survey and poll may not go live.
    consultation.accepts_input = False
    consultation.save()

    with time_machine.travel(later + timedelta(minutes=5), tick=False):
        call_command("publish_scheduled")

    assert not is_live(breaks)
    assert is_live(fine)
    revision = breaks.get_latest_revision()
    revision.refresh_from_db()
    assert revision.approved_go_live_at is None
    entry = PageLogEntry.objects.get(page=breaks, action=log_actions.PUBLISH_REFUSED)
    assert "does not accept input" in entry.data["reasons"]
    assert "Scheduled publishing refused" in caplog.text

    # A second run has nothing left to try.
    call_command("publish_scheduled")
    assert not is_live(breaks)


# -- the participation service ----------------------------------------------


def test_input_is_refused_when_the_level_takes_none(make_dialogue, level, new_client):
    consultation = level("Konsultation")
    dialogue = publish_body(make_dialogue(influence_level=consultation), [poll()])
    the_poll = dialogue.block("poll")
    # The level was changed after the dialogue was published.
    consultation.accepts_input = False
    consultation.save()
    client = new_client()

    response = the_poll.post(client, valid_fields(the_poll))

    assert response.status_code == 403
    assert "does not take contributions" in response.content.decode()
    assert not Contribution.objects.exists()
    with pytest.raises(service.LevelTakesNoInput):
        service.submit(the_poll.page, the_poll.id, the_poll.form_data({}))
    # Nor does the page offer the form.
    page = client.get(the_poll.page.url)
    assert not the_poll.section(page).select("form")


def test_input_is_refused_on_a_page_published_before_the_rules(make_dialogue, level):
    page = make_dialogue(
        influence_level=level("Information"), body=[poll()], rules_checked=False
    )
    the_poll = DialogueWithBlocks(page).block("poll")

    with pytest.raises(service.LevelTakesNoInput):
        service.submit(page, the_poll.id, the_poll.form_data(valid_fields(the_poll)))
    assert not Contribution.objects.exists()
