"""The public feedback page (P6): every section rendered from real data over
HTTP, the automatic results summary counted like the database counts, a fixed
number of queries, and creating a feedback page in the real admin."""

from datetime import date, timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from tests.participation.support import (
    assert_redirected_to_block,
    poll,
    publish_body,
    submit,
    survey,
    text_of,
    views,
)
from wagtail_delaktighet import moderation
from wagtail_delaktighet.models import (
    Channel,
    Contribution,
    ContributionAnswer,
    ContributionStatus,
    RejectionReason,
)
from wagtail_delaktighet.models.feedback import (
    FeedbackKind,
    FeedbackOutcome,
    FeedbackPage,
    MilestoneStatus,
)

from .support import (
    feedback_decision,
    feedback_item,
    feedback_milestone,
    make_feedback,
)


def new_client():
    """A browser of its own (its own session, so its own participant),
    reading English source text whatever the translations say."""
    return Client(headers={"Accept-Language": "en"})


@pytest.fixture
def client():
    return new_client()


def soup_of(response):
    assert response.status_code == 200, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def section(soup, heading_id):
    heading = soup.find(id=heading_id)
    assert heading is not None, f"no #{heading_id} on the page"
    return heading.find_parent("section")


def after_closing():
    """A moment after make_dialogue's default dialogue has closed, before
    the promised feedback date."""
    return time_machine.travel(timezone.now() + timedelta(days=20), tick=False)


# -- the sections -----------------------------------------------------------


def test_every_section_renders_from_the_pages_data(client, make_dialogue, body_factory):
    dialogue = make_dialogue(title="Parken vid ån")
    board = body_factory("Kommunstyrelsen")
    with after_closing():
        feedback = make_feedback(
            dialogue,
            title="Så blev det med parken",
            summary="Parken får fler lampor och en ny lekplats.",
            we_heard="<p>Många ville ha mer ljus.</p>",
            next_steps="<p>Bygget startar i höst.</p>",
            items=[
                feedback_item(theme="Belysning", outcome=FeedbackOutcome.DONE),
                feedback_item(
                    theme="Hundrastgård",
                    you_said="Vi vill ha en hundrastgård.",
                    our_response="Det får inte plats.",
                    outcome=FeedbackOutcome.NOT_DONE,
                    reason="Marken behövs för dagvatten.",
                ),
            ],
            decisions=[
                feedback_decision(
                    title="Beslut om parken",
                    body=board,
                    decided_on=date(2025, 3, 12),
                    paragraph="§ 42",
                    case_number="KS 2025/17",
                    minutes_url="https://alvby.example/protokoll/42",
                )
            ],
            milestones=[
                feedback_milestone(title="Invigning", due_on=date(2026, 5, 1)),
                feedback_milestone(
                    title="Upphandling",
                    due_on=date(2025, 6, 1),
                    status=MilestoneStatus.DONE,
                ),
                feedback_milestone(
                    title="Bygget startar",
                    due_on=date(2025, 9, 1),
                    status=MilestoneStatus.IN_PROGRESS,
                ),
            ],
        )
        soup = soup_of(client.get(feedback.url))

    # Header: title, kind, date, the way back to the dialogue, the badge.
    assert [h.get_text(strip=True) for h in soup.find_all("h1")] == [
        "Så blev det med parken"
    ]
    header = soup.select_one(".dlk-feedback__header")
    assert "Final feedback" in text_of(header.select_one(".dlk-feedback__kind"))
    published = header.select_one(".dlk-feedback__published time")
    # The page shows the site's local time: near midnight its date is not
    # UTC's.
    assert published["datetime"].startswith(
        timezone.localtime(feedback.first_published_at).date().isoformat()
    )
    back = header.select_one(".dlk-feedback__dialogue a")
    assert back["href"] == dialogue.url
    assert back.get_text(strip=True) == "Parken vid ån"
    assert "Konsultation" in text_of(header.select_one(".dlk-badge"))
    assert "Parken får fler lampor" in text_of(header)
    # An interim note is for interim pages only.
    assert header.select_one(".dlk-feedback__interim-note") is None

    heard = section(soup, "dlk-we-heard-heading")
    assert "Många ville ha mer ljus." in text_of(heard)

    said = section(soup, "dlk-you-said-heading")
    items = said.select(".dlk-feedback-item")
    assert [i.find("h3").get_text(strip=True) for i in items] == [
        "Belysning",
        "Hundrastgård",
    ]
    refused = text_of(items[1])
    assert "Outcome: Not done" in refused
    for part in [
        "You said",
        "Vi vill ha en hundrastgård.",
        "Our response",
        "Det får inte plats.",
        "Why",
        "Marken behövs för dagvatten.",
    ]:
        assert part in refused
    assert "Outcome: Done" in text_of(items[0])
    assert "Why" not in text_of(items[0])  # no reason given, none shown

    decided = section(soup, "dlk-we-decided-heading")
    decision = decided.select_one(".dlk-decision")
    assert decision.find("h3").get_text(strip=True) == "Beslut om parken"
    facts = text_of(decision.select_one(".dlk-facts"))
    for part in ["Decided by Kommunstyrelsen", "§ 42", "KS 2025/17"]:
        assert part in facts
    assert decision.find("time")["datetime"] == "2025-03-12"
    assert decision.find("a")["href"] == "https://alvby.example/protokoll/42"

    following = section(soup, "dlk-next-steps-heading")
    assert "Bygget startar i höst." in text_of(following)
    milestones = following.select("ol.dlk-milestones > li")
    # In date order, whatever order the editor entered them in.
    assert [m.find("h3").get_text(strip=True) for m in milestones] == [
        "Upphandling",
        "Bygget startar",
        "Invigning",
    ]
    assert [m.find("time")["datetime"] for m in milestones] == [
        "2025-06-01",
        "2025-09-01",
        "2026-05-01",
    ]
    assert "Status: Done" in text_of(milestones[0])
    assert "Status: In progress" in text_of(milestones[1])
    assert "Status: Planned" in text_of(milestones[2])

    # One h1; each section an h2; what is inside them h3.
    assert [h.get_text(strip=True) for h in soup.select("article h2")] == [
        "We heard",
        "You said — we did",
        "We decided",
        "What happens next",
    ]
    assert {
        h.find_parent("section").find("h2").get_text(strip=True)
        for h in soup.select("article h3")
    } == {
        "We heard",
        "You said — we did",
        "We decided",
        "What happens next",
    }


