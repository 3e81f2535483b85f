"""Blocks follow Wagtail's conventions: every consultation block renders with
Wagtail's own ``{% include_block %}`` (on its dialogue page and elsewhere),
and every block of a dialogue's body has a description and a preview in the
editor's block picker."""

import json

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from django.urls import reverse
from wagtail.admin.telepath import JSContext
from wagtail.blocks import StreamValue

from wagtail_delaktighet.models import DialoguePage

from .support import text_of

pytestmark = pytest.mark.django_db

BUILTIN_TYPES = [
    "survey",
    "poll",
    "views",
    "question",
    "ideas",
    "evaluation",
    "map",
    "points",
    "ranking",
    "budget",
]
CONSULTATION_TYPES = [*BUILTIN_TYPES, "suggestion_box"]


def body_blocks():
    return DialoguePage.body.field.stream_block.child_blocks


#: Wagtail 8 gives a stream child's id to its block's template; on Wagtail
#: 7.4 the template passes it (docs/how-to/templates.md).
PASSES_THE_ID = "render" in StreamValue.StreamChild.__dict__
INCLUDE_BLOCK = "{% load wagtailcore_tags %}{% include_block child %}"
if not PASSES_THE_ID:
    INCLUDE_BLOCK = (
        "{% load wagtailcore_tags %}{% include_block child with block_id=child.id %}"
    )


def render(template, **context):
    return BeautifulSoup(Template(template).render(Context(context)), "html.parser")


@pytest.mark.parametrize("block_type", CONSULTATION_TYPES)
def test_include_block_renders_a_consultation_block_of_a_page_with_its_form(
    consultation_dialogue, block_type
):
    dialogue = consultation_dialogue()
    block = dialogue.block(block_type)

    html = render(INCLUDE_BLOCK, child=block.child, page=dialogue.page)

    section = html.find(id=block.anchor)
    assert section is not None
    form = section.find("form")
    assert form["action"].startswith(block.url)
    assert form.find("input", attrs={"name": block.name("submission_key")})


@pytest.mark.parametrize("block_type", CONSULTATION_TYPES)
def test_include_block_renders_a_consultation_block_without_a_page(
    consultation_dialogue, block_type
):
    block = consultation_dialogue().block(block_type)

    html = render(INCLUDE_BLOCK, child=block.child)

    section = html.find(id=block.anchor)
    assert section.find("form").find("button", attrs={"type": "submit"})


def test_the_dialogue_page_renders_its_blocks_with_include_block(
    client, consultation_dialogue
):
    dialogue = consultation_dialogue()

    page = BeautifulSoup(client.get(dialogue.page.url).content, "html.parser")

    for block in dialogue.blocks:
        section = page.find(id=block.anchor)
        assert section.find("form")["action"].startswith(block.url)
    assert "Parken ska rustas upp." in text_of(page)


@pytest.mark.parametrize(
    "block_type", ["heading", "paragraph", "image", "quote", *BUILTIN_TYPES]
)
def test_every_package_block_has_a_description(block_type):
    block = body_blocks()[block_type]

    assert str(block.get_description())


@pytest.mark.parametrize(
    "block_type", ["heading", "paragraph", "quote", *BUILTIN_TYPES]
)
def test_every_package_block_previews_in_the_block_picker(admin, block_type):
    block = body_blocks()[block_type]

    response = admin.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )

    assert block.is_previewable
    assert response.status_code == 200
    preview = BeautifulSoup(response.content, "html.parser")
    assert preview.select_one("link[href$='delaktighet.css']")
    main = preview.find("main")
    assert text_of(main)
    if block_type in CONSULTATION_TYPES:
        assert main.find("form").find("button", attrs={"type": "submit"})


def test_the_block_picker_offers_the_descriptions_and_previews():
    # What the editor's StreamField widget is given (Wagtail's telepath data).
    packed = json.dumps(JSContext().pack(DialoguePage.body.field.stream_block))

    previewable = ["heading", "paragraph", "quote", *BUILTIN_TYPES]
    for block_type in previewable:
        description = str(body_blocks()[block_type].get_description())
        assert description
        assert json.dumps(description) in packed, block_type
    assert packed.count('"isPreviewable": true') == len(previewable)
