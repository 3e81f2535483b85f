"""Wagtail 8's autosave of a dialogue's edit form, through the real admin
edit view: the editor's browser posts the whole form every few seconds,
asking for JSON, and Wagtail saves it as a draft revision (the same one,
overwritten, while the editor stays on the page). The publish rules speak when
the editor publishes, so an incomplete draft autosaves; a live dialogue
autosaves a draft without changing what citizens see."""

import pytest
import wagtail
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests.participation.support import poll, survey, views
from wagtail_delaktighet.models import DialoguePage

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        wagtail.VERSION < (8,),
        reason="autosave of the edit form came with Wagtail 8",
    ),
]

EDIT = "wagtailadmin_pages:edit"
#: What Wagtail's autosave asks for: JSON, not the edit page's HTML.
AUTOSAVE_HEADERS = {"Accept": "application/json"}


def list_block(items):
    """A ListBlock's value as its editor posts it."""
    posted = {
        str(index): {"value": item, "deleted": "", "order": str(index), "id": ""}
        for index, item in enumerate(items)
    }
    return {**posted, "count": str(len(items))}


def as_posted(block_type, value):
    """A consultation block's value (tests/participation/support.py) as the
    StreamField editor posts it: lists as ListBlocks, checkboxes "on"."""
    if block_type == "poll":
        return {**value, "options": list_block(value["options"])}
    if block_type == "survey":
        questions = [
            {
                **question,
                "options": list_block(question["options"]),
                "required": "on" if question["required"] else "",
            }
            for question in value["questions"]
        ]
        return {**value, "questions": list_block(questions)}
    return value


def edit_form(level, body, **overrides):
    """The edit form as the browser posts it: the fields, the body's
    StreamField and every inline panel (one phase filled in)."""
    values = {
        "title": "Parken vid ån",
        "slug": "parken",
        "summary": "Hur ska parken vid ån bli?",
        "purpose": "Att ta reda på vad invånarna vill ha i parken.",
        "question": "Vad saknar du i parken?",
        "influence_level": level.pk,
        "can_influence": rich_text("<p>Utformningen av parken.</p>"),
        "cannot_influence": rich_text("<p>Budgeten.</p>"),
        "input_handling": rich_text("<p>Tjänstepersoner sammanställer.</p>"),
        "opens_at": "2030-01-10 09:00",
        "closes_at": "2030-02-10 17:00",
        "feedback_promised_on": "2030-03-15",
        "decision_timing": "",
        "scope": "",
        "adaptations": rich_text(""),
        "body": streamfield([(kind, as_posted(kind, value)) for kind, value in body]),
        "phases": inline_formset(
            [
                {
                    "kind": "participation",
                    "title": "Tyck till",
                    "starts_on": "2030-01-10",
                    "ends_on": "2030-02-10",
                    "description": "",
                }
            ]
        ),
        "activities": inline_formset([]),
        "dialogue_contacts": inline_formset([]),
        "documents": inline_formset([]),
        "decisions": inline_formset([]),
    }
    values.update(overrides)
    return nested_form_data(values)


def loaded(page):
    """The revision the edit page was loaded at, as its hidden inputs say."""
    revision = DialoguePage.objects.get(pk=page.pk).latest_revision
    return {
        "loaded_revision_id": str(revision.pk),
        "loaded_revision_created_at": revision.created_at.isoformat(),
    }


def autosave(admin, page, data, status=200):
    response = admin.post(reverse(EDIT, args=[page.pk]), data, headers=AUTOSAVE_HEADERS)
    assert response.status_code == status, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/json"
    return response.json()


def block(body_value, block_type):
    return next(child for child in body_value if child.block_type == block_type)


@pytest.fixture
def draft_dialogue(dialogue_index):
    page = DialoguePage(title="Parken vid ån", slug="parken", live=False)
    dialogue_index.add_child(instance=page)
    page.save_revision(clean=False)
    return DialoguePage.objects.get(pk=page.pk)