def test_an_interim_page_says_so_and_empty_sections_are_left_out(client, make_dialogue):
    dialogue = make_dialogue()
    feedback = make_feedback(
        dialogue,
        kind=FeedbackKind.INTERIM,
        we_heard="",
        next_steps="",
        show_results=False,
    )
    soup = soup_of(client.get(feedback.url))

    assert "Interim feedback" in text_of(soup.select_one(".dlk-feedback__kind"))
    assert soup.select_one(".dlk-feedback__interim-note") is not None
    for heading_id in [
        "dlk-we-heard-heading",
        "dlk-you-said-heading",
        "dlk-we-decided-heading",
        "dlk-next-steps-heading",
    ]:
        assert soup.find(id=heading_id) is None, heading_id


# -- the automatic summary ---------------------------------------------------


@pytest.fixture
def dialogue_with_contributions(make_dialogue, editor):
    """A dialogue with a survey, a poll and a views block, and contributions
    from three people online, from staff for offline channels, and one
    person whose contributions a moderator rejected.

    By hand: poll Röd 2 (A, C), Blå 2 (B, phone), Grön 1 (meeting).
    """
    dialogue = publish_body(make_dialogue(), [survey(), poll(), views()])
    the_survey = dialogue.block("survey")
    the_poll = dialogue.block("poll")
    the_views = dialogue.block("views")
    red, blue, green = the_poll.option_ids()
    single, _id, (north, south, east) = the_survey.question("single_choice")
    several, _id, (walk, grill, ball) = the_survey.question("multiple_choice")
    scale = the_survey.question("scale")[0]
    yes_no = the_survey.question("yes_no")[0]
    long_text = the_survey.question("long_text")[0]

    def online(client, block, fields):
        assert_redirected_to_block(block.post(client, fields), block)

    a, b, c, d = new_client(), new_client(), new_client(), new_client()
    online(a, the_poll, {"choice": red})
    online(
        a,
        the_survey,
        {
            single: north,
            several: [walk, grill],
            scale: "4",
            yes_no: "yes",
            long_text: "Mörkt.",
        },
    )
    online(b, the_poll, {"choice": blue})
    online(
        b, the_survey, {single: north, several: [walk], scale: "2", long_text: "Bra."}
    )
    online(c, the_poll, {"choice": red})
    online(c, the_views, {"text": "Fler bänkar vid dammen."})
    # D's contributions are spam; a moderator rejects them.
    online(d, the_views, {"text": "Köp billiga klockor!"})
    online(
        d,
        the_survey,
        {single: east, several: [ball], scale: "1", yes_no: "no", long_text: "X"},
    )
    reason, _created = RejectionReason.objects.get_or_create(name="Reklam")
    for spam in Contribution.objects.filter(page=dialogue.page).order_by("-pk")[:2]:
        moderation.reject(spam, user=editor, reason=reason)

    # Offline input, entered by staff.
    submit(the_poll, {"choice": green}, channel=Channel.MEETING, entered_by=editor)
    submit(
        the_survey,
        {single: south, several: [grill], scale: "5", long_text: "Möte."},
        channel=Channel.MEETING,
        entered_by=editor,
    )
    submit(the_poll, {"choice": blue}, channel=Channel.PHONE, entered_by=editor)
    submit(
        the_views,
        {"text": "Skrivet på papper."},
        channel=Channel.PAPER,
        entered_by=editor,
    )
    return dialogue


