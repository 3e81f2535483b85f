"""Official answers to views: staff answer a published (or pending) view in
the admin, as they answer questions, and the answer shows under the view in
the block's public list. Answering is a block capability
(``blocks.official_responses.AnsweredPublicly``); the page's queries do not
grow with the number of answers, and its cached content follows them."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.participation.support import (
    override_delaktighet,
    submit,
    text_of,
    views,
)
from wagtail_delaktighet import moderation
from wagtail_delaktighet.blocks.official_responses import AnsweredPublicly
from wagtail_delaktighet.blocks.opinions import ViewsBlock
from wagtail_delaktighet.blocks.question import QuestionBlock
from wagtail_delaktighet.models import Contact, OfficialResponse
from wagtail_delaktighet.views.dialogue_content_cache import CACHED_CONTENT

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def councillor(body_factory):
    return Contact.objects.create(
        name="Anna Ordförande",
        kind=Contact.Kind.ELECTED,
        title="Ordförande",
        body=body_factory(name="Tekniska nämnden"),
    )


@pytest.fixture
def opinions(consultation_dialogue):
    return consultation_dialogue(body=[views()]).block("views")


def respond_url(contribution):
    return reverse("wagtail_delaktighet_admin:respond", args=[contribution.pk])


def answer(client, contribution, contact, text):
    return client.post(
        respond_url(contribution),
        {"signed_by": contact.pk, "text": text, "action": "publish"},
    )


def visit(page):
    """The public page as an anonymous visitor sees it, and its queries."""
    client = Client(headers={"Accept-Language": "en"})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(page.url)
    assert response.status_code == 200
    return response, len(queries)


def listed_views(block, response):
    return block.section(response).select(".dlk-contribution")


def test_views_and_questions_take_answers_as_a_block_capability():
    assert issubclass(ViewsBlock, AnsweredPublicly)
    assert issubclass(QuestionBlock, AnsweredPublicly)
    assert ViewsBlock().accepts_official_responses


def test_staff_answer_a_view_and_the_answer_shows_under_it(admin, opinions, councillor):
    view = submit(opinions, {"text": "Fler bänkar vid dammen.", "display_name": "Ola"})
    moderation.approve(view, user=None)

    form = admin.get(respond_url(view))
    assert form.status_code == 200
    page = BeautifulSoup(form.content, "html.parser")
    assert text_of(page.select_one("#header-title")) == "Answer a contribution"
    assert "Fler bänkar vid dammen." in text_of(page)

    response = answer(admin, view, councillor, "Vi ställer ut fler bänkar i maj.")

    assert response.status_code == 302
    [answered] = OfficialResponse.objects.all()
    assert answered.contribution == view and answered.is_published
    [listed] = listed_views(opinions, visit(opinions.page)[0])
    assert "Fler bänkar vid dammen." in text_of(listed)
    signed = text_of(listed.select_one(".dlk-response__signed"))
    assert signed == (
        "Answered by Anna Ordförande, elected representative for Tekniska "
        "nämnden (Ordförande)"
    )
    assert "Vi ställer ut fler bänkar i maj." in text_of(
        listed.select_one(".dlk-response__text")
    )


def test_answering_a_pending_view_publishes_it_with_its_answer(
    admin, opinions, councillor
):
    view = submit(opinions, {"text": "En plaskdamm, tack."})

    assert (
        answer(admin, view, councillor, "Den finns med i förslaget.").status_code == 302
    )

    [listed] = listed_views(opinions, visit(opinions.page)[0])
    assert "Den finns med i förslaget." in text_of(listed)


def test_the_contribution_detail_offers_to_answer_a_view(admin, opinions):
    view = submit(opinions, {"text": "Belysning på stigen."})

    detail = admin.get(reverse("wagtail_delaktighet_admin:detail", args=[view.pk]))

    assert detail.status_code == 200
    links = BeautifulSoup(detail.content, "html.parser").find_all(
        "a", href=respond_url(view)
    )
    assert [text_of(link) for link in links] == ["Answer publicly"]


def test_the_page_costs_the_same_queries_with_one_answer_or_many(
    editor, opinions, councillor
):
    from wagtail_delaktighet.moderation import responses

    def answered_view(n):
        view = submit(opinions, {"text": f"Synpunkt {n}"})
        responses.respond(view, user=editor, signed_by=councillor, text=f"Svar {n}")

    answered_view(0)
    # The content cache off: every view renders the block's list afresh.
    with override_delaktighet(CONTENT_CACHE_TIMEOUT=0):
        visit(opinions.page)
        _page, one = visit(opinions.page)
        for n in range(1, 6):
            answered_view(n)
        page, many = visit(opinions.page)

    assert len(listed_views(opinions, page)) == 6
    assert len(page.content.decode().split('class="dlk-response"')) == 7
    assert many == one


def test_an_answer_to_a_view_renews_the_cached_page(editor, opinions, councillor):
    from wagtail_delaktighet.moderation import responses

    view = submit(opinions, {"text": "Fler papperskorgar."})
    moderation.approve(view, user=editor)
    visit(opinions.page)
    cached, _queries = visit(opinions.page)
    assert cached.context.get(CACHED_CONTENT) is not None

    answer = responses.respond(
        view, user=editor, signed_by=councillor, text="Tre nya i juni."
    )
    answered, _queries = visit(opinions.page)
    assert "Tre nya i juni." in text_of(listed_views(opinions, answered)[0])

    responses.unpublish_response(answer, user=editor)
    unpublished, _queries = visit(opinions.page)
    assert "Tre nya i juni." not in text_of(listed_views(opinions, unpublished)[0])

    OfficialResponse.objects.filter(pk=answer.pk).delete()
    assert OfficialResponse.objects.count() == 0
    responses.respond(view, user=editor, signed_by=councillor, text="Fyra i juli.")
    again, _queries = visit(opinions.page)
    assert "Fyra i juli." in text_of(listed_views(opinions, again)[0])
