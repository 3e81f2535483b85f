"""Reading dialogues, taxonomies and consultation blocks through the REST
API, in a number of queries that does not grow with the data."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.participation.support import override_delaktighet
from wagtail_delaktighet.models import Topic

from .support import API

pytestmark = pytest.mark.django_db


def get(client, path, **params):
    response = client.get(f"{API}{path}", params)
    assert response.status_code == 200, response.content
    return response.json()


def test_the_listing_filters_like_the_index(client, make_dialogue):
    now = timezone.now()
    parks = Topic.objects.create(name="Parker")
    park = make_dialogue(title="Parken vid ån", topics=[parks])
    make_dialogue(title="Skolvägen")
    make_dialogue(
        title="Biblioteket",
        opens_at=now + timedelta(days=2),
        closes_at=now + timedelta(days=9),
    )

    def titles(**params):
        return [row["title"] for row in get(client, "dialogues/", **params)["results"]]

    assert set(titles()) == {"Parken vid ån", "Skolvägen", "Biblioteket"}
    assert titles(status="upcoming") == ["Biblioteket"]
    assert titles(topic=parks.pk) == ["Parken vid ån"]
    assert titles(q="parken vid") == ["Parken vid ån"]
    assert titles(level=park.influence_level_id, topic=parks.pk) == ["Parken vid ån"]
    page = get(client, "dialogues/", page_size=2)
    assert (page["count"], page["pages"], len(page["results"])) == (3, 2, 2)
    assert "page=2" in page["next"]


def test_a_bad_filter_is_a_400_naming_it(client):
    response = client.get(f"{API}dialogues/", {"status": "sometime", "topic": "x"})
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"status", "topic"}


def test_the_detail_has_every_public_field(client, filled_dialogue):
    page = filled_dialogue()
    data = get(client, f"dialogues/{page.pk}/")
    assert data["influence_level"]["promise"]
    assert data["influence_level"]["step"] == 2
    assert [phase["title"] for phase in data["phases"]] == ["Fas 0", "Fas 1"]
    assert len(data["activities"]) == len(data["documents"]) == 2
    assert data["decisions"][0]["paragraph"] == "§ 1"
    listening = {person["name"]: person for person in data["listening"]}
    # An elected representative's own contact details are not published.
    assert listening["Anna Andersson"]["email"] is None
    assert listening["Bo Berg"]["email"] == "bo.berg@alvby.example"
    assert data["can_influence"] == "<p>Utformningen av platsen.</p>"
    assert data["feedback_url"].endswith(f"/dialogues/{page.pk}/feedback/")


def test_unpublished_and_unknown_dialogues_are_404(client, make_dialogue):
    page = make_dialogue()
    page.unpublish()
    assert client.get(f"{API}dialogues/{page.pk}/").status_code == 404
    assert client.get(f"{API}dialogues/999999/").status_code == 404


def test_taxonomies(client, ladder, body_factory):
    Topic.objects.create(name="Trafik")
    body_factory("Kommunstyrelsen")
    levels = get(client, "influence-levels/")
    assert [level["name"] for level in levels] == [level.name for level in ladder]
    assert [level["step"] for level in levels] == list(range(1, len(ladder) + 1))
    assert all(level["promise"] for level in levels)
    assert [topic["name"] for topic in get(client, "topics/")] == ["Trafik"]
    assert get(client, "bodies/")[0]["name"] == "Kommunstyrelsen"
    assert get(client, "areas/") == get(client, "target-groups/") == []


def test_blocks_give_their_input_schema_and_whether_open(
    client, consultation_dialogue, closed_dialogue
):
    dialogue = consultation_dialogue()
    blocks = get(client, f"dialogues/{dialogue.page.pk}/blocks/")
    assert [b["block_id"] for b in blocks] == [b.id for b in dialogue.blocks]
    for described, block in zip(blocks, dialogue.blocks, strict=True):
        schema = block.child.block.input_schema(block.value, page=dialogue.page)
        assert described["fields"] == schema["fields"]
        assert described["open"] is True
        assert described["not_open"] is None
    closed = get(client, f"dialogues/{closed_dialogue.page.pk}/blocks/")
    assert {b["open"] for b in closed} == {False}
    assert {b["not_open"]["code"] for b in closed} == {"not_open"}


def test_the_api_can_be_switched_off(client, make_dialogue):
    page = make_dialogue()
    with override_delaktighet(REST_API=False):
        assert client.get(f"{API}dialogues/").status_code == 404
        assert client.get(f"{API}dialogues/{page.pk}/").status_code == 404
        assert client.get(f"{API}schema/").status_code == 404
    assert client.get(f"{API}dialogues/").status_code == 200


def queries(client, path, **params):
    client.get(path, params)  # warms per-process caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, params)
    assert response.status_code == 200
    return len(captured)


def test_query_counts_do_not_grow_with_the_dialogues(client, filled_dialogue):
    made = [filled_dialogue(count=2) for _ in range(2)]
    few_list = queries(client, f"{API}dialogues/", page_size=20)
    few_detail = queries(client, f"{API}dialogues/{made[0].pk}/")
    made += [filled_dialogue(count=5) for _ in range(18)]
    assert queries(client, f"{API}dialogues/", page_size=20) == few_list
    assert queries(client, f"{API}dialogues/{made[-1].pk}/") == few_detail
    assert few_list <= 15
    assert few_detail <= 15
