"""The example site's demo dialogues: complete, varied, and restored when
loaded again."""

import re

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Page, Revision

from tests.fixtures.demo import load_demo
from wagtail_delaktighet.models import (
    Area,
    Body,
    Contact,
    DialogueActivity,
    DialogueContact,
    DialogueDecision,
    DialogueDocument,
    DialogueIndexPage,
    DialoguePage,
    DialoguePhase,
    DialogueStatus,
    InfluenceLevel,
    Method,
    StrategicGoal,
    TargetGroup,
    Topic,
    annotate_status,
)
from wagtail_delaktighet.publishing.rules import publish_rule_errors_for_page

CHILD_MODELS = [
    DialoguePhase,
    DialogueActivity,
    DialogueContact,
    DialogueDocument,
    DialogueDecision,
]
SNIPPET_MODELS = [
    Body,
    Contact,
    TargetGroup,
    Area,
    Topic,
    Method,
    StrategicGoal,
    InfluenceLevel,
]
M2M_FIELDS = [
    "coordinating_bodies",
    "target_groups",
    "areas",
    "topics",
    "methods",
    "strategic_goals",
]

#: The phase a dialogue is in today, for each status.
PHASES_FOR_STATUS = {
    DialogueStatus.UPCOMING: {DialoguePhase.Kind.PLANNING},
    DialogueStatus.OPEN: {DialoguePhase.Kind.PARTICIPATION},
    DialogueStatus.CLOSED: {
        DialoguePhase.Kind.ANALYSIS,
        DialoguePhase.Kind.DECISION,
        DialoguePhase.Kind.FEEDBACK,
    },
    DialogueStatus.FEEDBACK_PUBLISHED: {DialoguePhase.Kind.FEEDBACK},
}


def demo_dialogues():
    index = DialogueIndexPage.objects.get(slug="dialoger")
    pages = DialoguePage.objects.child_of(index).live().order_by("path")
    return list(annotate_status(pages).select_related("influence_level"))


@pytest.fixture
def demo(demo_site, db):
    return demo_dialogues()


def test_index_page_is_live_and_in_menus(demo):
    index = DialogueIndexPage.objects.get(slug="dialoger")
    assert index.live and index.show_in_menus
    assert index.title == "Medborgardialoger"
    assert index.intro


def test_dialogues_cover_every_status_and_several_levels(demo):
    assert len(demo) >= 4
    assert {page.status for page in demo} == set(DialogueStatus.values)
    assert len({page.influence_level.name for page in demo}) >= 3
    # The Information step, which accepts no input, is shown too.
    assert any(not page.influence_level.accepts_input for page in demo)


def test_each_dialogue_has_every_part(demo):
    for page in demo:
        kinds = set(page.dialogue_contacts.values_list("contact__kind", flat=True))
        documents = list(page.documents.all())
        assert page.phases.exists(), page.title
        assert page.activities.exists(), page.title
        assert kinds == {Contact.Kind.ELECTED, Contact.Kind.OFFICIAL}, page.title
        assert any(document.document_id for document in documents), page.title
        assert any(document.url for document in documents), page.title
        assert page.decisions.exists(), page.title
        assert page.target_groups.exists() and page.topics.exists(), page.title
        assert page.areas.exists() and page.methods.exists(), page.title
        assert page.strategic_goals.exists(), page.title
        assert [block.block_type for block in page.body][:2] == [
            "heading",
            "paragraph",
        ], page.title


def test_every_activity_says_something_about_accessibility(demo):
    for activity in DialogueActivity.objects.all():
        assert (
            activity.hearing_loop
            or activity.step_free_access
            or activity.easy_read
            or activity.interpreter
            or activity.accessibility_notes
        ), activity.title
    assert DialogueActivity.objects.exclude(registration_url="").exists()


def test_dialogues_follow_the_publishing_rules(demo):
    for page in demo:
        page.full_clean()
        assert publish_rule_errors_for_page(page) == {}, page.title


