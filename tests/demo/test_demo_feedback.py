"""The demo's feedback loop: a dialogue with published final feedback (every
section filled in, contributions behind its numbers), interim feedback on
another, and one dialogue whose feedback is overdue."""

import pytest
from django.core.cache import cache

from example_site.home.demo import feedback as demo
from example_site.home.demo import feedback_dialogues
from wagtail_delaktighet.models import (
    Channel,
    Contribution,
    ContributionPersonalData,
    DialogueIndexPage,
    DialoguePage,
    DialogueStatus,
    FeedbackKind,
    FeedbackOutcome,
    FeedbackPage,
    MilestoneStatus,
    annotate_status,
)


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def demo_loaded(demo_site, db):
    pass


@pytest.fixture
def promenade(demo_loaded):
    return DialoguePage.objects.get(slug=feedback_dialogues.FEEDBACK_DIALOGUE_SLUG)


@pytest.fixture
def final_feedback(promenade):
    return FeedbackPage.objects.child_of(promenade).get(slug=demo.FINAL_FEEDBACK_SLUG)


@pytest.fixture
def english_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def demo_dialogues():
    index = DialogueIndexPage.objects.get(slug="dialoger")
    return list(annotate_status(DialoguePage.objects.child_of(index).live()))


def test_the_final_feedback_closes_the_loop_with_every_section(
    promenade, final_feedback
):
    assert promenade.status == DialogueStatus.FEEDBACK_PUBLISHED
    assert promenade.final_feedback == final_feedback
    assert final_feedback.live and final_feedback.kind == FeedbackKind.FINAL
    assert final_feedback.show_results
    assert final_feedback.summary and final_feedback.we_heard
    assert final_feedback.next_steps

    items = list(final_feedback.you_said_we_did.all())
    assert 3 <= len(items) <= 4
    assert {item.outcome for item in items} == set(FeedbackOutcome.values)
    for item in items:
        item.full_clean()  # "Not done" carries its reason.
    not_done = next(i for i in items if i.outcome == FeedbackOutcome.NOT_DONE)
    assert not_done.reason

    decision = final_feedback.decisions.get()
    assert decision.body and decision.decided_on and decision.paragraph
    assert decision.case_number and decision.minutes_url.startswith("https://")

    statuses = list(final_feedback.milestones.values_list("status", flat=True))
    assert sorted(statuses) == sorted(MilestoneStatus.values)


def test_the_feedback_counts_come_from_web_and_offline_contributions(promenade):
    contributions = Contribution.objects.filter(page=promenade)
    channels = set(contributions.values_list("channel", flat=True))
    assert Channel.WEB in channels
    assert channels - Channel.online()
    assert set(contributions.values_list("block_type", flat=True)) == {
        "survey",
        "poll",
        "views",
    }
    # Several people answered more than one block: fewer people than
    # web contributions, and offline ones count no person.
    web = contributions.filter(channel=Channel.WEB)
    people = web.values("dialogue_participant_key").distinct().count()
    assert 1 < people < web.count()
    assert not contributions.exclude(channel__in=Channel.online()).filter(
        dialogue_participant_key__isnull=False
    )
    assert ContributionPersonalData.objects.filter(
        contribution__page=promenade, consent=True
    ).exists()
    # Every contribution dates from while the dialogue was open.
    for created_at in contributions.values_list("created_at", flat=True):
        assert promenade.opens_at <= created_at < promenade.closes_at


def test_another_closed_dialogue_has_interim_feedback_only(demo_loaded):
    centrum = DialoguePage.objects.get(slug=demo.INTERIM_DIALOGUE_SLUG)
    interim = FeedbackPage.objects.child_of(centrum).live().get()
    assert interim.kind == FeedbackKind.INTERIM
    # Interim feedback does not close the loop.
    assert centrum.status == DialogueStatus.CLOSED
    assert not centrum.feedback_overdue


def test_the_demo_covers_every_status_and_one_overdue_dialogue(demo_loaded):
    dialogues = demo_dialogues()
    assert {page.status for page in dialogues} == set(DialogueStatus.values)
    overdue = [page for page in dialogues if page.feedback_overdue]
    assert [page.slug for page in overdue] == [feedback_dialogues.OVERDUE_DIALOGUE_SLUG]
    # The property agrees with the database annotation.
    page = DialoguePage.objects.get(slug=feedback_dialogues.OVERDUE_DIALOGUE_SLUG)
    assert page.feedback_overdue
    assert page.status == DialogueStatus.CLOSED
    assert not FeedbackPage.objects.child_of(page).exists()


def test_the_index_lists_the_dialogue_with_its_feedback_link(
    promenade, final_feedback, english_client
):
    response = english_client.get(
        "/dialoger/", {"status": DialogueStatus.FEEDBACK_PUBLISHED}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert promenade.title in html
    assert f'href="{final_feedback.url}"' in html


def test_the_feedback_page_shows_every_section(final_feedback, english_client):
    response = english_client.get(final_feedback.url)
    assert response.status_code == 200
    html = response.content.decode()
    for item in final_feedback.you_said_we_did.all():
        for text in (item.theme, item.our_response, item.reason):
            assert text in html
    decision = final_feedback.decisions.get()
    assert decision.case_number in html
    assert f'href="{decision.minutes_url}"' in html
    for milestone in final_feedback.milestones.all():
        assert milestone.title in html


def test_the_interim_feedback_page_renders(demo_loaded, english_client):
    interim = FeedbackPage.objects.get(slug=demo.INTERIM_FEEDBACK_SLUG)
    response = english_client.get(interim.url)
    assert response.status_code == 200
    assert interim.summary in response.content.decode()


def test_the_overdue_dialogue_says_its_feedback_is_late(demo_loaded, english_client):
    page = DialoguePage.objects.get(slug=feedback_dialogues.OVERDUE_DIALOGUE_SLUG)
    response = english_client.get(page.url)
    assert response.status_code == 200
    assert page.feedback_promised_on.isoformat() in response.content.decode()
    assert "dlk-notice--late" in response.content.decode()
