"""axe on the feedback page with every section and chart, and on the dialogue
page's feedback part: late feedback, interim reports and final feedback."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.feedback.support import (
    feedback_decision,
    feedback_item,
    feedback_milestone,
    make_feedback,
)
from tests.participation.support import poll, publish_body, submit, survey, views
from wagtail_delaktighet.models import Channel
from wagtail_delaktighet.models.feedback import (
    FeedbackKind,
    FeedbackOutcome,
    MilestoneStatus,
)

pytestmark = pytest.mark.django_db(transaction=True)


def take_part(dialogue):
    """Survey answers, votes and views from people online and offline."""
    the_survey, the_poll, the_views = (
        dialogue.block("survey"),
        dialogue.block("poll"),
        dialogue.block("views"),
    )
    single, _id, entrances = the_survey.question("single_choice")
    several, _id, activities = the_survey.question("multiple_choice")
    scale = the_survey.question("scale")[0]
    yes_no = the_survey.question("yes_no")[0]
    long_text = the_survey.question("long_text")[0]
    for n in range(4):
        person = f"person-{n}"
        submit(the_poll, {"choice": the_poll.option_ids()[n % 3]}, participant=person)
        submit(
            the_survey,
            {
                single: entrances[n % 3],
                several: activities[: n % 3 + 1],
                scale: str(n + 1),
                yes_no: "yes" if n % 2 else "no",
                long_text: "Mörkt på kvällen.",
            },
            participant=person,
        )
    submit(the_views, {"text": "Fler bänkar."}, channel=Channel.MEETING)
    submit(the_poll, {"choice": the_poll.option_ids()[0]}, channel=Channel.PAPER)


def full_feedback(dialogue, body):
    return make_feedback(
        dialogue,
        title="Så blev det med parken",
        we_heard="<p>Många ville ha mer ljus.</p><h3>Trygghet</h3><p>Mörkt.</p>",
        next_steps="<p>Bygget startar i höst.</p>",
        items=[
            feedback_item(theme="Belysning", outcome=FeedbackOutcome.DONE),
            feedback_item(
                theme="Lekplats",
                outcome=FeedbackOutcome.PARTLY,
                reason="Budgeten räcker till halva.",
            ),
            feedback_item(
                theme="Hundrastgård",
                outcome=FeedbackOutcome.NOT_DONE,
                reason="Marken behövs för dagvatten.",
            ),
            feedback_item(theme="Bänkar", outcome=FeedbackOutcome.INVESTIGATING),
        ],
        decisions=[
            feedback_decision(body=body),
            feedback_decision(title="Budget", body=body, paragraph="", case_number=""),
        ],
        milestones=[
            feedback_milestone(title="Upphandling", status=MilestoneStatus.DONE),
            feedback_milestone(
                title="Bygget", due_on=date(2025, 10, 1), status="in_progress"
            ),
            feedback_milestone(title="Invigning", due_on=date(2026, 5, 1)),
        ],
    )


def test_a_full_feedback_page_has_no_axe_violations(
    ladder,
    make_dialogue,
    body_factory,
    browser_page,
    assert_no_axe_violations,
):
    dialogue = publish_body(make_dialogue(), [survey(), poll(), views()])
    take_part(dialogue)
    # Closed, so the poll's results are public and its chart is shown too.
    page = dialogue.page
    type(page).objects.filter(pk=page.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )
    page.refresh_from_db()
    feedback = full_feedback(page, body_factory())

    response = browser_page.goto(feedback.url)
    assert response.status == 200
    assert browser_page.locator("h1").inner_text() == "Så blev det med parken"
    for heading in [
        "#dlk-we-heard-heading",
        "#dlk-you-said-heading",
        "#dlk-we-decided-heading",
        "#dlk-next-steps-heading",
    ]:
        assert browser_page.locator(heading).is_visible()
    charts = browser_page.locator("figure.dlk-chart")
    assert charts.count() == 5  # four survey questions and the poll
    assert browser_page.locator("table.dlk-feedback__channels").is_visible()
    assert_no_axe_violations(browser_page)

    # The charts' data tables, opened, are checked as well.
    for summary in browser_page.locator("details.dlk-chart__data summary").all():
        summary.click()
    assert browser_page.locator("details.dlk-chart__data table").first.is_visible()
    assert_no_axe_violations(browser_page)


def test_a_dialogue_page_with_late_feedback_has_no_axe_violations(
    ladder, make_dialogue, browser_page, assert_no_axe_violations
):
    now = timezone.now()
    page = make_dialogue(
        opens_at=now - timedelta(days=60),
        closes_at=now - timedelta(days=30),
        feedback_promised_on=(now - timedelta(days=5)).date(),
    )
    dialogue = publish_body(page, [poll()])
    make_feedback(dialogue.page, kind=FeedbackKind.INTERIM, title="Halvvägs")

    response = browser_page.goto(dialogue.page.url)
    assert response.status == 200
    notice = browser_page.locator(".dlk-notice--late")
    assert notice.is_visible()
    assert browser_page.locator(".dlk-dialogue-feedback__interim a").count() == 1
    assert_no_axe_violations(browser_page)


def test_a_dialogue_page_with_final_feedback_has_no_axe_violations(
    ladder, make_dialogue, browser_page, assert_no_axe_violations
):
    now = timezone.now()
    dialogue = make_dialogue(
        opens_at=now - timedelta(days=60), closes_at=now - timedelta(days=30)
    )
    make_feedback(dialogue, kind=FeedbackKind.INTERIM, title="Halvvägs")
    make_feedback(dialogue, title="Så blev det")

    response = browser_page.goto(dialogue.url)
    assert response.status == 200
    link = browser_page.locator(".dlk-dialogue-feedback__final a")
    assert link.is_visible()
    assert_no_axe_violations(browser_page)
