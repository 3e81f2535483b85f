"""The influence level as editors choose it: radio buttons, each with the
level's promise and what it requires, in the dialogue's edit and add views
and in the quick start, without JavaScript."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from wagtail_delaktighet.admin.links import quick_start_url
from wagtail_delaktighet.publishing.level_rules import level_requirements

pytestmark = pytest.mark.django_db

RULES_HELP = "What the influence level decides"


def level_choices(response):
    """{level name: (checked, the text under it)} from the rendered form."""
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    choices = {}
    for radio in soup.select('input[type="radio"][name="influence_level"]'):
        label = soup.select_one(f'label[for="{radio["id"]}"]')
        description = soup.find(id=radio["aria-describedby"])
        choices[label.get_text(" ", strip=True)] = (
            radio.has_attr("checked"),
            description.get_text(" ", strip=True),
        )
    return choices, soup.get_text(" ", strip=True)


def assert_every_level_explained(response, ladder):
    choices, text = level_choices(response)
    assert list(choices) == [level.name for level in ladder]
    for level in ladder:
        _checked, description = choices[level.name]
        assert level.promise in description
        for requirement in level_requirements(level):
            assert requirement in description
    assert RULES_HELP in text
    return choices


def test_the_requirements_say_what_each_kind_of_level_asks(ladder):
    information, consultation = ladder[0], ladder[1]

    assert level_requirements(information) == [
        "Takes no input: the body may not have consultation blocks.",
        "No feedback date required.",
    ]
    takes_input, feedback = level_requirements(consultation)
    assert takes_input.startswith("Takes input: the body may have consultation")
    for block in ("Survey", "Poll", "Ask a question"):
        assert block in takes_input
    assert feedback == (
        "Requires a “feedback promised by” date, after the dialogue closes."
    )


def test_the_edit_view_explains_every_level_and_marks_the_chosen_one(
    admin, make_dialogue, level, ladder
):
    page = make_dialogue(influence_level=level("Dialog"))

    response = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    choices = assert_every_level_explained(response, ladder)
    assert [name for name, (checked, _d) in choices.items() if checked] == ["Dialog"]


def test_the_add_view_explains_every_level(admin, dialogue_index, ladder):
    response = admin.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_delaktighet", "dialoguepage", dialogue_index.pk],
        )
    )

    choices = assert_every_level_explained(response, ladder)
    assert not any(checked for checked, _description in choices.values())


def test_the_quick_start_explains_every_level(admin, dialogue_index, ladder):
    assert_every_level_explained(admin.get(quick_start_url()), ladder)


def test_a_level_changed_in_the_ladder_is_explained_as_it_is_now(
    admin, dialogue_index, level, ladder
):
    information = level("Information")
    information.promise = "Vi håller dig underrättad."
    information.accepts_input = True
    information.save()

    choices, _text = level_choices(admin.get(quick_start_url()))

    _checked, description = choices["Information"]
    assert "Vi håller dig underrättad." in description
    assert "Takes input:" in description