def chart_rows(figure):
    """(label, count, percent) of each row of a chart's data table."""
    rows = []
    for tr in figure.select("details table tbody tr"):
        label = tr.find("th").get_text(strip=True)
        count, percent = (td.get_text(strip=True) for td in tr.find_all("td"))
        rows.append((label, int(count), percent))
    return rows


def figure_titled(soup, title):
    for figure in soup.select("figure.dlk-chart"):
        if figure.select_one(".dlk-chart__title").get_text(strip=True) == title:
            return figure
    raise AssertionError(f"no chart titled {title!r}")


def test_the_summary_counts_people_channels_and_answers_like_the_database(
    client, dialogue_with_contributions
):
    dialogue = dialogue_with_contributions
    with after_closing():
        feedback = make_feedback(dialogue.page)
        soup = soup_of(client.get(feedback.url))
        dialogue_soup = soup_of(client.get(dialogue.page.url))
    heard = section(soup, "dlk-we-heard-heading")

    # The database agrees with what was done above.
    counted = Contribution.objects.filter(page=dialogue.page).exclude(
        status=ContributionStatus.REJECTED
    )
    assert counted.count() == 10
    assert (
        counted.exclude(dialogue_participant_key=None)
        .values("dialogue_participant_key")
        .distinct()
        .count()
        == 3
    )

    numbers = text_of(heard.select_one(".dlk-feedback__numbers"))
    assert "3 people took part online." in numbers
    assert "10 contributions in total" in numbers

    table = heard.select_one("table.dlk-feedback__channels")
    assert table.find("caption").get_text(strip=True) == "Contributions by channel"
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
    by_channel = {
        tr.find("th").get_text(strip=True): int(tr.find("td").get_text(strip=True))
        for tr in table.select("tbody tr")
    }
    assert by_channel == {
        "Website": 6,
        "Meeting": 2,
        "Phone call": 1,
        "Paper form": 1,
    }
    assert table.select_one("tfoot td").get_text(strip=True) == "10"

    # The poll's chart: rejected votes not counted, offline ones are.
    poll_chart = figure_titled(heard, "Vilken färg ska bänkarna ha?")
    assert chart_rows(poll_chart) == [
        ("Röd", 2, "40 %"),
        ("Blå", 2, "40 %"),
        ("Grön", 1, "20 %"),
    ]
    assert "5 answered." in text_of(poll_chart.select_one("figcaption"))
    # Every row is readable as text, the bar is decoration.
    visual = poll_chart.select("ul.dlk-chart__bars > li")
    assert [text_of(li) for li in visual] == [
        "Röd 40 % (2 answers)",
        "Blå 40 % (2 answers)",
        "Grön 20 % (1 answer)",
    ]
    assert all(m["aria-hidden"] == "true" for m in poll_chart.select("meter"))
    # The same numbers as the poll's own results on the closed dialogue page.
    poll_results = dialogue_soup.select(".dlk-results__row")
    assert [text_of(row) for row in poll_results] == [
        "Röd 40 % (2 votes)",
        "Blå 40 % (2 votes)",
        "Grön 20 % (1 vote)",
    ]

    # The survey: one chart per counted question, none for text questions.
    block = heard.select_one(".dlk-feedback__block h4")
    assert block.get_text(strip=True) == "Enkät om parken"
    titles = [t.get_text(strip=True) for t in heard.select(".dlk-chart__title")]
    assert titles == [
        "Vilken entré använder du?",
        "Vad gör du i parken?",
        "Hur trygg känner du dig?",
        "Vill du ha fler bänkar?",
        "Vilken färg ska bänkarna ha?",
    ]
    assert chart_rows(figure_titled(heard, "Vilken entré använder du?")) == [
        ("Norra", 2, "67 %"),
        ("Södra", 1, "33 %"),
        ("Östra", 0, "0 %"),
    ]
    # Several answers each: shares of the 3 people who answered.
    several = figure_titled(heard, "Vad gör du i parken?")
    assert chart_rows(several) == [
        ("Promenerar", 2, "67 %"),
        ("Grillar", 2, "67 %"),
        ("Spelar boll", 0, "0 %"),
    ]
    assert "3 answered." in text_of(several.select_one("figcaption"))
    assert "Several answers were possible." in text_of(several)
    assert chart_rows(figure_titled(heard, "Hur trygg känner du dig?")) == [
        ("1 – not at all", 0, "0 %"),
        ("2", 1, "33 %"),
        ("3", 0, "0 %"),
        ("4", 1, "33 %"),
        ("5 – very much", 1, "33 %"),
    ]
    assert chart_rows(figure_titled(heard, "Vill du ha fler bänkar?")) == [
        ("Yes", 1, "100 %"),
        ("No", 0, "0 %"),
    ]
    # Each chart's table is a real data table.
    table = several.select_one("details table")
    assert table.find("caption").get_text(strip=True) == "Vad gör du i parken?"
    assert {th["scope"] for th in table.select("thead th")} == {"col"}
    assert {th["scope"] for th in table.select("tbody th")} == {"row"}

    # The chart counts agree with a count straight from the database.
    the_survey = dialogue.block("survey")
    several_id = the_survey.question("multiple_choice")[1]
    walk = the_survey.question("multiple_choice")[2][0]
    assert (
        ContributionAnswer.objects.filter(
            block_id=the_survey.id, question_key=several_id, value=walk
        )
        .exclude(contribution__status=ContributionStatus.REJECTED)
        .count()
        == 2
    )


