"""The quick start ("New dialogue"): a short admin form that makes a draft
dialogue which meets the publish rules as it stands, so an editor can press
Publish in Wagtail's edit view without changing anything."""

from datetime import datetime, timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from wagtail.models import GroupPagePermission, PageLogEntry

from tests.dialogues.admin_forms import publish_unchanged
from tests.fixtures.dialogues import create_assessment
from wagtail_delaktighet.admin.links import quick_start_url
from wagtail_delaktighet.admin.starter_dialogue import FEEDBACK_AFTER_CLOSING
from wagtail_delaktighet.models import DialoguePage, InfluenceLevel

pytestmark = pytest.mark.django_db

QUESTION = "Hur vill du att Stadsparken ska se ut?"


def grant(user, page, *codenames):
    """Give ``user``'s group the page permissions ``codenames`` on ``page``."""
    group = user.groups.get()
    for codename in codenames:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@pytest.fixture
def web_editor(client, make_staff_user, dialogue_index):
    """A web editor who may add, edit and publish dialogues under the index,
    logged in with an English admin."""
    user = make_staff_user("webbredaktor", pages=[dialogue_index])
    grant(user, dialogue_index, "add_page", "publish_page")
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return user


def local(day, hour=0):
    return timezone.make_aware(datetime.combine(day, datetime.min.time())).replace(
        hour=hour
    )


def answers(level, body, **overrides):
    """The quick start's answers: open in a week, for four weeks, with the
    assessment that decided to involve residents."""
    today = timezone.localdate()
    values = {
        "title": "Stadsparken",
        "question": QUESTION,
        "responsible_body": body.pk,
        "involvement_assessment": create_assessment(body).pk,
        "influence_level": level.pk,
        "opens_at": f"{today + timedelta(days=7)} 09:00",
        "closes_at": f"{today + timedelta(days=35)} 17:00",
    }
    values.update(overrides)
    return values


def errors_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(e.get_text(" ", strip=True) for e in soup.select(".error-message"))


def test_the_dashboard_offers_a_new_dialogue_before_there_is_any(
    client, web_editor, ladder
):
    assert not DialoguePage.objects.exists()

    response = client.get(reverse("wagtailadmin_home"))

    soup = BeautifulSoup(response.content, "html.parser")
    link = soup.select_one(f'#dlk-participation-section a[href="{quick_start_url()}"]')
    assert link is not None
    assert link.get_text(strip=True) == "New dialogue"


def test_a_dialogue_index_offers_a_new_dialogue_in_its_menus(
    admin, dialogue_index, home_page
):
    url = quick_start_url(dialogue_index)
    # Its header, exploring it or editing it, and its row in a listing.
    listing = admin.get(reverse("wagtailadmin_explore", args=[dialogue_index.pk]))
    edit = admin.get(reverse("wagtailadmin_pages:edit", args=[dialogue_index.pk]))
    parent = admin.get(reverse("wagtailadmin_explore", args=[home_page.pk]))

    for response in (listing, edit, parent):
        assert response.status_code == 200
        assert f'href="{url}"'.replace("&", "&amp;") in response.content.decode()


def test_users_who_may_not_add_dialogues_are_refused(
    client, make_staff_user, dialogue_index, ladder, body_factory
):
    client.force_login(make_staff_user("lasare", pages=[dialogue_index]))

    # Wagtail's answer to a permission denied: back to the dashboard.
    refused = reverse("wagtailadmin_home")
    assert client.get(quick_start_url())["Location"] == refused
    response = client.post(quick_start_url(), answers(ladder[1], body_factory()))
    assert response["Location"] == refused
    assert not DialoguePage.objects.exists()
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert quick_start_url() not in home
    index = client.get(reverse("wagtailadmin_explore", args=[dialogue_index.pk]))
    assert index.status_code == 200
    assert quick_start_url() not in index.content.decode()


def test_the_draft_has_the_answers_history_and_starter_content(
    client, web_editor, dialogue_index, level, body_factory
):
    consultation = level("Konsultation")
    body = body_factory()

    response = client.post(quick_start_url(), answers(consultation, body))

    page = DialoguePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert page.get_parent().pk == dialogue_index.pk
    assert not page.live and page.has_unpublished_changes
    assert (page.title, page.slug, page.question) == (
        "Stadsparken",
        "stadsparken",
        QUESTION,
    )
    assert page.owner == web_editor
    assert page.responsible_body == body and page.influence_level == consultation
    closes_on = timezone.localtime(page.closes_at).date()
    assert page.feedback_promised_on == closes_on + FEEDBACK_AFTER_CLOSING
    # A survey with the question as its one text question.
    [(_block_id, block, value)] = page.consultation_blocks()
    assert block.name == "survey"
    [question] = value["questions"]
    assert (question["question"], question["kind"]) == (QUESTION, "long_text")
    # Starter texts for what the publish rules require.
    assert body.name in page.purpose and QUESTION in page.can_influence
    assert body.name in page.input_handling
    # The history is that of Wagtail's "Add child page", by the editor.
    entries = PageLogEntry.objects.filter(page=page).order_by("pk")
    assert [(e.action, e.user) for e in entries] == [
        ("wagtail.create", web_editor),
        ("wagtail.edit", web_editor),
    ]
    assert page.latest_revision.user == web_editor
    edit = client.get(response["Location"])
    assert "Draft dialogue “Stadsparken” created." in edit.content.decode()


