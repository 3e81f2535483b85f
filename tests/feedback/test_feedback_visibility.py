"""What feedback pages may show, and to whom: a poll's results only when
everyone may see them, and no feedback at all from a dialogue that is not
public."""

from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from tests.participation.support import (
    assert_redirected_to_block,
    poll,
    publish_body,
)
from wagtail_delaktighet.models import DialoguePage
from wagtail_delaktighet.models.feedback import FeedbackKind, FeedbackPage
from wagtail_delaktighet.models.status import annotate_status

from .support import make_feedback
from .test_feedback_page import add_url, feedback_form

pytestmark = pytest.mark.django_db

QUESTION = "Vilken färg ska bänkarna ha?"


def chart_titles(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    soup = BeautifulSoup(response.content, "html.parser")
    return [
        title.get_text(strip=True) for title in soup.select("figure .dlk-chart__title")
    ]


def after_closing():
    return time_machine.travel(timezone.now() + timedelta(days=20), tick=False)


# -- a poll's results on a feedback page ---------------------------------------


@pytest.mark.parametrize("show_results", ["after_closing", "after_voting"])
def test_interim_feedback_shows_no_poll_results_while_the_dialogue_is_open(
    make_dialogue, new_client, show_results
):
    dialogue = publish_body(make_dialogue(), [poll(show_results=show_results)])
    the_poll = dialogue.block("poll")
    voter = new_client()
    red = the_poll.option_ids()[0]
    assert_redirected_to_block(the_poll.post(voter, {"choice": red}), the_poll)
    interim = make_feedback(dialogue.page, kind=FeedbackKind.INTERIM)

    # Not to a visitor, nor to the voter: the feedback page is the same for
    # everyone (and may be cached), so it shows what everyone may see.
    assert QUESTION not in chart_titles(new_client().get(interim.url))
    assert QUESTION not in chart_titles(voter.get(interim.url))

    with after_closing():
        assert QUESTION in chart_titles(new_client().get(interim.url))


# -- feedback on a dialogue that is not public ------------------------------------


@pytest.fixture
def closed_with_feedback(make_dialogue):
    now = timezone.now()
    dialogue = make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=2)
    )
    feedback = make_feedback(dialogue, summary="Parken får fler lampor.")
    return DialoguePage.objects.get(pk=dialogue.pk), feedback


def api_feedback_ids(client, dialogue):
    listing = client.get(
        "/api/v2/pages/", {"type": "wagtail_delaktighet.FeedbackPage"}
    ).json()
    return {item["id"] for item in listing["items"]}


def status_both_ways(dialogue):
    fresh = DialoguePage.objects.get(pk=dialogue.pk)
    annotated = annotate_status(DialoguePage.objects.filter(pk=dialogue.pk)).get()
    return fresh.status, annotated.status


def test_unpublishing_a_dialogue_takes_its_feedback_offline(
    client, closed_with_feedback
):
    dialogue, feedback = closed_with_feedback
    assert client.get(feedback.url).status_code == 200
    assert feedback.pk in api_feedback_ids(client, dialogue)

    dialogue.unpublish()

    assert not Page.objects.get(pk=feedback.pk).live
    assert client.get(feedback.url).status_code == 404
    assert feedback.pk not in api_feedback_ids(client, dialogue)
    assert status_both_ways(dialogue) == ("closed", "closed")


def test_live_feedback_below_a_dialogue_that_is_not_live_is_not_served(
    client, closed_with_feedback
):
    # As data from before the rule: the dialogue went offline, its feedback not.
    dialogue, feedback = closed_with_feedback
    Page.objects.filter(pk=dialogue.pk).update(live=False)

    assert client.get(feedback.url).status_code == 404
    # Nor does it make the dialogue "feedback published".
    assert status_both_ways(dialogue) == ("closed", "closed")


def test_feedback_below_a_restricted_dialogue_is_not_public(
    client, closed_with_feedback
):
    dialogue, feedback = closed_with_feedback
    PageViewRestriction.objects.create(
        page=dialogue, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    response = client.get(feedback.url)
    assert "Parken får fler lampor." not in response.content.decode()
    assert feedback.pk not in api_feedback_ids(client, dialogue)


def test_feedback_cannot_be_published_before_its_dialogue(
    admin, make_dialogue, body_factory
):
    dialogue = make_dialogue()
    dialogue.unpublish()

    with pytest.raises(ValidationError, match="Publish the dialogue"):
        make_feedback(dialogue, kind=FeedbackKind.INTERIM)

    response = admin.post(
        add_url(dialogue), feedback_form(body_factory(), kind="interim")
    )
    assert response.status_code == 200
    assert "Publish the dialogue" in response.content.decode()
    assert not FeedbackPage.objects.filter(live=True).exists()

    # Published together (bulk, with the pages below): the dialogue goes first.
    draft = feedback_form(body_factory(), kind="interim")
    del draft["action-publish"]
    assert admin.post(add_url(dialogue), draft).status_code == 302
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = admin.post(
        f"{url}?id={dialogue.pk}&next=/admin/", {"include_descendants": "on"}
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=dialogue.pk).live
    assert FeedbackPage.objects.get().live