def test_results_are_left_out_when_the_editor_says_so(
    client, dialogue_with_contributions
):
    with after_closing():
        feedback = make_feedback(
            dialogue_with_contributions.page,
            show_results=False,
            we_heard="<p>Vi hörde mycket.</p>",
        )
        soup = soup_of(client.get(feedback.url))
    heard = section(soup, "dlk-we-heard-heading")
    assert "Vi hörde mycket." in text_of(heard)
    assert heard.select("figure, table, .dlk-feedback__numbers") == []


def test_a_dialogue_without_contributions_says_so(client, make_dialogue):
    feedback = make_feedback(make_dialogue(), we_heard="")
    heard = section(soup_of(client.get(feedback.url)), "dlk-we-heard-heading")
    assert "No contributions have been received." in text_of(heard)
    assert heard.find("table") is None


# -- bounded queries -----------------------------------------------------------


def grow(dialogue, *, people, offline, items, editor, body):
    """Add contributions and a feedback page with ``items`` of each list."""
    the_poll = dialogue.block("poll")
    the_survey = dialogue.block("survey")
    single, _id, options = the_survey.question("single_choice")
    scale = the_survey.question("scale")[0]
    long_text = the_survey.question("long_text")[0]
    for n in range(people):
        submit(
            the_poll,
            {"choice": the_poll.option_ids()[n % 3]},
            participant=f"person-{dialogue.page.pk}-{n}",
        )
    for n in range(offline):
        submit(
            the_survey,
            {single: options[n % 3], scale: str(n % 5 + 1), long_text: f"Svar {n}"},
            channel=Channel.PAPER,
            entered_by=editor,
        )
    return make_feedback(
        dialogue.page,
        items=[feedback_item(theme=f"Tema {n}") for n in range(items)],
        decisions=[
            feedback_decision(title=f"Beslut {n}", body=body) for n in range(items)
        ],
        milestones=[
            feedback_milestone(title=f"Steg {n}", due_on=date(2026, 1, 1 + n))
            for n in range(items)
        ],
    )