@pytest.mark.parametrize(
    "level_name", ["Information", "Konsultation", "Medbestämmande", "own level"]
)
def test_the_draft_publishes_from_the_edit_view_without_changes(
    client, web_editor, level, body_factory, level_name
):
    if level_name == "own level":
        # A municipality's own step: takes input, promises no feedback date.
        chosen = InfluenceLevel.objects.create(
            name="Samtal",
            promise="Vi lyssnar.",
            explanation="Vi lyssnar på dig.",
            accepts_input=True,
            requires_feedback_date=False,
        )
    else:
        chosen = level(level_name)
    response = client.post(quick_start_url(), answers(chosen, body_factory()))
    assert response.status_code == 302
    page = DialoguePage.objects.get()
    assert bool(page.feedback_promised_on) == chosen.requires_feedback_date
    assert bool(list(page.consultation_blocks())) == chosen.accepts_input

    published = publish_unchanged(client, page)

    assert published.status_code == 302, errors_of(published)
    page.refresh_from_db()
    assert page.live and not page.has_unpublished_changes
    assert page.influence_level == chosen
    assert bool(list(page.consultation_blocks())) == chosen.accepts_input


def test_publishing_unchanged_still_checks_the_rules(
    client, web_editor, level, body_factory
):
    # The counter-proof of the test above: the same unchanged publish of a
    # draft whose feedback date was removed is refused at that field.
    client.post(quick_start_url(), answers(level("Konsultation"), body_factory()))
    page = DialoguePage.objects.get()
    page.feedback_promised_on = None
    page.save_revision(user=web_editor)

    refused = publish_unchanged(client, page)

    assert refused.status_code == 200
    assert "feedback_promised_on" in refused.context["form"].errors
    page.refresh_from_db()
    assert not page.live


def test_a_second_dialogue_with_the_same_title_gets_its_own_slug(
    client, web_editor, level, body_factory
):
    for _ in range(2):
        client.post(quick_start_url(), answers(level("Dialog"), body_factory()))

    slugs = sorted(DialoguePage.objects.values_list("slug", flat=True))
    assert slugs == ["stadsparken", "stadsparken-1"]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "Give the dialogue a title."),
        ({"title": "x" * 256}, "title", "at most 255 characters"),
        ({"question": ""}, "question", "Write the question the dialogue asks"),
        ({"responsible_body": ""}, "responsible_body", "Choose the body responsible"),
        ({"responsible_body": "999999"}, "responsible_body", "valid choice"),
        ({"influence_level": ""}, "influence_level", "Choose an influence level"),
        ({"influence_level": "nonsense"}, "influence_level", "valid choice"),
        ({"opens_at": "tomorrow"}, "opens_at", "valid date/time"),
        ({"closes_at": ""}, "closes_at", "Set when participation closes."),
        (
            {"opens_at": "2030-05-01 10:00", "closes_at": "2030-04-01 10:00"},
            "closes_at",
            "The dialogue must close after it opens.",
        ),
    ],
)
def test_bad_input_is_shown_at_its_field_and_nothing_is_created(
    client, web_editor, level, body_factory, overrides, field, message
):
    response = client.post(
        quick_start_url(), answers(level("Konsultation"), body_factory(), **overrides)
    )

    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert "The dialogue was not created." in response.content.decode()
    assert not DialoguePage.objects.exists()


def test_with_several_indexes_the_editor_chooses_where(
    admin, make_dialogue_index, dialogue_index, level, body_factory
):
    other = make_dialogue_index("fritid", "Fritidsnämndens dialoger")

    form = admin.get(quick_start_url(other)).context["form"]
    assert form["index"].value() == other.pk
    response = admin.post(
        quick_start_url(), answers(level("Dialog"), body_factory(), index=other.pk)
    )

    assert response.status_code == 302
    assert DialoguePage.objects.get().get_parent().pk == other.pk
    missing = admin.post(quick_start_url(), answers(level("Dialog"), body_factory()))
    assert "Choose the index" in str(missing.context["form"].errors["index"])


def test_an_editor_can_only_choose_indexes_they_may_add_under(
    client, web_editor, make_dialogue_index, level, body_factory
):
    theirs = make_dialogue_index("fritid", "Fritidsnämndens dialoger")

    # Only one index is theirs: the form does not ask.
    assert "index" not in client.get(quick_start_url()).context["form"].fields
    response = client.post(
        quick_start_url(), answers(level("Dialog"), body_factory(), index=theirs.pk)
    )

    assert DialoguePage.objects.get().get_parent().pk != theirs.pk
    assert response.status_code == 302


def test_without_any_body_the_form_says_where_to_add_one(client, web_editor, ladder):
    from wagtail_delaktighet.models import Body

    add_body = reverse(Body.snippet_viewset.get_url_name("add"))
    assert not Body.objects.exists()

    assert add_body in client.get(quick_start_url()).content.decode()
