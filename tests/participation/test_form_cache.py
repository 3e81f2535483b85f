"""The rendered fields of a block's fresh form come from Django's cache
(blocks/form_cache.py): what a visitor sees is still right for the page's
current version, their language and themselves alone."""

import re

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from wagtail_delaktighet.models import DialoguePage

from .support import (
    SURVEY_QUESTIONS,
    DialogueWithBlocks,
    error_summary,
    every_block,
    override_delaktighet,
    publish_body,
    survey,
    text_of,
    valid_fields,
    wish_list,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[*every_block(), wish_list()])


def cached_parts(dialogue):
    """The form parts of each block that the cache holds now."""
    page = DialoguePage.objects.get(pk=dialogue.page.pk)
    held = {}
    for block_id, block, value in page.consultation_blocks():
        key = block.form_cache_key(value, block_id=block_id, page=page)
        held[block_id] = {
            part for part in ("content", "identity") if cache.get(f"{key}:{part}")
        }
    return held


def form_of(response, block):
    """The block's own form (not the offer to follow after contributing)."""
    return block.section(response).find("form", action=re.compile(re.escape(block.url)))


def test_a_fresh_form_is_cached_for_every_block_and_served_the_same(client, dialogue):
    first = dialogue.get(client)

    held = cached_parts(dialogue)
    assert all("content" in parts for parts in held.values()), held
    again = dialogue.get(client)
    for block in dialogue.blocks:
        # The same fields, from the cache; only the per-visit key differs.
        fields = {input_["name"] for input_ in form_of(again, block).find_all("input")}
        assert fields == {
            input_["name"] for input_ in form_of(first, block).find_all("input")
        }
        assert text_of(form_of(again, block)) == text_of(form_of(first, block))


def test_a_published_change_to_a_question_shows_at_once(client, dialogue):
    dialogue.get(client)
    changed = [
        {**question, "question": "Hur ofta går du till parken?"}
        if question["kind"] == "short_text"
        else question
        for question in SURVEY_QUESTIONS
    ]

    edited = publish_body(dialogue.page, [survey(changed), wish_list()])
    response = edited.get(client)

    form = text_of(form_of(response, edited.block("survey")))
    assert "Hur ofta går du till parken?" in form
    assert "Vad heter din gata?" not in form


def test_a_published_change_of_the_same_block_id_shows_at_once(client, dialogue):
    """The revision changes while the block keeps its id (an editor edits
    the block in place)."""
    block = dialogue.block("survey")
    dialogue.get(client)
    page = dialogue.page
    raw = page.body.raw_data
    for item in raw:
        if item["id"] == block.id:
            item["value"]["questions"][0]["value"]["question"] = "Var bor du?"
    page.body = raw
    page.save_revision().publish()

    response = DialogueWithBlocks(DialoguePage.objects.get(pk=page.pk)).get(client)

    assert block.section(response).find(string=re.compile("Var bor du")) is not None
    assert block.section(response).find(string=re.compile("Vad heter din gata")) is None


def test_a_draft_does_not_change_the_live_form(client, dialogue):
    dialogue.get(client)
    page = dialogue.page
    page.body = [survey([{**SURVEY_QUESTIONS[0], "question": "Utkast?"}])]
    page.save_revision()

    response = dialogue.get(client)

    assert "Utkast?" not in response.content.decode()
    assert "Vad heter din gata?" in text_of(form_of(response, dialogue.block("survey")))


def test_a_form_with_errors_is_never_served_from_the_cache(new_client, dialogue):
    block = dialogue.block("views")
    sender, other = new_client(), new_client()
    dialogue.get(other)

    rejected = block.post(sender, {"text": "", "display_name": "Hemliga Hanna"})

    assert rejected.status_code == 200
    assert error_summary(rejected, block)
    field = form_of(rejected, block).find("textarea")
    assert field["aria-invalid"] == "true"
    assert 'value="Hemliga Hanna"' in str(form_of(rejected, block))
    for reader in (other, new_client()):
        response = dialogue.get(reader)
        form = form_of(response, block)
        assert "Hemliga Hanna" not in response.content.decode()
        assert form.select(".dlk-field--invalid") == []
        assert form.find("textarea").get("aria-invalid") is None
    assert "content" in cached_parts(dialogue)[block.id]


def test_a_rejected_post_before_any_visit_leaves_no_errors_for_others(
    new_client, dialogue
):
    """The first render of the block is the bound form: it is not stored,
    and the next visitor's fresh form is rendered and cached then."""
    block = dialogue.block("survey")

    block.post(new_client(), {})
    assert cached_parts(dialogue)[block.id] == set()

    response = dialogue.get(new_client())
    assert form_of(response, block).select(".dlk-field--invalid") == []
    assert "content" in cached_parts(dialogue)[block.id]


