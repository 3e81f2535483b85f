"""The "give your views" block, end to end through real HTTP: free text,
moderated before it is published, or kept private, as the editor chose."""

from datetime import timedelta

import pytest
from django.utils import timezone

from wagtail_delaktighet.models import Contribution, ContributionAnswer

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    override_delaktighet,
    receipt_shown,
    submit,
    text_of,
    views,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def make_views(consultation_dialogue):
    def make(publication="after_moderation"):
        return consultation_dialogue(body=[views(publication)]).block("views")

    return make


@pytest.fixture
def moderated(make_views):
    return make_views()


def test_views_wait_for_moderation(client, moderated):
    response = moderated.post(
        client, {"text": "Fler bänkar vid dammen.", "display_name": "Ola"}
    )

    assert_redirected_to_block(response, moderated)
    receipt = receipt_shown(client, moderated)
    contribution = Contribution.objects.get()
    assert contribution.receipt == receipt
    assert contribution.block_id == moderated.id
    assert contribution.block_type == "views"
    assert contribution.status == "pending"
    assert contribution.channel == "web"
    assert contribution.display_name == "Ola"
    assert contribution.content == {
        "text": "Fler bänkar vid dammen.",
        "addressed_to": "both",
    }
    assert not ContributionAnswer.objects.exists()


def test_private_views_are_stored_as_not_public(client, make_views):
    private = make_views(publication="private")
    form = private.section(client.get(private.page.url)).find("form")
    # Nothing is published, so there is no name to show either.
    assert form.find(id=private.field_id("display_name")) is None

    response = private.post(client, {"text": "Bara till kommunen."})

    assert_redirected_to_block(response, private)
    receipt_shown(client, private)
    assert Contribution.objects.get().status == "private"


def test_views_without_text_are_refused(client, moderated):
    response = moderated.post(client, {"display_name": "Ola"})

    assert response.status_code == 200
    assert_errors_link_to(response, moderated, ["text"])
    field = moderated.section(response).find(id=moderated.field_id("display_name"))
    assert field["value"] == "Ola"
    assert not Contribution.objects.exists()


@override_delaktighet(MAX_TEXT_LENGTH=20)
def test_oversized_views_are_refused_and_kept(client, moderated):
    response = moderated.post(client, {"text": "y" * 25})

    assert response.status_code == 200
    assert_errors_link_to(response, moderated, ["text"])
    section = moderated.section(response)
    assert section.find(id=moderated.field_id("text")).get_text().strip() == "y" * 25
    assert "at most 20 characters (it has 25)" in text_of(section)
    assert not Contribution.objects.exists()


@pytest.fixture
def listed_views(moderated):
    """Three published views, oldest first, and one pending and one rejected."""
    start = timezone.now() - timedelta(days=3)
    texts = {}
    for n, status in enumerate(
        ["published", "pending", "published", "rejected", "published"]
    ):
        contribution = submit(
            moderated,
            {"text": f"Synpunkt {n} ({status})", "display_name": f"Person {n}"},
            created_at=start + timedelta(hours=n),
        )
        contribution.status = status
        contribution.save(update_fields=["status"])
        texts.setdefault(status, []).append(contribution.content["text"])
    return moderated, texts


def listed(response, block):
    return [
        text_of(item.select_one(".dlk-contribution__text"))
        for item in block.section(response).select(".dlk-contribution")
    ]


@override_delaktighet(CONTRIBUTIONS_PER_PAGE=2)
def test_published_views_are_listed_newest_first_two_per_page(client, listed_views):
    block, texts = listed_views
    newest_first = texts["published"][::-1]

    first = client.get(block.page.url)
    second = client.get(block.page.url, {f"{block.id}-page": 2})

    assert listed(first, block) == newest_first[:2]
    assert listed(second, block) == newest_first[2:]
    heading = block.section(first).select_one(".dlk-results__heading")
    assert text_of(heading) == "3 published views"
    next_link = block.section(first).find("nav").find("a", string="Next")
    assert f"?{block.id}-page=2#{block.anchor}" in next_link["href"]
    assert listed(client.get(next_link["href"]), block) == newest_first[2:]
    for response in (first, second):
        html = text_of(block.section(response))
        for hidden in texts["pending"] + texts["rejected"]:
            assert hidden not in html
    assert "Person 4" in text_of(block.section(first))


def test_private_views_are_never_listed(client, make_views):
    private = make_views(publication="private")
    contribution = submit(private, {"text": "Bara till kommunen."})
    # Even a view marked published by mistake stays off a private block.
    Contribution.objects.filter(pk=contribution.pk).update(status="published")

    section = private.section(client.get(private.page.url))

    assert section.select(".dlk-results") == []
    assert "Bara till kommunen." not in text_of(section)
