"""The demo's open dialogue uses every consultation block, with contributions
sent in through the participation service, and loading it again restores
the moderators' decisions."""

import re

import pytest
from django.core.cache import cache

from example_site.home.demo import consultation as demo
from tests.fixtures.demo import load_demo
from wagtail_delaktighet.blocks.consultation import is_consultation_block
from wagtail_delaktighet.blocks.survey import QuestionKind
from wagtail_delaktighet.models import (
    Channel,
    Contribution,
    ContributionAnswer,
    ContributionPersonalData,
    ContributionStatus,
    DialoguePage,
    DialogueStatus,
    OfficialResponse,
)

PARTICIPATION_MODELS = [
    Contribution,
    ContributionAnswer,
    ContributionPersonalData,
    OfficialResponse,
]
BUILTIN_BLOCK_TYPES = {
    "survey",
    "poll",
    "views",
    "question",
    "ideas",
    "evaluation",
    "map",
}


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(demo_site, db):
    return DialoguePage.objects.get(slug=demo.DIALOGUE_SLUG)


@pytest.fixture
def english_client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def blocks_by_type(page):
    return {
        child.block_type: child
        for child in page.body
        if is_consultation_block(child.block)
    }


def test_the_open_dialogue_has_every_block_and_every_question_kind(dialogue):
    assert dialogue.status == DialogueStatus.OPEN
    blocks = blocks_by_type(dialogue)
    assert set(blocks) == BUILTIN_BLOCK_TYPES
    # Fixed ids, so contributions stay attached to their block on every run.
    assert blocks["survey"].id == demo.SURVEY_ID
    assert blocks["poll"].id == demo.POLL_ID
    kinds = [question["kind"] for question in blocks["survey"].value["questions"]]
    assert sorted(kinds) == sorted(kind for kind, _label in QuestionKind.CHOICES)
    assert any(question["required"] for question in blocks["survey"].value["questions"])


def test_contributions_come_from_several_channels_through_the_service(dialogue):
    contributions = Contribution.objects.filter(page=dialogue)
    assert set(contributions.values_list("block_type", flat=True)) == (
        BUILTIN_BLOCK_TYPES
    )
    assert set(contributions.values_list("channel", flat=True)) >= {
        Channel.WEB,
        Channel.PAPER,
        Channel.MEETING,
        Channel.WALK,
    }
    # The service gave each one a receipt and counted the choice answers.
    for receipt in contributions.values_list("receipt", flat=True):
        assert re.fullmatch(r"D-\d{4}-\d{6}", receipt)
    assert ContributionAnswer.objects.filter(block_id=demo.SURVEY_ID).count() > 5
    assert ContributionAnswer.objects.filter(block_id=demo.POLL_ID).count() > 5
    assert ContributionPersonalData.objects.filter(
        contribution__page=dialogue, consent=True
    ).exists()
    statuses = set(
        contributions.filter(block_type="views").values_list("status", flat=True)
    )
    assert statuses == {ContributionStatus.PUBLISHED, ContributionStatus.PENDING}


def test_answered_questions_are_signed_by_an_elected_and_an_official(dialogue):
    responses = OfficialResponse.objects.filter(contribution__page=dialogue)
    assert {response.signed_by.kind for response in responses} == {
        "elected",
        "official",
    }
    assert all(response.is_published for response in responses)
    unanswered = Contribution.objects.filter(
        page=dialogue, block_type="question", responses__isnull=True
    )
    assert unanswered.count() == 1


def test_the_page_shows_published_views_and_answered_questions_only(
    dialogue, english_client
):
    html = english_client.get(dialogue.url).content.decode()
    published = Contribution.objects.filter(
        page=dialogue, status=ContributionStatus.PUBLISHED
    )
    for contribution in published:
        text = next(
            contribution.content[key]
            for key in ("text", "question", "description", "comment")
            if key in contribution.content
        )
        assert text in html
    for response in OfficialResponse.objects.filter(contribution__page=dialogue):
        assert response.text in html
        assert f"Answered by {response.signed_by.name}" in html
    # Views awaiting moderation, unanswered questions, survey answers one by
    # one and personal data never show.
    for text in hidden_texts(dialogue):
        assert text not in html
    for personal in ContributionPersonalData.objects.all():
        assert personal.email not in html
        assert not personal.name or personal.name not in html


def hidden_texts(page):
    """Pending views, unanswered questions and free-text survey answers."""
    contributions = Contribution.objects.filter(page=page)
    pending = contributions.filter(status=ContributionStatus.PENDING)
    survey = blocks_by_type(page)["survey"]
    long_text_ids = {
        item.id
        for item in survey.value["questions"].bound_blocks
        if item.value["kind"] == QuestionKind.LONG_TEXT
    }
    texts = [
        *(c.content["text"] for c in pending.filter(block_type="views")),
        *(c.content["question"] for c in pending.filter(block_type="question")),
        *(c.content["comment"] for c in pending.filter(block_type="map")),
        *(
            answer
            for c in contributions.filter(block_type="survey")
            for question_id, answer in c.content["answers"].items()
            if question_id in long_text_ids
        ),
    ]
    assert len(texts) > 3
    return texts


def poll_rows(html):
    return dict(
        re.findall(
            r'dlk-results__label">([^<]+)</span>.*?dlk-results__value">([^<]+)</span>',
            html,
            flags=re.DOTALL,
        )
    )


def test_poll_results_show_with_counts_after_voting(dialogue, english_client):
    page_html = english_client.get(dialogue.url).content.decode()
    assert poll_rows(page_html) == {}

    poll = blocks_by_type(dialogue)["poll"]
    form = poll.block.build_form(poll.value, block_id=poll.id)
    first_option = poll.value["options"].bound_blocks[0]
    prefix = f"dlk-{poll.id}"
    response = english_client.post(
        f"{dialogue.url}participate/{poll.id}/",
        {
            f"{prefix}-submission_key": form.initial["submission_key"],
            f"{prefix}-choice": first_option.id,
        },
        follow=True,
    )

    html = response.content.decode()
    rows = poll_rows(html)
    assert set(rows) == set(demo.MEASURES)
    demo_votes = sum(
        1
        for contribution in demo.CONTRIBUTIONS
        if contribution.block_id == demo.POLL_ID
        and contribution.fields["choice"] == first_option.id
    )
    assert f"({demo_votes + 1} votes)" in rows[first_option.value]
    total = ContributionAnswer.objects.filter(block_id=demo.POLL_ID).count()
    assert f"{total} votes so far" in html


def participation_snapshot():
    counts = {model.__name__: model.objects.count() for model in PARTICIPATION_MODELS}
    rows = list(
        Contribution.objects.order_by("pk").values_list(
            "receipt", "status", "channel", "created_at"
        )
    )
    responses = list(
        OfficialResponse.objects.order_by("pk").values_list(
            "contribution_id", "signed_by_id", "text", "published_at"
        )
    )
    return counts, rows, responses


def test_loading_again_restores_the_moderators_decisions(dialogue):
    # That loading twice stores nothing twice is tested in
    # test_example_site.py, on every model.
    first = participation_snapshot()
    assert all(first[0].values())
    Contribution.objects.filter(
        block_id=demo.VIEWS_ID, status=ContributionStatus.PUBLISHED
    ).update(status=ContributionStatus.REJECTED)
    load_demo()
    assert participation_snapshot() == first