def test_two_visitors_never_share_a_csrf_token_or_a_form_key(dialogue):
    block = dialogue.block("views")
    first, second = (
        Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
        for _ in range(2)
    )
    pages = [dialogue.get(first), dialogue.get(second)]
    tokens = [CSRF.findall(page.content.decode()) for page in pages]
    keys = [
        form_of(page, block).find("input", {"name": block.name("submission_key")})[
            "value"
        ]
        for page in pages
    ]

    assert keys[0] != keys[1]
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    # The other visitor's token is refused; one's own is accepted.
    crossed = first.post(
        block.url,
        {
            **block.form_data({"text": "Fler bänkar."}, submission_key=keys[0]),
            "csrfmiddlewaretoken": tokens[1][0],
        },
    )
    assert crossed.status_code == 403
    for client, token, key in zip((first, second), tokens, keys, strict=True):
        response = client.post(
            block.url,
            {
                **block.form_data({"text": "Fler bänkar."}, submission_key=key),
                "csrfmiddlewaretoken": token[0],
            },
        )
        assert response.status_code == 302
    assert block.contributions().count() == 2


def test_one_visitors_vote_and_receipt_are_theirs_alone(new_client, dialogue):
    poll = dialogue.block("poll")
    voter, other = new_client(), new_client()
    dialogue.get(other)
    poll.post(voter, valid_fields(poll))

    mine = dialogue.get(voter)
    theirs = dialogue.get(other)

    assert form_of(mine, poll) is None
    assert poll.section(mine).select(".dlk-notice--success")
    assert form_of(theirs, poll) is not None
    assert poll.section(theirs).select(".dlk-notice--success") == []
    assert "You have voted" not in text_of(poll.section(theirs))


def test_each_language_gets_its_own_fields(dialogue):
    english = Client(headers={"Accept-Language": "en"})
    swedish = Client(headers={"Accept-Language": "sv"})
    block = dialogue.block("views")

    dialogue.get(english)
    response = dialogue.get(swedish)

    label = form_of(response, block).find("label", {"for": block.field_id("website")})
    assert text_of(label) == "Lämna det här fältet tomt"
    label = form_of(dialogue.get(english), block).find(
        "label", {"for": block.field_id("website")}
    )
    assert text_of(label) == "Leave this field empty"


def test_site_settings_around_the_fields_show_at_once(client, dialogue, home_page):
    """The privacy link and the public records notice are site settings,
    rendered outside the cached fields."""
    from wagtail.models import Site

    from wagtail_delaktighet.models import DelaktighetSettings

    block = dialogue.block("views")
    before = form_of(dialogue.get(client), block)
    assert before.select(".dlk-form__privacy") == []
    settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = home_page
    settings.public_records_notice = "Allt du skriver är allmän handling."
    settings.save()

    form = form_of(dialogue.get(client), block)

    assert form.select_one(".dlk-form__privacy a")["href"] == home_page.url
    notice = form.select_one(".dlk-form__public-record")
    assert text_of(notice) == "Allt du skriver är allmän handling."


def test_a_timeout_of_0_caches_nothing(client, dialogue):
    with override_delaktighet(FORM_CACHE_TIMEOUT=0):
        response = dialogue.get(client)

        assert form_of(response, dialogue.block("survey")) is not None
        assert cache.get("wagtail_delaktighet:form:") is None
        page = DialoguePage.objects.get(pk=dialogue.page.pk)
        for block_id, block, value in page.consultation_blocks():
            assert block.form_cache_key(value, block_id=block_id, page=page) is None


def test_a_rejected_follow_form_is_never_served_to_others(new_client, dialogue):
    from tests.following.support import follow

    other = new_client()
    dialogue.get(other)

    rejected = follow(new_client(), dialogue.page, "hanna-at-example")

    assert rejected.status_code == 200
    form = BeautifulSoup(rejected.content, "html.parser").select_one(
        "#follow .dlk-follow__form"
    )
    assert form.select_one("input[type=email]")["aria-invalid"] == "true"
    assert 'value="hanna-at-example"' in str(form)
    response = dialogue.get(other)
    assert "hanna-at-example" not in response.content.decode()
    form = BeautifulSoup(response.content, "html.parser").select_one(
        "#follow .dlk-follow__form"
    )
    assert form.select(".dlk-field--invalid") == []
    assert form.select_one("input[type=email]").get("aria-invalid") is None
    assert form.find("input", {"name": "csrfmiddlewaretoken"}) is not None
