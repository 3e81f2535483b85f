"""The package's participation URL (``/delaktighet/<page id>/<block id>/delta/``),
where the block forms post: it answers as the page's own ``participate`` route
does, which still takes posts from pages rendered before."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from wagtail_delaktighet.models import Contribution

from .support import (
    assert_redirected_to_block,
    error_summary,
    receipt_shown,
    survey,
    valid_fields,
)
from .test_post_queries import POST_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[survey()])


def participation_url(page_id, block_id):
    return reverse("wagtail_delaktighet:participate", args=(page_id, block_id))


def test_the_form_posts_to_the_participation_url(client, dialogue):
    block = dialogue.block("survey")

    form = block.section(dialogue.get(client)).find("form")

    assert block.url == f"/delaktighet/{dialogue.page.pk}/{block.id}/delta/"
    assert form["action"] == f"{block.url}#{block.anchor}-errors"


def test_a_valid_post_is_stored_and_goes_back_with_the_receipt(client, dialogue):
    block = dialogue.block("survey")

    response = block.post(client, valid_fields(block))

    assert_redirected_to_block(response, block)
    contribution = block.contributions().get()
    assert receipt_shown(client, block) == contribution.receipt


def test_the_pages_own_route_still_takes_a_post(client, dialogue):
    block = dialogue.block("survey")

    response = client.post(block.subpage_url, block.form_data(valid_fields(block)))

    assert_redirected_to_block(response, block)
    assert block.contributions().count() == 1


def test_a_form_with_errors_comes_back_with_what_was_posted(client, dialogue):
    block = dialogue.block("survey")
    text_field = block.question("long_text")[0]
    fields = {**valid_fields(block), block.question("scale")[0]: ""}

    response = block.post(client, fields)

    # As from the page's own route: the page again, the errors on top.
    assert response.status_code == 200
    assert error_summary(response, block) is not None
    kept = block.section(response).find(attrs={"name": block.name(text_field)})
    assert kept.get_text().strip() == fields[text_field]
    assert not block.contributions().exists()


def test_a_closed_dialogue_takes_no_post(client, closed_dialogue):
    block = closed_dialogue.block("survey")

    response = block.post(client, valid_fields(block))

    assert response.status_code == 403
    assert b"no longer takes contributions" in response.content
    assert not block.contributions().exists()


@pytest.mark.parametrize(
    "kind", [PageViewRestriction.LOGIN, PageViewRestriction.PASSWORD]
)
def test_a_restricted_dialogue_asks_as_wagtail_does(client, dialogue, kind):
    block = dialogue.block("survey")
    PageViewRestriction.objects.create(
        page=dialogue.page, restriction_type=kind, password="hemligt"
    )

    response = block.post(client, valid_fields(block))

    if kind == PageViewRestriction.LOGIN:
        assert response.status_code == 302
        assert response["Location"].endswith(f"?next={block.url}")
    else:
        assert response.status_code == 200
        assert b'name="password"' in response.content
    assert not block.contributions().exists()


def test_a_dialogue_with_its_password_given_takes_the_post(client, dialogue):
    block = dialogue.block("survey")
    restriction = PageViewRestriction.objects.create(
        page=dialogue.page,
        restriction_type=PageViewRestriction.PASSWORD,
        password="hemligt",
    )
    password_url = reverse(
        "wagtailcore_authenticate_with_password",
        args=(restriction.pk, dialogue.page.pk),
    )
    client.post(password_url, {"password": "hemligt", "return_url": "/"})

    response = block.post(client, valid_fields(block))

    assert_redirected_to_block(response, block)
    assert block.contributions().count() == 1


def test_an_unknown_or_unpublished_page_is_not_found(client, dialogue):
    block = dialogue.block("survey")
    data = block.form_data(valid_fields(block))
    not_a_dialogue = Page.objects.get(depth=1).pk
    unknown = Page.objects.order_by("-pk").first().pk + 1

    for page_id in (unknown, not_a_dialogue):
        assert (
            client.post(participation_url(page_id, block.id), data).status_code == 404
        )
    dialogue.page.unpublish()
    assert client.post(block.url, data).status_code == 404
    assert not Contribution.objects.exists()


def test_a_block_id_that_cannot_be_one_is_not_found(client, dialogue):
    url = f"/delaktighet/{dialogue.page.pk}/n%C3%A5got/delta/"

    assert client.post(url, {}).status_code == 404


def test_an_unknown_block_goes_back_with_a_message_as_from_the_page(client, dialogue):
    url = participation_url(dialogue.page.pk, "no-such-block")

    response = client.post(url, {"dlk-no-such-block-submission_key": "abc"})

    assert response.status_code == 302
    assert response["Location"] == dialogue.page.url
    page = client.get(response["Location"])
    assert "This part of the dialogue no longer exists." in page.content.decode()


def test_a_get_goes_back_to_the_page_and_other_methods_are_refused(client, dialogue):
    block = dialogue.block("survey")

    response = client.get(block.url)
    assert response.status_code == 302
    assert response["Location"] == dialogue.page.url
    assert client.put(block.url).status_code == 405
    assert not block.contributions().exists()


def test_a_post_without_the_csrf_token_is_refused(dialogue):
    block = dialogue.block("survey")
    browser = Client(enforce_csrf_checks=True)
    form = block.section(dialogue.get(browser)).find("form")
    token = form.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    data = block.form_data(valid_fields(block))

    assert browser.post(block.url, data).status_code == 403
    assert not block.contributions().exists()
    response = browser.post(block.url, {**data, "csrfmiddlewaretoken": token})
    assert_redirected_to_block(response, block)


def test_a_dialogue_of_another_site_is_not_found_here(client, dialogue, home_page):
    block = dialogue.block("survey")
    # The dialogue's site answers another host; this host gets another site.
    site = Site.objects.get(root_page=home_page)
    site.hostname, site.is_default_site = "dialog.example", False
    site.save()
    other_home = Page.objects.get(depth=1).add_child(
        instance=Page(title="Annan", slug="annan")
    )
    Site.objects.create(hostname="testserver", root_page=other_home)

    response = block.post(client, valid_fields(block))

    assert response.status_code == 404
    assert not block.contributions().exists()


def test_a_post_reads_the_dialogue_without_routing_through_the_tree(
    client, dialogue, django_assert_max_num_queries
):
    block = dialogue.block("survey")
    assert_redirected_to_block(block.post(client, valid_fields(block)), block)

    with django_assert_max_num_queries(POST_QUERIES) as captured:
        response = block.post(client, valid_fields(block))

    assert_redirected_to_block(response, block)
    # The dialogue alone: no page is read on the way from the site's root,
    # as Wagtail's routing reads each.
    page_reads = [
        query["sql"]
        for query in captured.captured_queries
        if query["sql"].startswith("SELECT")
        and "wagtailcore_page" in query["sql"].split(" WHERE ")[0]
    ]
    assert len(page_reads) == 1, page_reads


def test_without_the_packages_urls_the_form_posts_to_the_page(client, dialogue):
    block = dialogue.block("survey")

    with override_settings(ROOT_URLCONF="tests.participation.urls_without_package"):
        form = block.section(dialogue.get(client)).find("form")
        response = client.post(form["action"], block.form_data(valid_fields(block)))

    assert form["action"] == f"{block.subpage_url}#{block.anchor}-errors"
    assert_redirected_to_block(response, block)
    assert block.contributions().count() == 1


def test_on_a_multilingual_site_the_post_is_answered_in_the_pages_language(
    new_client, dialogue
):
    # The browser asks for English; the page is Swedish, as its own address
    # (under i18n_patterns) would say.
    block = dialogue.block("survey")
    client = new_client()
    assert dialogue.page.locale.language_code == "sv"

    with override_settings(
        WAGTAIL_I18N_ENABLED=True,
        WAGTAIL_CONTENT_LANGUAGES=[("sv", "Svenska"), ("en", "English")],
    ):
        response = block.post(client, valid_fields(block))

    assert_redirected_to_block(response, block)
    [message] = [str(m) for m in get_messages(response.wsgi_request)]
    assert message.startswith("Tack! Vi har tagit emot ditt bidrag.")
