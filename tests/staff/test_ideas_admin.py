"""The ideas block in the staff's views, with no change to the admin: the
listing, the detail view, the exports, the searches, offline entry, the
answer view with its statuses and the feedback page's summary all read it
through its plugin interface. Supports are contributions of the block too:
private, never moderated, read as "Supports the idea"."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import ideas, submit, text_of
from wagtail_delaktighet.models import (
    Channel,
    Contact,
    Contribution,
    OfficialResponse,
    OutboxEmail,
)

from .contributions_support import (
    as_dicts,
    csv_table,
    detail_url,
    listing_url,
    rows,
    soup,
    url,
    xlsx_table,
)

pytestmark = pytest.mark.django_db

HEADING = "Idéer för parken"
TITLE = "Title of your idea"
SUPPORTS = "Supports the idea (its id)"


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[ideas()])


@pytest.fixture
def block(dialogue):
    return dialogue.block("ideas")


@pytest.fixture
def idea(block):
    nature = block.option_ids(block.value["categories"])[1]
    idea = submit(
        block,
        {
            "title": "Ängsblommor",
            "description": "Så en äng vid ån.",
            "category": nature,
            "email": "kim@example.se",
            "consent": "on",
        },
    )
    idea.status = "published"
    idea.save(update_fields=["status"])
    return idea


@pytest.fixture
def support(block, idea):
    return submit(block, {"supports": str(idea.pk)})


@pytest.fixture
def planner():
    return Contact.objects.create(
        name="Bo Berg", kind=Contact.Kind.OFFICIAL, title="Planarkitekt"
    )


def test_the_listing_shows_ideas_and_supports(admin, dialogue, idea, support):
    listed = {row["Receipt"]: row for row in rows(admin.get(listing_url(dialogue)))}

    assert listed[idea.receipt]["Block"] == HEADING
    assert listed[idea.receipt]["Type"] == "Ideas"
    assert listed[idea.receipt]["Content"] == "Så en äng vid ån."
    assert listed[support.receipt]["Type"] == "Ideas"
    assert listed[support.receipt]["Status"] == "Not public"
    assert listed[support.receipt]["Content"] == f"{SUPPORTS}: {idea.pk}"


def test_the_listing_filters_by_the_blocks_title(admin, dialogue):
    page = soup(admin.get(listing_url(dialogue)))

    labels = [text_of(radio.parent) for radio in page.select("input[name=block_id]")]
    assert f"{HEADING} (Ideas)" in labels


def test_the_detail_view_shows_the_idea_and_offers_the_status(admin, idea):
    page = soup(admin.get(detail_url(idea)))

    answers = page.select_one("dl.dlk-contribution-answers")
    assert [text_of(dt) for dt in answers.find_all("dt")] == [
        TITLE,
        "Category (optional)",
    ]
    assert [text_of(dd) for dd in answers.find_all("dd")] == ["Ängsblommor", "Natur"]
    assert "Så en äng vid ån." in text_of(page)
    assert "Set the status and answer" in text_of(page)


def test_the_detail_view_of_a_support_names_the_idea(admin, idea, support):
    page = soup(admin.get(detail_url(support)))

    answers = page.select_one("dl.dlk-contribution-answers")
    assert [text_of(dt) for dt in answers.find_all("dt")] == [SUPPORTS]
    assert [text_of(dd) for dd in answers.find_all("dd")] == [str(idea.pk)]


@pytest.mark.parametrize("read", [csv_table, xlsx_table], ids=["csv", "xlsx"])
def test_the_export_fills_a_column_per_answer(admin, dialogue, idea, support, read):
    exported = {row["Receipt"]: row for row in as_dicts(read(admin, dialogue))}

    row = exported[idea.receipt]
    assert row["Type"] == "Ideas"
    assert row["Text"] == "Så en äng vid ån."
    assert row[TITLE] == "Ängsblommor"
    assert row["Category (optional)"] == "Natur"
    assert row["Answers to questions no longer on the page"] == ""
    assert str(exported[support.receipt][SUPPORTS]) == str(idea.pk)
    assert exported[support.receipt]["Answers to questions no longer on the page"] == ""


def test_the_dialogue_listing_finds_an_idea_by_its_title_or_text(admin, dialogue, idea):
    by_title = rows(admin.get(listing_url(dialogue), {"q": "blommor"}))
    by_text = rows(admin.get(listing_url(dialogue), {"q": "vid ån"}))
    missed = rows(admin.get(listing_url(dialogue), {"q": "gungor"}))

    assert [row["Receipt"] for row in by_title] == [idea.receipt]
    assert [row["Receipt"] for row in by_text] == [idea.receipt]
    assert missed == []


def test_the_moderation_inbox_finds_a_pending_idea_but_no_support(
    admin, block, idea, support
):
    pending = submit(block, {"title": "Loppis", "description": "På torget."})

    found = rows(admin.get(url("inbox"), {"q": "loppis"}))
    everything = rows(admin.get(url("inbox")))

    assert [row["Receipt"] for row in found] == [pending.receipt]
    assert found[0]["Block"] == HEADING
    assert support.receipt not in [row["Receipt"] for row in everything]


def test_staff_set_the_status_and_the_author_is_emailed(
    admin, block, idea, planner, django_capture_on_commit_callbacks
):
    respond_url = reverse("wagtail_delaktighet_admin:respond", args=[idea.pk])

    form = soup(admin.get(respond_url))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            respond_url,
            {
                "signed_by": planner.pk,
                "text": "Vi sår en äng i maj.",
                "outcome": "accepted",
                "action": "publish",
            },
        )

    outcomes = [text_of(o) for o in form.select("select[name=outcome] option")]
    assert outcomes == ["Under review", "Accepted", "Partly accepted", "Not possible"]
    assert response.status_code == 302
    answer = OfficialResponse.objects.get()
    assert (answer.outcome, answer.signed_by) == ("accepted", planner)
    email = OutboxEmail.objects.get(kind="response")
    assert email.recipient == "kim@example.se"
    assert "Ängsblommor" in email.body
    public = block.section(admin.get(block.page.url))
    assert "Status: Accepted" in text_of(public)


def test_offline_input_stores_an_idea(admin, dialogue, block):
    enter_url = reverse("wagtail_delaktighet_admin:offline", args=[dialogue.page.pk])
    given_at = timezone.localtime() - timedelta(days=1)
    choices = {
        "block": block.id,
        "channel": "meeting",
        "given_at": given_at.strftime("%Y-%m-%dT%H:%M"),
    }

    step_two = soup(admin.get(enter_url, choices))
    response = admin.post(
        enter_url,
        {**choices, **block.form_data({"title": "Boule", "description": "Vid ån."})},
    )

    assert step_two.find("input", attrs={"name": block.name("title")})
    assert response.status_code == 302
    stored = Contribution.objects.get(block_id=block.id)
    assert stored.channel == Channel.MEETING
    assert stored.content == {"title": "Boule", "description": "Vid ån."}


def test_the_feedback_summary_charts_ideas_by_category(client, dialogue, block):
    play, nature = block.option_ids(block.value["categories"])
    for category in (play, nature, nature):
        submit(block, {"title": "Idé", "description": "Text", "category": category})

    with time_machine.travel(timezone.now() + timedelta(days=20), tick=False):
        feedback = make_feedback(dialogue.page)
        page = soup(client.get(feedback.url))

    heard = page.find(id="dlk-we-heard-heading").find_parent("section")
    [figure] = heard.select("figure.dlk-chart")
    table = [
        (text_of(tr.find("th")), [text_of(td) for td in tr.find_all("td")])
        for tr in figure.select("details table tbody tr")
    ]
    assert table == [("Lek", ["1", "33 %"]), ("Natur", ["2", "67 %"])]
