"""Editors read help texts and panel headings in words: none of them cites the
participation policy's principle numbers (P1–P8), which editors do not know.
The mapping from principle to feature lives in docs/explanation/principles.md."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.translation import override
from wagtail import blocks

from wagtail_delaktighet.models import DialoguePage

PRINCIPLE = re.compile(r"\bP[1-8]\b")


def _model_texts():
    for model in apps.get_app_config("wagtail_delaktighet").get_models():
        for field in model._meta.get_fields():
            for attr in ("help_text", "verbose_name"):
                text = getattr(field, attr, "")
                if text:
                    yield f"{model.__name__}.{field.name}.{attr}", str(text)


def _panel_texts(panel, where):
    for attr in ("heading", "help_text", "label"):
        text = getattr(panel, attr, "")
        if text:
            yield f"{where}.{attr}", str(text)
    for child in getattr(panel, "children", []):
        yield from _panel_texts(child, f"{where}/{type(child).__name__}")


def _edit_handler_texts():
    for model in apps.get_app_config("wagtail_delaktighet").get_models():
        edit_handler = getattr(model, "edit_handler", None)
        if edit_handler is not None:
            yield from _panel_texts(edit_handler, model.__name__)
        # Inline models (activities, contacts…) show their own panels.
        for panel in getattr(model, "panels", None) or []:
            yield from _panel_texts(panel, f"{model.__name__}.panels")


def _block_texts(block, where):
    for attr in ("help_text", "label"):
        text = getattr(block.meta, attr, "")
        if text:
            yield f"{where}.{attr}", str(text)
    for name, child in getattr(block, "child_blocks", {}).items():
        yield from _block_texts(child, f"{where}/{name}")
    if isinstance(block, blocks.ListBlock):
        yield from _block_texts(block.child_block, f"{where}/item")


@pytest.mark.parametrize("language", ["en", "sv"])
def test_no_help_text_or_heading_cites_a_principle_number(language):
    body_block = DialoguePage._meta.get_field("body").stream_block
    with override(language):
        texts = [
            *_model_texts(),
            *_edit_handler_texts(),
            *_block_texts(body_block, "DialoguePage.body"),
        ]
        cited = [(where, text) for where, text in texts if PRINCIPLE.search(text)]
    # The walk reaches the help texts it is meant to check.
    assert any(w == "DialoguePage.purpose.help_text" for w, _ in texts)
    assert any("DialogueActivity.panels" in w for w, _ in texts)
    assert not cited, cited


@pytest.mark.django_db
def test_the_dialogue_edit_view_shows_no_principle_number(admin, make_dialogue):
    page = make_dialogue()
    response = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "so they know how much they can influence" in content
    assert not re.search(r"\(P[1-8]\b|\bP[1-8]:", content)
