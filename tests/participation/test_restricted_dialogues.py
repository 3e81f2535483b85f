"""A dialogue behind a view restriction takes no post from someone the
restriction keeps out, whether the restriction is on the dialogue, on a page
above it, or on the page an alias shows. The routing query tells whether a
restriction may apply (models/view_restrictions.py); these are the cases
where one does."""

import pytest
from wagtail.models import PageViewRestriction

from .support import BlockOnPage, survey, valid_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[survey()])


def restrict(page, kind=PageViewRestriction.LOGIN):
    return PageViewRestriction.objects.create(
        page=page, restriction_type=kind, password="hemligt"
    )


def assert_kept_out(response, kind):
    if kind == PageViewRestriction.LOGIN:
        assert response.status_code == 302
        assert "login" in response["Location"]
    else:
        assert response.status_code == 200
        assert b'name="password"' in response.content


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]
)
def test_a_restriction_on_the_dialogue_keeps_a_post_out(client, dialogue, kind):
    block = dialogue.block("survey")
    restrict(dialogue.page, kind)

    assert_kept_out(block.post(client, valid_fields(block)), kind)
    assert not block.contributions().exists()


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]
)
def test_a_restriction_above_the_dialogue_keeps_a_post_out(
    client, dialogue, dialogue_index, kind
):
    block = dialogue.block("survey")
    restrict(dialogue_index, kind)

    assert_kept_out(block.post(client, valid_fields(block)), kind)
    assert not block.contributions().exists()


def test_an_alias_of_a_restricted_dialogue_keeps_a_post_out(
    client, dialogue, dialogue_index
):
    source = dialogue.page
    alias = source.create_alias(parent=dialogue_index, update_slug="alias")
    # Set after the alias was made, so only the source page holds it.
    restrict(source)
    block = BlockOnPage(alias, next(iter(alias.body)))
    assert not alias.view_restrictions.exists()

    assert_kept_out(block.post(client, valid_fields(block)), PageViewRestriction.LOGIN)
    assert not block.contributions().exists()


def test_without_a_restriction_the_post_is_stored(client, dialogue):
    block = dialogue.block("survey")

    response = block.post(client, valid_fields(block))

    assert response.status_code == 302
    assert block.contributions().count() == 1
