"""A block type registered by a project (tests.testapp's ``suggestion_box``,
through the CONSULTATION_BLOCKS setting) works end to end like a built-in one."""

import pytest

from wagtail_delaktighet.models import Contribution

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    receipt_shown,
    suggestion_box,
    text_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def box(consultation_dialogue):
    return consultation_dialogue(body=[suggestion_box()]).block("suggestion_box")


def test_its_form_renders_on_the_page(client, box):
    section = box.section(client.get(box.page.url))

    assert text_of(section.find("h2")) == "Vad föreslår du?"
    form = section.find("form")
    assert form["action"].startswith(box.url)
    assert form.find("label", attrs={"for": box.field_id("suggestion")})
    moods = form.find("fieldset", id=box.field_id("mood"))
    assert text_of(moods.find("legend")).startswith("Hur känner du dig?")
    assert [text_of(label) for label in moods.find_all("label")] == [
        "Glad",
        "Osäker",
        "Orolig",
    ]


def test_a_valid_post_is_stored_with_its_answers(client, box):
    response = box.post(client, {"suggestion": "Bygg en scen", "mood": "happy"})

    assert_redirected_to_block(response, box)
    receipt = receipt_shown(client, box)
    contribution = Contribution.objects.get()
    assert contribution.receipt == receipt
    assert contribution.block_id == box.id
    assert contribution.block_type == "suggestion_box"
    assert contribution.status == "private"
    assert contribution.channel == "web"
    assert contribution.content == {"suggestion": "Bygg en scen", "mood": "happy"}
    assert list(contribution.answers.values_list("question_key", "value")) == [
        ("mood", "happy")
    ]


def test_its_results_render(client, new_client, box):
    for mood in ("happy", "worried", "happy"):
        box.post(new_client(), {"suggestion": "Något", "mood": mood})

    section = box.section(client.get(box.page.url))

    moods = text_of(section.select_one(".suggestion-box-moods")).split()
    assert sorted(moods) == ["happy=2", "worried=1"]


def test_invalid_input_is_refused_and_kept(client, box):
    response = box.post(client, {"suggestion": "Bygg en scen", "mood": "angry"})

    assert response.status_code == 200
    assert_errors_link_to(response, box, ["mood"])
    kept = box.section(response).find(id=box.field_id("suggestion"))
    assert kept["value"] == "Bygg en scen"
    assert not Contribution.objects.exists()
