"""The ideas block, end to end through real HTTP: proposals, supports (once
per participant and idea), the public list sorted, filtered and paginated,
official statuses with signed answers, and the author's email."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test import Client

from tests.dialogues.test_content_cache import SUBMISSION_KEY, served_from_cache
from wagtail_delaktighet.models import (
    Contact,
    Contribution,
    ContributionStatus,
    OutboxEmail,
)
from wagtail_delaktighet.moderation import responses

from .support import (
    assert_errors_link_to,
    assert_redirected_to_block,
    ideas,
    override_delaktighet,
    receipt_shown,
    submit,
    text_of,
    views,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[ideas()])


@pytest.fixture
def block(dialogue):
    return dialogue.block("ideas")


@pytest.fixture
def other_browser():
    return Client()


@pytest.fixture
def councillor(body_factory):
    return Contact.objects.create(
        name="Anna Ordförande",
        kind=Contact.Kind.ELECTED,
        body=body_factory(name="Tekniska nämnden"),
    )


def propose(block, title, *, status="published", channel="web", **fields):
    fields = {"title": title, "description": f"Om {title}.", **fields}
    idea = submit(block, fields, channel=channel)
    idea.status = status
    idea.save(update_fields=["status"])
    return idea


def support_forms(section):
    """{idea id: the support form} of the list in a block's section."""
    forms = {}
    for form in section.select("form.dlk-idea__support-form"):
        fields = {i["name"]: i.get("value", "") for i in form.find_all("input")}
        idea_id = next(v for k, v in fields.items() if k.endswith("-supports"))
        forms[int(idea_id)] = (form["action"], fields)
    return forms


def press_support(client, block, idea):
    """Press the idea's support button on the page, as a browser does."""
    section = block.section(client.get(block.page.url))
    action, fields = support_forms(section)[idea.pk]
    return client.post(action.split("#")[0], fields)


def supports_shown(client, block, idea):
    section = block.section(client.get(block.page.url))
    item = section.find(id=f"dlk-idea-{idea.pk}")
    return text_of(item.select_one(".dlk-idea__supports"))


def listed_titles(response, block):
    return [
        text_of(title) for title in block.section(response).select(".dlk-idea__title")
    ]


# -- proposing -------------------------------------------------------------


def test_an_idea_waits_for_moderation_with_its_category(client, block):
    category = block.option_ids(block.value["categories"])[1]

    response = block.post(
        client,
        {
            "title": "Fler träd",
            "description": "Plantera ekar längs ån.",
            "category": category,
            "display_name": "Kim",
        },
    )

    assert_redirected_to_block(response, block)
    receipt = receipt_shown(client, block)
    idea = Contribution.objects.get()
    assert idea.receipt == receipt
    assert idea.block_type == "ideas"
    assert idea.status == ContributionStatus.PENDING
    assert idea.display_name == "Kim"
    assert idea.content == {
        "title": "Fler träd",
        "description": "Plantera ekar längs ån.",
        "category": category,
    }
    assert list(idea.answers.values_list("question_key", "value")) == [
        ("category", category)
    ]
    # Not public before moderation.
    assert listed_titles(client.get(block.page.url), block) == []


def test_an_idea_published_at_once_is_listed(client, consultation_dialogue):
    block = consultation_dialogue(body=[ideas(publication="at_once")]).block("ideas")

    block.post(client, {"title": "Boulebana", "description": "Vid dammen."})

    response = client.get(block.page.url)
    assert listed_titles(response, block) == ["Boulebana"]
    assert "It is published below" in text_of(block.section(response))


def test_an_idea_without_title_or_description_is_refused(client, block):
    response = block.post(client, {"display_name": "Kim"})

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["title", "description"])
    assert not Contribution.objects.exists()


def test_a_category_not_offered_is_refused(client, block):
    response = block.post(
        client, {"title": "A", "description": "B", "category": "no-such"}
    )

    assert response.status_code == 200
    assert_errors_link_to(response, block, ["category"])
    assert not Contribution.objects.exists()


# -- supporting ------------------------------------------------------------


def test_supporting_twice_counts_once(client, block):
    idea = propose(block, "Fler bänkar")

    first = press_support(client, block, idea)
    assert_redirected_to_block(first, block)
    notice = block.section(client.get(block.page.url)).select_one(".dlk-notice")
    assert "Thank you for supporting the idea" in text_of(notice)

    again = press_support(client, block, idea)

    assert again.status_code == 409
    assert "You have already supported this idea" in text_of(
        block.section(again).select_one(".dlk-error-summary")
    )
    support = Contribution.objects.get(content__supports=idea.pk)
    assert support.status == ContributionStatus.PRIVATE
    assert support.content == {"supports": idea.pk}
    assert list(support.answers.values_list("question_key", "value")) == [
        ("support", str(idea.pk))
    ]
    assert supports_shown(client, block, idea) == "1 support"