def test_pages_render_with_the_current_phase_matching_the_status(demo, client):
    assert client.get("/dialoger/").status_code == 200
    for page in demo:
        response = client.get(page.url)
        assert response.status_code == 200, page.title
        current = re.findall(r"<li[^>]*aria-current=\"step\"[^>]*>", response.text)
        assert len(current) == 1, page.title
        kind = re.search(r"dlk-phase--(\w+)", current[0]).group(1)
        assert kind in PHASES_FOR_STATUS[page.status], page.title


def test_an_open_demo_dialogue_is_told_in_easy_read_swedish(demo, client):
    told = [page for page in demo if page.has_easy_read_summary]
    assert told, "no demo dialogue has an easy-read summary"
    assert any(page.status == DialogueStatus.OPEN for page in told)
    for page in told:
        easy_read_url = page.url + page.reverse_subpage("easy_read")
        assert f'href="{easy_read_url}"' in client.get(page.url).text, page.title
        response = client.get(easy_read_url)
        assert response.status_code == 200, page.title
        # Easy-read: short sentences (a paragraph, heading or list item ends
        # one too).
        ended = re.sub(r"</(p|li|h2|h3)>", ".", page.easy_read_summary)
        text = re.sub(r"<[^>]+>", " ", ended)
        sentences = [s for s in re.split(r"[.:?!]", text) if s.strip()]
        assert max(len(s.split()) for s in sentences) <= 15, page.title


def test_contacts_use_fictional_addresses(demo):
    officials = Contact.objects.filter(kind=Contact.Kind.OFFICIAL)
    assert officials.exists()
    for contact in officials:
        assert contact.title and contact.body_id
        assert contact.email.endswith(".example"), contact.email
        assert "555" in contact.phone, contact.phone
    for contact in Contact.objects.filter(kind=Contact.Kind.ELECTED):
        assert contact.body_id, contact.name


def content_snapshot():
    """Counts of every model the demo touches, and the dialogues' values."""
    document_model = get_document_model()
    models = [Page, Revision, document_model, *CHILD_MODELS, *SNIPPET_MODELS]
    counts = {model.__name__: model.objects.count() for model in models}

    own_fields = [
        field.name
        for field in DialoguePage._meta.concrete_fields
        if field.model is DialoguePage and field.name not in {"page_ptr", "body"}
    ]
    pages = {}
    for page in DialoguePage.objects.order_by("path"):
        pages[page.slug] = {
            "fields": {name: getattr(page, name) for name in own_fields},
            "live": page.live,
            "title": page.title,
            "body": page.body.get_prep_value(),
            "m2m": {
                name: sorted(getattr(page, name).values_list("pk", flat=True))
                for name in M2M_FIELDS
            },
            "children": {
                model.__name__: list(
                    model.objects.filter(page=page)
                    .order_by("sort_order", "pk")
                    .values(
                        *[
                            field.attname
                            for field in model._meta.concrete_fields
                            if field.name not in {"id", "page"}
                        ]
                    )
                )
                for model in CHILD_MODELS
            },
        }
    documents = list(document_model.objects.values("title", "file", "file_hash"))
    contacts = list(Contact.objects.values())
    return counts, pages, documents, contacts


def test_loading_again_restores_edited_content_without_duplicates(demo):
    # That loading twice changes nothing at all is tested in
    # test_example_site.py, on every model.
    first = content_snapshot()
    page = DialoguePage.objects.get(slug="trygga-skolvagar-i-bergby")
    page.phases.filter(kind=DialoguePhase.Kind.PLANNING).update(title="Ändrad")
    page.decisions.all().delete()

    load_demo()

    counts, pages, documents, contacts = content_snapshot()
    first_counts, first_pages, *rest = first
    assert pages == first_pages
    assert [documents, contacts] == rest
    # Only the edited page got a new revision.
    assert counts.pop("Revision") == first_counts.pop("Revision") + 1
    assert counts == first_counts
