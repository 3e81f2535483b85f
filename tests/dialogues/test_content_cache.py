"""A dialogue page's content served from Django's cache
(views/dialogue_content_cache.py): the same page for every visitor who would
see the same, each with a CSRF token and submission keys of their own, and
every change to what it shows on the page at the next view."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.participation.support import (
    override_delaktighet,
    poll,
    question,
    submit,
    suggestion_box,
    survey,
    text_of,
    valid_fields,
    views,
)
from wagtail_delaktighet.models import Contact, DialoguePage
from wagtail_delaktighet.moderation import decisions, responses
from wagtail_delaktighet.participation import counters
from wagtail_delaktighet.views.dialogue_content_cache import CACHED_CONTENT, stand_in

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SUBMISSION_KEY = re.compile(r'submission_key" value="([0-9a-f]{32})"')


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def english():
    return Client(headers={"Accept-Language": "en"})


def view(client, page, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url, params)
    assert response.status_code == 200
    return response, len(queries)


def without_tokens(response):
    html = CSRF.sub("", response.content.decode())
    return SUBMISSION_KEY.sub("", html)


def served_from_cache(response):
    return response.context.get(CACHED_CONTENT) is not None


def votes_shown(response, block):
    return text_of(block.section(response).select_one(".dlk-results"))


@pytest.fixture
def moderator():
    return get_user_model().objects.create_superuser("mod", "mod@example.org", "x")


def test_a_second_view_is_served_from_the_cache_with_tokens_of_its_own(
    consultation_dialogue,
):
    dialogue = consultation_dialogue(body=[survey(), poll(), views(), question()])
    client = Client()
    first, first_queries = view(client, dialogue.page)
    second, second_queries = view(client, dialogue.page)

    assert served_from_cache(second)
    assert second_queries < first_queries
    assert without_tokens(second) == without_tokens(first)
    # A submission key of its own for each form of each view.
    first_keys = SUBMISSION_KEY.findall(first.content.decode())
    second_keys = SUBMISSION_KEY.findall(second.content.decode())
    assert len(second_keys) == len(dialogue.blocks)
    assert len(set(first_keys + second_keys)) == 2 * len(dialogue.blocks)
    for name in ("csrf", "submission-key"):
        assert stand_in(name) not in second.content.decode()


def test_a_form_from_a_cached_page_posts_with_the_csrf_check_on(
    consultation_dialogue,
):
    dialogue = consultation_dialogue(body=[views()])
    block = dialogue.block("views")
    client = Client(enforce_csrf_checks=True)
    view(client, dialogue.page)
    page, _queries = view(client, dialogue.page)  # from the cache
    html = page.content.decode()
    token = CSRF.search(html).group(1)
    data = block.form_data({"text": "Fler bänkar."})
    data[block.name("submission_key")] = SUBMISSION_KEY.search(html).group(1)
    data["csrfmiddlewaretoken"] = token

    response = client.post(block.url, data)

    assert response.status_code == 302
    assert block.contributions().count() == 1


def a_voter(dialogue):
    """A client that has voted in the dialogue's poll and read its receipt:
    it sees the results."""
    block = dialogue.block("poll")
    voter = english()
    assert block.post(voter, valid_fields(block)).status_code == 302
    view(voter, dialogue.page)
    return voter


def test_a_vote_is_on_the_page_at_the_next_view(consultation_dialogue):
    dialogue = consultation_dialogue(body=[poll()])
    block = dialogue.block("poll")
    voter = a_voter(dialogue)
    before, _queries = view(voter, dialogue.page)
    assert served_from_cache(view(voter, dialogue.page)[0])
    assert "1 vote so far" in votes_shown(before, block)

    submit(block, valid_fields(block))

    after, _queries = view(voter, dialogue.page)
    assert "2 votes so far" in votes_shown(after, block)


def test_a_voter_and_a_reader_are_served_their_own_pages(consultation_dialogue):
    dialogue = consultation_dialogue(body=[poll()])
    block = dialogue.block("poll")
    reader = english()
    view(reader, dialogue.page)
    voter = a_voter(dialogue)

    voter_page, _queries = view(voter, dialogue.page)
    reader_page, _queries = view(reader, dialogue.page)

    assert "You have voted" in text_of(block.section(voter_page))
    assert block.section(voter_page).select(".dlk-results__row")
    assert "You have voted" not in text_of(block.section(reader_page))
    assert block.section(reader_page).select("form")


def test_the_receipt_is_shown_once_and_never_cached(consultation_dialogue):
    dialogue = consultation_dialogue(body=[views()])
    block = dialogue.block("views")
    client = english()
    view(client, dialogue.page)
    assert block.post(client, {"text": "Fler bänkar."}).status_code == 302

    with_receipt, _queries = view(client, dialogue.page)
    later, _queries = view(client, dialogue.page)

    assert block.section(with_receipt).select(".dlk-notice--success")
    assert not block.section(later).select(".dlk-notice--success")
    assert not block.section(view(Client(), dialogue.page)[0]).select(
        ".dlk-notice--success"
    )


def test_moderation_and_official_answers_are_on_the_page_at_the_next_view(
    consultation_dialogue, moderator, body_factory
):
    dialogue = consultation_dialogue(body=[views(), question()])
    views_block, question_block = dialogue.block("views"), dialogue.block("question")
    opinion = submit(views_block, {"text": "Fler bänkar."})
    asked = submit(question_block, {"question": "När börjar bygget?"})
    reader = english()
    view(reader, dialogue.page)
    page, _queries = view(reader, dialogue.page)
    assert "Fler bänkar." not in text_of(views_block.section(page))

    decisions.approve(opinion, user=moderator)
    page, _queries = view(reader, dialogue.page)
    assert "Fler bänkar." in text_of(views_block.section(page))

    opinion.content = {**opinion.content, "text": "Fler bänkar vid dammen."}
    opinion.save()
    page, _queries = view(reader, dialogue.page)
    assert "Fler bänkar vid dammen." in text_of(views_block.section(page))

    decisions.approve(asked, user=moderator)
    official = Contact.objects.create(
        name="Eva Ek",
        kind=Contact.Kind.OFFICIAL,
        title="Projektledare",
        body=body_factory("Stadsbyggnadsförvaltningen"),
    )
    responses.respond(asked, user=moderator, signed_by=official, text="Till våren.")
    page, _queries = view(reader, dialogue.page)
    assert "Till våren." in text_of(question_block.section(page))


def test_the_page_closes_on_time_without_a_change_to_it(consultation_dialogue):
    dialogue = consultation_dialogue(body=[views()])
    block = dialogue.block("views")
    reader = english()
    view(reader, dialogue.page)
    page, _queries = view(reader, dialogue.page)
    assert block.section(page).select("form")

    # The clock passes the closing time: no save, no signal.
    DialoguePage.objects.filter(pk=dialogue.page.pk).update(
        closes_at=timezone.now() - timedelta(minutes=1)
    )

    page, _queries = view(reader, dialogue.page)
    assert not block.section(page).select("form")


def test_rebuilt_counters_are_on_the_page_at_the_next_view(consultation_dialogue):
    dialogue = consultation_dialogue(body=[poll()])
    block = dialogue.block("poll")
    voter = a_voter(dialogue)
    # A count gone wrong (a bulk import, a restore), then rebuilt.
    counters.add(dialogue.page.pk, [(block.id, "choice", block.option_ids()[0])], 5)
    assert "6 votes so far" in votes_shown(view(voter, dialogue.page)[0], block)
    assert served_from_cache(view(voter, dialogue.page)[0])

    counters.rebuild(dialogue.page)

    assert "1 vote so far" in votes_shown(view(voter, dialogue.page)[0], block)


@pytest.mark.parametrize(
    "case", ["query string", "signed in", "caching off", "block without a variant"]
)
def test_what_is_never_served_from_the_cache(case, consultation_dialogue, moderator):
    body = [suggestion_box()] if case == "block without a variant" else [views()]
    dialogue = consultation_dialogue(body=body)
    client = Client()
    params = {}
    if case == "query string":
        params = {f"{dialogue.blocks[0].id}-page": "1"}
    if case == "signed in":
        client.force_login(moderator)
    setting = {"CONTENT_CACHE_TIMEOUT": 0} if case == "caching off" else {}
    with override_delaktighet(**setting):
        responses = [view(client, dialogue.page, **params)[0] for _n in range(3)]

    assert not any(served_from_cache(response) for response in responses)
    assert dialogue.blocks[0].section(responses[-1]).select("form")


def test_a_plain_view_is_served_from_the_cache(consultation_dialogue):
    # The counterpart of the cases above.
    dialogue = consultation_dialogue(body=[views()])
    client = Client()
    first, second = view(client, dialogue.page)[0], view(client, dialogue.page)[0]
    assert not served_from_cache(first)
    assert served_from_cache(second)
