"""The staff side of the plugin interface, read from real blocks on a real
page: what each block says about itself and its contributions, with the
defaults a project's own block gets from its form."""

import json

import pytest

from .support import submit, valid_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


def test_the_page_yields_its_consultation_blocks_in_order(dialogue):
    items = list(dialogue.page.consultation_blocks())

    assert [item.block_id for item in items] == [b.id for b in dialogue.blocks]
    assert [item.block.name for item in items] == [
        "survey",
        "poll",
        "views",
        "question",
        "suggestion_box",
        "ideas",
        "evaluation",
        "map",
        "points",
        "ranking",
        "budget",
    ]
    assert items[1].value["question"] == dialogue.block("poll").value["question"]


def test_each_block_has_a_title_from_what_the_editor_wrote(dialogue):
    titles = {
        item.block.name: item.block.block_title(item.value)
        for item in dialogue.page.consultation_blocks()
    }

    assert titles["survey"] == dialogue.block("survey").value["heading"]
    assert titles["poll"] == dialogue.block("poll").value["question"]
    assert titles["views"] == dialogue.block("views").value["heading"]
    assert titles["question"] == "Ställ en fråga"
    assert titles["suggestion_box"] == "Vad föreslår du?"


def test_the_input_schema_describes_the_form_as_json(dialogue):
    poll = dialogue.block("poll")
    box = dialogue.block("suggestion_box")

    poll_schema = poll.child.block.input_schema(poll.value, page=dialogue.page)
    box_schema = box.child.block.input_schema(box.value)

    json.dumps([poll_schema, box_schema])  # plain data
    assert poll_schema["open"] is True
    assert poll_schema["one_answer_per_participant"] is True
    assert poll_schema["collects_identity"] is False
    [choice] = poll_schema["fields"]
    assert choice["key"] == "choice"
    assert choice["type"] == "choice"
    assert choice["required"] is True
    assert [c["id"] for c in choice["choices"]] == poll.option_ids()
    assert "open" not in box_schema
    suggestion, mood = box_schema["fields"]
    assert suggestion == {
        "key": "suggestion",
        "type": "text",
        "label": "Vad föreslår du?",
        "help_text": "",
        "required": True,
        "multiline": False,
        "max_length": 500,
    }
    assert mood["choices"] == [
        {"id": "happy", "label": "Glad"},
        {"id": "unsure", "label": "Osäker"},
        {"id": "worried", "label": "Orolig"},
    ]


def test_a_closed_dialogue_says_its_blocks_are_not_open(closed_dialogue):
    views = closed_dialogue.block("views")

    schema = views.child.block.input_schema(views.value, page=closed_dialogue.page)

    assert schema["open"] is False


@pytest.mark.parametrize("block_type", ["views", "question", "suggestion_box"])
def test_the_searchable_text_is_what_the_participant_wrote(dialogue, block_type):
    block = dialogue.block(block_type)
    contribution = submit(block, valid_fields(block))

    text = block.child.block.searchable_text(block.value, contribution)

    written = {
        "views": "Fler bänkar vid dammen.",
        "question": "När börjar bygget?",
        "suggestion_box": "Bygg en scen",
    }
    assert text == written[block_type]


def test_a_surveys_answers_read_as_question_and_answer(dialogue):
    survey = dialogue.block("survey")
    contribution = submit(survey, valid_fields(survey))

    lines = survey.child.block.readable_answers(survey.value, contribution)

    # In the survey's order, option ids read as the options' texts.
    assert lines == [
        ("Beskriv parken", "Mörk om kvällarna."),
        ("Vilken entré använder du?", "Norra"),
        ("Hur trygg känner du dig?", "3"),
    ]


def test_answers_to_a_removed_question_are_kept_by_their_key(dialogue):
    survey = dialogue.block("survey")
    contribution = submit(survey, valid_fields(survey))
    contribution.content["answers"]["gone"] = "Ett gammalt svar"

    lines = survey.child.block.readable_answers(survey.value, contribution)

    assert lines[-1] == ("gone", "Ett gammalt svar")