def queries_to_render(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_content(
    client, make_dialogue, editor, body_factory
):
    body = [survey(), poll(), views()]
    small = publish_body(make_dialogue(), body)
    large = publish_body(make_dialogue(), body)
    board = body_factory("Kommunstyrelsen")
    small_feedback = grow(
        small, people=4, offline=6, items=1, editor=editor, body=board
    )
    large_feedback = grow(
        large, people=8, offline=192, items=10, editor=editor, body=board
    )
    assert Contribution.objects.filter(page=large.page).count() == 200
    assert FeedbackPage.objects.get(pk=large_feedback.pk).milestones.count() == 10

    # Warm up what the first request caches (the site, the ladder…).
    queries_to_render(client, small_feedback.url)
    small_count = queries_to_render(client, small_feedback.url)
    large_count = queries_to_render(client, large_feedback.url)
    assert small_count == large_count
    soup = BeautifulSoup(client.get(large_feedback.url).content, "html.parser")
    assert "200 contributions in total" in text_of(soup)
    assert len(soup.select(".dlk-feedback-item")) == 10


# -- the admin -------------------------------------------------------------------


def add_url(dialogue):
    return reverse(
        "wagtailadmin_pages:add",
        args=("wagtail_delaktighet", "feedbackpage", dialogue.pk),
    )


def feedback_form(body, kind="final", **overrides):
    """What the admin's add form posts, filled in as an editor would;
    ``body`` decided the decision."""
    data = nested_form_data(
        {
            "title": "Så blev det",
            "slug": "sa-blev-det",
            "kind": kind,
            "summary": "Parken får fler lampor.",
            "we_heard": rich_text("<p>Många ville ha mer ljus.</p>"),
            "show_results": "on",
            "next_steps": rich_text(""),
            "you_said_we_did": inline_formset(
                [
                    {
                        "theme": "Belysning",
                        "you_said": "Mörkt på kvällen.",
                        "our_response": "Fler lampor.",
                        "outcome": "done",
                        "reason": "",
                    }
                ]
            ),
            "decisions": inline_formset(
                [
                    {
                        "title": "Beslut om parken",
                        "body": str(body.pk),
                        "decided_on": "2025-03-12",
                        "paragraph": "§ 42",
                        "case_number": "",
                        "minutes_url": "",
                    }
                ]
            ),
            "milestones": inline_formset(
                [
                    {
                        "title": "Bygget startar",
                        "due_on": "2025-09-01",
                        "status": "planned",
                        "description": "",
                    }
                ]
            ),
        }
    )
    data["action-publish"] = "action-publish"
    data.update(overrides)
    return data


def test_an_editor_creates_and_publishes_feedback_in_the_admin(
    admin, make_dialogue, body_factory
):
    now = timezone.now()
    dialogue = make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
    )
    data = feedback_form(body_factory())

    response = admin.post(add_url(dialogue), data)

    assert response.status_code == 302, response.content.decode()[:3000]
    feedback = FeedbackPage.objects.child_of(dialogue).get()
    assert feedback.live and feedback.is_final
    assert feedback.you_said_we_did.get().theme == "Belysning"
    assert feedback.decisions.get().body == body_factory()
    assert feedback.milestones.get().title == "Bygget startar"
    dialogue.refresh_from_db()
    assert type(dialogue).objects.get(pk=dialogue.pk).status == "feedback_published"
    public = admin.get(feedback.url)
    assert public.status_code == 200
    assert "Beslut om parken" in public.content.decode()


