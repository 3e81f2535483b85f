"""The ideas block's public list costs the same number of queries for one
idea with one support as for many ideas with many supports: the support
counts come from the stored counters, in the listing's own query, and the
answers in one more."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from wagtail_delaktighet.models import Contact, ContributionStatus
from wagtail_delaktighet.moderation import responses

from .support import ideas, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def block(consultation_dialogue):
    return consultation_dialogue(body=[ideas(publication="at_once")]).block("ideas")


@pytest.fixture
def official(body_factory):
    return Contact.objects.create(
        name="Eva Ek", kind=Contact.Kind.OFFICIAL, title="Planerare"
    )


def add_ideas(block, count, *, supports_each, official, admin_user):
    categories = block.option_ids(block.value["categories"])
    for number in range(count):
        idea = submit(
            block,
            {
                "title": f"Idé {number}",
                "description": "Beskrivning.",
                "category": categories[number % 2],
            },
        )
        assert idea.status == ContributionStatus.PUBLISHED
        for _ in range(supports_each):
            # Offline supports (a paper list) count without a participant.
            submit(block, {"supports": str(idea.pk)}, channel="paper")
        responses.respond(
            idea,
            user=admin_user,
            signed_by=official,
            text="Vi tittar på det.",
            outcome="under_review",
        )


def queries_of(block, params):
    client = Client(headers={"Accept-Language": "en"})
    client.get(block.page.url, params)  # the caches a first view fills
    with CaptureQueriesContext(connection) as captured:
        response = client.get(block.page.url, params)
    assert response.status_code == 200
    return len(captured), response


LISTS = [
    pytest.param("newest", False, id="newest"),
    pytest.param("support", False, id="by-support"),
    pytest.param("support", True, id="by-support-in-a-category"),
]


@pytest.mark.parametrize("sort, filtered", LISTS)
def test_the_list_costs_the_same_for_one_or_many_ideas_and_supports(
    block, official, admin_user, django_assert_max_num_queries, sort, filtered
):
    params = {f"{block.id}-sort": sort}
    if filtered:
        params[f"{block.id}-category"] = block.option_ids(block.value["categories"])[0]
    add_ideas(block, 1, supports_each=1, official=official, admin_user=admin_user)
    few, response = queries_of(block, params)
    assert "1 support" in response.content.decode()

    add_ideas(block, 24, supports_each=3, official=official, admin_user=admin_user)

    with django_assert_max_num_queries(few):
        response = Client(headers={"Accept-Language": "en"}).get(block.page.url, params)
    assert response.status_code == 200
    assert "3 supports" in response.content.decode()
    many, _response = queries_of(block, params)
    assert many == few