def test_each_participant_supports_each_idea_once(client, block, other_browser):
    benches, trees = propose(block, "Fler bänkar"), propose(block, "Fler träd")

    press_support(client, block, benches)
    press_support(client, block, trees)
    press_support(other_browser, block, benches)

    assert supports_shown(client, block, benches) == "2 supports"
    assert supports_shown(client, block, trees) == "1 support"


def test_supports_are_not_listed_as_ideas(client, block):
    idea = propose(block, "Fler bänkar")
    press_support(client, block, idea)

    response = client.get(block.page.url)

    assert listed_titles(response, block) == ["Fler bänkar"]
    heading = block.section(response).select_one(".dlk-results__heading")
    assert text_of(heading) == "1 published idea"


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_supporting_an_idea_not_published_is_a_form_error(client, block, status):
    idea = propose(block, "Ej granskad", status=status)

    response = client.post(block.url, block.form_data({"supports": str(idea.pk)}))

    assert response.status_code == 200
    summary = block.section(response).select_one(".dlk-error-summary")
    assert "not one of the published ideas here" in text_of(summary)
    # The proposal form is still offered, empty.
    assert block.section(response).find(id=block.field_id("title")) is not None
    assert Contribution.objects.count() == 1


def test_supporting_another_blocks_idea_is_a_form_error(client, consultation_dialogue):
    dialogue = consultation_dialogue(body=[ideas(), views(), ideas()])
    first, other = dialogue.block("ideas", 0), dialogue.block("ideas", 1)
    foreign = propose(other, "Annan idé")
    views_block = dialogue.block("views")
    a_view = submit(views_block, {"text": "Synpunkt"})
    a_view.status = "published"
    a_view.save(update_fields=["status"])

    for idea_id in (foreign.pk, a_view.pk, "abc", "-1", "9" * 30):
        response = client.post(first.url, first.form_data({"supports": str(idea_id)}))

        assert response.status_code == 200, idea_id
        assert first.section(response).select_one(".dlk-error-summary"), idea_id
    assert not Contribution.objects.filter(content__has_key="supports").exists()


def test_supporting_a_support_is_a_form_error(client, block):
    idea = propose(block, "Fler bänkar")
    press_support(client, block, idea)
    support = Contribution.objects.get(content__supports=idea.pk)

    response = client.post(block.url, block.form_data({"supports": str(support.pk)}))

    assert response.status_code == 200
    assert Contribution.objects.count() == 2


def test_no_support_buttons_once_the_dialogue_has_closed(client, closed_dialogue):
    block = closed_dialogue.block("ideas")
    # Entered by staff after a meeting: offline input after closing.
    propose(block, "Fler bänkar", channel="meeting")

    section = block.section(client.get(block.page.url))

    assert listed_titles_in(section) == ["Fler bänkar"]
    assert support_forms(section) == {}


def listed_titles_in(section):
    return [text_of(title) for title in section.select(".dlk-idea__title")]


def test_the_support_button_names_the_idea(client, block):
    propose(block, "Fler bänkar")

    button = block.section(client.get(block.page.url)).select_one(
        ".dlk-idea__support-form button"
    )

    assert text_of(button) == "Support the idea “Fler bänkar”"


# -- the public list ---------------------------------------------------------


def test_the_list_sorts_by_support_or_newest(client, block, other_browser):
    older, newer = propose(block, "Äldre"), propose(block, "Nyare")
    press_support(client, block, older)

    newest = client.get(block.page.url)
    by_support = client.get(block.page.url, {f"{block.id}-sort": "support"})
    unknown = client.get(block.page.url, {f"{block.id}-sort": "<x>"})

    assert listed_titles(newest, block) == ["Nyare", "Äldre"]
    assert listed_titles(by_support, block) == ["Äldre", "Nyare"]
    assert listed_titles(unknown, block) == ["Nyare", "Äldre"]
    assert newer.pk > older.pk


def test_the_list_filters_by_category(client, block):
    play, nature = block.option_ids(block.value["categories"])
    propose(block, "Gunga", category=play)
    propose(block, "Äng", category=nature)
    propose(block, "Utan kategori")

    filtered = client.get(block.page.url, {f"{block.id}-category": nature})
    unknown = client.get(block.page.url, {f"{block.id}-category": "x"})

    assert listed_titles(filtered, block) == ["Äng"]
    assert "Category: Natur" in text_of(block.section(filtered))
    assert len(listed_titles(unknown, block)) == 3