def test_a_dialogue_with_blocks_and_inline_panels_autosaves_a_revision(
    admin, draft_dialogue, level, body_factory
):
    body = [
        ("paragraph", rich_text("<p>Parken ska rustas upp.</p>")),
        survey(),
        poll(),
        views(),
    ]
    data = {
        **edit_form(level("Konsultation"), body),
        "responsible_body": body_factory().pk,
        **loaded(draft_dialogue),
    }
    revisions_before = draft_dialogue.revisions.count()

    saved = autosave(admin, draft_dialogue, data)

    assert saved["success"] is True, saved
    assert draft_dialogue.revisions.count() == revisions_before + 1
    draft = DialoguePage.objects.get(pk=draft_dialogue.pk)
    assert draft.latest_revision_id == saved["revision_id"]
    content = draft.get_latest_revision_as_object()
    assert [child.block_type for child in content.body] == [
        "paragraph",
        "survey",
        "poll",
        "views",
    ]
    assert block(content.body, "poll").value["question"] == (
        "Vilken färg ska bänkarna ha?"
    )
    [phase] = content.phases.all()
    assert phase.title == "Tyck till"
    assert not Page.objects.get(pk=draft_dialogue.pk).live

    # The next autosave, a moment later, overwrites that revision.
    data["title"] = "Parken vid ån – utkast"
    again = autosave(
        admin,
        draft_dialogue,
        {**data, "overwrite_revision_id": str(saved["revision_id"])},
    )
    assert again["success"] is True, again
    assert again["revision_id"] == saved["revision_id"]
    assert draft_dialogue.revisions.count() == revisions_before + 1
    assert (
        DialoguePage.objects.get(pk=draft_dialogue.pk)
        .get_latest_revision_as_object()
        .title
        == "Parken vid ån – utkast"
    )


def test_an_incomplete_draft_autosaves_without_the_publish_rules(
    admin, draft_dialogue, level
):
    """What publishing requires (purpose, level, dates, a responsible
    body…) is not required of a draft, so autosave keeps the editor's work."""
    data = {
        **edit_form(
            level("Konsultation"),
            [views()],
            purpose="",
            influence_level="",
            can_influence=rich_text(""),
            input_handling=rich_text(""),
            opens_at="",
            closes_at="",
            feedback_promised_on="",
            summary="Ett utkast",
        ),
        **loaded(draft_dialogue),
    }

    saved = autosave(admin, draft_dialogue, data)

    assert saved["success"] is True, saved
    draft = DialoguePage.objects.get(pk=draft_dialogue.pk)
    content = draft.get_latest_revision_as_object()
    assert content.summary == "Ett utkast"
    assert content.influence_level is None
    assert [child.block_type for child in content.body] == ["views"]


def test_a_live_dialogue_autosaves_a_draft_and_publishes_it_later(
    admin, make_dialogue, level, body_factory
):
    page = make_dialogue(body=[views()])
    live_title = page.title
    data = {
        **edit_form(level("Konsultation"), [views(), poll()], title="Ny rubrik"),
        "slug": page.slug,
        "responsible_body": body_factory().pk,
        "involvement_assessment": page.involvement_assessment_id,
        **loaded(page),
    }

    saved = autosave(admin, page, data)

    assert saved["success"] is True, saved
    live = DialoguePage.objects.get(pk=page.pk)
    # Citizens still see the live version; the draft waits.
    assert live.title == live_title
    assert [child.block_type for child in live.body] == ["views"]
    assert live.has_unpublished_changes

    # Publishing from the same editor, after the autosave, succeeds.
    response = admin.post(
        reverse(EDIT, args=[page.pk]),
        {
            **data,
            "overwrite_revision_id": str(saved["revision_id"]),
            "action-publish": "action-publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    published = DialoguePage.objects.get(pk=page.pk)
    assert published.title == "Ny rubrik"
    assert [child.block_type for child in published.body] == ["views", "poll"]


def test_a_draft_that_breaks_a_rule_for_drafts_is_not_autosaved(
    admin, draft_dialogue, level
):
    """Closing before opening is refused on a draft too: autosave gets
    Wagtail's JSON answer (the editor sees "There are validation errors")
    rather than a server error, and nothing is saved."""
    data = {
        **edit_form(
            level("Konsultation"),
            [views()],
            closes_at="2030-01-01 12:00",
            feedback_promised_on="",
        ),
        **loaded(draft_dialogue),
    }
    revisions_before = draft_dialogue.revisions.count()

    refused = autosave(admin, draft_dialogue, data, status=400)

    assert refused["success"] is False
    assert refused["error_code"] == "validation_error"
    assert draft_dialogue.revisions.count() == revisions_before