def test_not_done_without_a_reason_is_refused_in_the_admin(
    admin, make_dialogue, body_factory
):
    dialogue = make_dialogue()
    data = feedback_form(body_factory(), kind="interim")
    data["you_said_we_did-0-outcome"] = "not_done"

    response = admin.post(add_url(dialogue), data)

    assert response.status_code == 200
    assert "participants deserve the reason" in response.content.decode()
    assert not FeedbackPage.objects.exists()


def test_final_feedback_cannot_be_published_while_the_dialogue_is_open(
    admin, make_dialogue, body_factory
):
    dialogue = make_dialogue()

    refused = admin.post(add_url(dialogue), feedback_form(body_factory()))

    assert refused.status_code == 200
    assert "cannot be published before then" in refused.content.decode()
    assert not FeedbackPage.objects.exists()

    # A draft of it may be saved, and interim feedback published.
    draft = feedback_form(body_factory())
    del draft["action-publish"]
    assert admin.post(add_url(dialogue), draft).status_code == 302
    assert not FeedbackPage.objects.get().live
    interim = feedback_form(body_factory(), kind="interim", slug="pa-vagen")
    response = admin.post(add_url(dialogue), interim)
    assert response.status_code == 302
    assert FeedbackPage.objects.get(slug="pa-vagen").live


def test_final_feedback_may_be_scheduled_for_after_the_dialogue_closes(
    admin, make_dialogue, body_factory
):
    dialogue = make_dialogue()
    too_early = timezone.localtime(dialogue.closes_at - timedelta(days=1))
    in_time = timezone.localtime(dialogue.closes_at + timedelta(days=1))

    early = admin.post(
        add_url(dialogue),
        feedback_form(body_factory(), go_live_at=too_early.strftime("%Y-%m-%d %H:%M")),
    )
    assert early.status_code == 200
    assert not FeedbackPage.objects.exists()

    scheduled = admin.post(
        add_url(dialogue),
        feedback_form(body_factory(), go_live_at=in_time.strftime("%Y-%m-%d %H:%M")),
    )
    assert scheduled.status_code == 302, scheduled.content.decode()[:3000]
    feedback = FeedbackPage.objects.get()
    assert not feedback.live
    assert feedback.scheduled_revision is not None


def test_the_preview_of_new_feedback_shows_the_dialogue_and_its_lists(
    admin, make_dialogue, body_factory
):
    dialogue = make_dialogue(title="Parken vid ån")
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=("wagtail_delaktighet", "feedbackpage", dialogue.pk),
    )

    posted = admin.post(url, feedback_form(body_factory()))
    assert posted.json()["is_valid"] is True
    soup = soup_of(admin.get(url))

    assert soup.find("h1").get_text(strip=True) == "Så blev det"
    assert soup.select_one(".dlk-feedback__dialogue a").get_text(strip=True) == (
        "Parken vid ån"
    )
    assert "Belysning" in text_of(section(soup, "dlk-you-said-heading"))
    assert "Bygget startar" in text_of(section(soup, "dlk-next-steps-heading"))
