"""The admin: the "Participation" snippets menu, the snippet views, the
ladder's order, and the dialogue page's edit and create views."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import admin_menu
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from wagtail_delaktighet.models import (
    Area,
    Body,
    Contact,
    DialogueEvaluation,
    DialoguePage,
    InfluenceLevel,
    InvolvementAssessment,
    Method,
    RejectionReason,
    StrategicGoal,
    TargetGroup,
    Topic,
)

pytestmark = pytest.mark.django_db

SNIPPET_MODELS = [
    InvolvementAssessment,
    DialogueEvaluation,
    InfluenceLevel,
    Body,
    Contact,
    TargetGroup,
    Area,
    Topic,
    Method,
    StrategicGoal,
    RejectionReason,
]


@pytest.fixture
def snippets(ladder, body_factory, make_assessment, make_dialogue):
    """One row of every snippet, so listings render real rows."""
    committee = body_factory()
    make_assessment(responsible_body=committee)
    now = timezone.now()
    closed = make_dialogue(
        opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=2)
    )
    DialogueEvaluation.objects.create(
        dialogue=closed,
        target_groups_reached="yes",
        method_suitable="yes",
        lessons="Börja tidigare.",
        overall_rating=4,
    )
    Contact.objects.create(
        name="Anna Andersson",
        kind=Contact.Kind.ELECTED,
        title="Ordförande",
        body=committee,
    )
    Contact.objects.create(
        name="Bo Berg", kind=Contact.Kind.OFFICIAL, title="Planarkitekt"
    )
    for model in (TargetGroup, Area, Topic, Method, StrategicGoal):
        model.objects.create(name=f"Ett exempel på {model._meta.model_name}")


def snippet_url(model, view_name, *args):
    return reverse(model.snippet_viewset.get_url_name(view_name), args=args)


@pytest.mark.parametrize("model", SNIPPET_MODELS, ids=lambda m: m.__name__)
def test_snippet_listing_and_create_view_render(admin, snippets, model):
    listing = admin.get(snippet_url(model, "list"))
    assert listing.status_code == 200
    first = model.objects.first()
    assert first is not None
    assert str(first) in listing.content.decode()

    create = admin.get(snippet_url(model, "add"))
    assert create.status_code == 200


def test_contacts_can_be_filtered_by_kind_and_body(admin, snippets):
    url = snippet_url(Contact, "list")

    elected = admin.get(url, {"kind": "elected"}).content.decode()
    assert "Anna Andersson" in elected
    assert "Bo Berg" not in elected

    committee = Body.objects.get()
    by_body = admin.get(url, {"body": committee.pk}).content.decode()
    assert "Anna Andersson" in by_body
    assert "Bo Berg" not in by_body


def test_snippets_are_grouped_in_one_participation_menu(editor):
    request = RequestFactory().get("/admin/")
    request.user = editor
    items = {item.name: item for item in admin_menu.menu_items_for_request(request)}

    group = items["participation"]
    assert str(group.label) == "Participation"
    assert group.icon_name
    submenu_urls = {item.url for item in group.menu.menu_items_for_request(request)}
    assert submenu_urls == {snippet_url(model, "list") for model in SNIPPET_MODELS}


def test_participation_menu_shows_in_the_admin(admin):
    response = admin.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert "Participation" in response.content.decode()


def test_an_influence_level_can_be_renamed(admin, ladder):
    consultation = ladder[1]
    response = admin.post(
        snippet_url(InfluenceLevel, "edit", consultation.pk),
        {
            "name": "Samråd",
            "promise": consultation.promise,
            "explanation": consultation.explanation,
            "accepts_input": "on",
            "requires_feedback_date": "on",
        },
    )
    assert response.status_code == 302
    consultation.refresh_from_db()
    assert consultation.name == "Samråd"
    assert consultation.accepts_input and consultation.requires_feedback_date


def test_an_influence_level_can_be_moved_on_the_ladder(admin, ladder):
    listing_url = snippet_url(InfluenceLevel, "list")
    # The listing offers the drag-and-drop order (sort_order_field).
    assert "?ordering=sort_order" in admin.get(listing_url).content.decode()
    sorting = admin.get(listing_url, {"ordering": "sort_order"}).content.decode()
    assert snippet_url(InfluenceLevel, "reorder", 999999) in sorting

    last = ladder[-1]
    response = admin.post(
        snippet_url(InfluenceLevel, "reorder", last.pk) + "?position=0"
    )

    assert response.status_code == 200
    names = list(InfluenceLevel.objects.values_list("name", flat=True))
    assert names == [last.name] + [level.name for level in ladder[:-1]]


def test_dialogue_edit_view_shows_the_tabs(admin, make_dialogue):
    page = make_dialogue()

    response = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    tabs = [tab.get_text(" ", strip=True) for tab in soup.select('[role="tab"]')]
    for heading in (
        "Content",
        "Purpose and influence",
        "Timeline and activities",
        "People and bodies",
        "Documents",
    ):
        assert any(tab.startswith(heading) for tab in tabs), (heading, tabs)


def test_dialogue_index_and_dialogue_can_be_added(admin, home_page, dialogue_index):
    add_index = admin.get(
        reverse(
            "wagtailadmin_pages:add",
            args=["wagtail_delaktighet", "dialogueindexpage", home_page.pk],
        )
    )
    assert add_index.status_code == 200

    add_dialogue_url = reverse(
        "wagtailadmin_pages:add",
        args=["wagtail_delaktighet", "dialoguepage", dialogue_index.pk],
    )
    assert admin.get(add_dialogue_url).status_code == 200

    # A new dialogue starts as a draft with only a title.
    response = admin.post(
        add_dialogue_url,
        nested_form_data(
            {
                "title": "Ny dialog",
                "slug": "ny-dialog",
                "body": streamfield([]),
                **{
                    name: inline_formset([])
                    for name in (
                        "phases",
                        "activities",
                        "dialogue_contacts",
                        "documents",
                        "decisions",
                    )
                },
            }
        ),
    )
    assert response.status_code == 302
    created = DialoguePage.objects.get(slug="ny-dialog")
    assert not created.live
    assert created.get_parent().pk == dialogue_index.pk