@override_delaktighet(CONTRIBUTIONS_PER_PAGE=2)
def test_the_pages_of_a_sorted_list_keep_the_order(client, block):
    for number in range(5):
        propose(block, f"Idé {number}")

    response = client.get(block.page.url, {f"{block.id}-sort": "support"})

    soup = BeautifulSoup(response.content, "html.parser")
    next_link = soup.select_one(f"#{block.anchor} a[rel=next]")
    assert f"{block.id}-sort=support&" in next_link["href"]
    assert f"{block.id}-page=2" in next_link["href"]
    assert len(listed_titles(response, block)) == 2


# -- status and answer ----------------------------------------------------


def test_the_status_and_signed_answer_show_on_the_idea(
    client, block, councillor, admin_user
):
    idea = propose(block, "Fler bänkar")

    responses.respond(
        idea,
        user=admin_user,
        signed_by=councillor,
        text="Vi sätter ut fem bänkar i vår.",
        outcome="partly_accepted",
    )

    item = block.section(client.get(block.page.url)).find(id=f"dlk-idea-{idea.pk}")
    assert text_of(item.select_one(".dlk-idea__status")) == "Status: Partly accepted"
    text = text_of(item)
    assert "Vi sätter ut fem bänkar i vår." in text
    assert "Anna Ordförande, elected representative for Tekniska nämnden" in text


def test_the_answer_publishes_a_pending_idea(client, block, councillor, admin_user):
    idea = propose(block, "Väntande", status="pending")

    responses.respond(
        idea,
        user=admin_user,
        signed_by=councillor,
        text="Inte möjligt här.",
        outcome="not_possible",
    )

    item = block.section(client.get(block.page.url)).find(id=f"dlk-idea-{idea.pk}")
    assert "Not possible" in text_of(item)


def test_the_author_who_asked_is_emailed_the_status(
    block, councillor, admin_user, django_capture_on_commit_callbacks, mailoutbox
):
    idea = submit(
        block,
        {
            "title": "Fler bänkar",
            "description": "Vid dammen.",
            "email": "kim@example.se",
            "consent": "on",
        },
    )
    anonymous = propose(block, "Utan e-post", status="pending")

    with django_capture_on_commit_callbacks(execute=True):
        responses.respond(
            idea,
            user=admin_user,
            signed_by=councillor,
            text="Vi utreder.",
            outcome="under_review",
        )
        responses.respond(
            anonymous,
            user=admin_user,
            signed_by=councillor,
            text="Nej.",
            outcome="not_possible",
        )
        responses.respond(
            idea,
            user=admin_user,
            signed_by=councillor,
            text="Utkast",
            outcome="accepted",
            publish=False,
        )

    email = OutboxEmail.objects.get()
    assert email.kind == "response"
    assert email.recipient == "kim@example.se"
    assert "Fler bänkar" in email.body
    assert "Status: Under review" in email.body
    assert "Vi utreder." in email.body
    assert "Anna Ordförande" in email.body
    assert len(mailoutbox) == 1


def test_the_email_is_in_the_sites_language(block, councillor, admin_user, settings):
    settings.LANGUAGE_CODE = "sv"
    idea = submit(
        block,
        {
            "title": "Fler bänkar",
            "description": "Vid dammen.",
            "email": "kim@example.se",
            "consent": "on",
        },
    )

    responses.respond(
        idea,
        user=admin_user,
        signed_by=councillor,
        text="Vi utreder.",
        outcome="under_review",
    )

    email = OutboxEmail.objects.get()
    assert "Hej" in email.body


def test_support_buttons_on_a_cached_page_each_get_a_key_of_their_own(block):
    idea = propose(block, "Fler bänkar")
    cache.clear()
    first_reader, second_reader = (
        Client(headers={"Accept-Language": "en"}),
        Client(headers={"Accept-Language": "en"}),
    )
    first_reader.get(block.page.url)

    pages = [first_reader.get(block.page.url), second_reader.get(block.page.url)]

    assert all(served_from_cache(page) for page in pages)
    keys = [
        key for page in pages for key in SUBMISSION_KEY.findall(page.content.decode())
    ]
    # The proposal form and the support form of each view, all different.
    assert len(keys) == len(set(keys)) == 4
    for browser, page in zip((first_reader, second_reader), pages, strict=True):
        action, fields = support_forms(block.section(page))[idea.pk]
        assert_redirected_to_block(browser.post(action.split("#")[0], fields), block)
    assert supports_shown(first_reader, block, idea) == "2 supports"
