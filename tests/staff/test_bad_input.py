"""Bad input to the staff workspace is a 404 or a form error, never a 500:
ids no database column can hold (in the address, in filters, in posted
forms), NUL bytes (which PostgreSQL refuses in text), a year-1 or far-future
date and an over-long email in offline entry. Every request goes over HTTP as
a logged-in superuser.

With ``DATABASE_URL`` set, the same tests run on PostgreSQL or MariaDB."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.participation.support import valid_fields

from .contributions_support import ask, messages_of, send_views, soup
from .test_offline_input import enter, enter_url, source, text_of

pytestmark = pytest.mark.django_db

#: Too large for any integer column (SQLite cannot even bind it).
HUGE = "9" * 25
#: The largest id the address takes: it fits a 64-bit column, and no row has it.
LARGEST = "9" * 18
#: A long email: the form's default allows 320 characters, the column 254.
LONG_EMAIL = "a" * 250 + "@alvby.example"


@pytest.fixture
def dialogue(committee_dialogues):
    return committee_dialogues.a


@pytest.fixture
def views_contribution(dialogue):
    return send_views(dialogue.block("views"), "Fler bänkar vid dammen.")


def admin_urls(page_id, contribution_id, response_id):
    """Every admin URL of the package that takes an id, by method."""

    def contributions(name, *args):
        return reverse(f"wagtail_delaktighet_admin:{name}", args=args)

    return [
        ("get", contributions("dialogue", page_id)),
        ("get", contributions("dialogue_results", page_id)),
        ("get", contributions("detail", contribution_id)),
        ("post", contributions("approve", contribution_id)),
        ("post", contributions("reject", contribution_id)),
        (
            "get",
            reverse("wagtail_delaktighet_admin:respond", args=[contribution_id]),
        ),
        (
            "post",
            reverse("wagtail_delaktighet_admin:respond", args=[contribution_id]),
        ),
        (
            "post",
            reverse("wagtail_delaktighet_admin:unpublish_response", args=[response_id]),
        ),
        ("get", reverse("wagtail_delaktighet_admin:offline", args=[page_id])),
        ("post", reverse("wagtail_delaktighet_admin:offline", args=[page_id])),
        (
            "get",
            reverse(
                "wagtail_delaktighet_admin:offline_entered",
                args=[page_id, contribution_id],
            ),
        ),
    ]


def with_id(url, real, fake):
    """``url`` with the real id ``real`` (as a path segment) replaced."""
    return url.replace(f"/{real}/", f"/{fake}/")


@pytest.mark.parametrize("fake", [HUGE, LARGEST])
def test_an_id_no_row_can_have_is_not_found_on_every_admin_url(
    admin, dialogue, views_contribution, fake
):
    page_id, contribution_id = dialogue.page.pk, views_contribution.pk
    # The ids must not collide with each other in the replacement below.
    assert page_id != contribution_id
    for method, url in admin_urls(page_id, contribution_id, 123):
        for real in (page_id, contribution_id, 123):
            if f"/{real}/" not in url:
                continue
            response = getattr(admin, method)(with_id(url, real, fake))
            assert response.status_code == 404, (method, url, real)


def test_a_huge_dialogue_in_the_inbox_filter_is_an_invalid_choice(admin, dialogue):
    for name in ("inbox", "inbox_results"):
        url = reverse(f"wagtail_delaktighet_admin:{name}")
        for value in (HUGE, LARGEST, "1\x00"):
            response = admin.get(url, {"page": value, "status": "all"})
            assert response.status_code == 200, (name, value)


def test_the_inbox_filter_still_filters_by_dialogue(admin, committee_dialogues):
    a, b = committee_dialogues.a, committee_dialogues.b
    ask(a.block("question"), "När börjar bygget?")
    send_views(b.block("views"), "Öppna badet tidigare.")
    url = reverse("wagtail_delaktighet_admin:inbox")

    response = admin.get(url, {"page": str(b.page.pk)})

    page = soup(response)
    assert "Öppna badet tidigare." in text_of(page)
    assert "När börjar bygget?" not in text_of(page)


@pytest.mark.parametrize("value", [HUGE, "1\x00", "x"])
def test_bulk_moderation_with_a_bad_id_changes_nothing(
    admin, views_contribution, value
):
    url = reverse("wagtail_delaktighet_admin:bulk")

    response = admin.post(
        url, {"contributions": [str(views_contribution.pk), value], "action": "approve"}
    )

    assert response.status_code == 302
    assert messages_of(response)
    views_contribution.refresh_from_db()
    assert views_contribution.status == "pending"


@pytest.mark.parametrize("value", [HUGE, "1\x00"])
def test_rejecting_with_a_bad_reason_id_changes_nothing(
    admin, views_contribution, value
):
    url = reverse("wagtail_delaktighet_admin:reject", args=[views_contribution.pk])

    response = admin.post(url, {"reason": value})

    assert response.status_code == 302
    assert "Choose a reason" in " ".join(messages_of(response))
    views_contribution.refresh_from_db()
    assert views_contribution.status == "pending"


@pytest.mark.parametrize("value", [HUGE, "1\x00"])
def test_answering_signed_by_a_bad_contact_id_is_a_form_error(admin, dialogue, value):
    question = ask(dialogue.block("question"), "När börjar bygget?")
    url = reverse("wagtail_delaktighet_admin:respond", args=[question.pk])

    response = admin.post(url, {"signed_by": value, "text": "I maj."})

    assert response.status_code == 200
    page = soup(response)
    assert page.find("textarea", attrs={"name": "text"}).get_text().strip() == "I maj."
    assert not question.responses.exists()


# -- offline entry -------------------------------------------------------------


@pytest.mark.parametrize("given_on", ["0001-01-01T00:00", "1899-12-31T23:59"])
def test_a_date_before_the_earliest_is_refused_in_step_one(admin, dialogue, given_on):
    block = dialogue.block("views")

    response = admin.get(
        enter_url(dialogue.page),
        {"block": block.id, "channel": "meeting", "given_at": given_on},
    )

    assert response.status_code == 200
    assert "Give a date from 2000-01-01 on" in text_of(soup(response))


@pytest.mark.parametrize(
    "given_on", ["0001-01-01T00:00", "1999-12-31T23:59", "9999-12-31T23:59"]
)
def test_a_date_out_of_range_is_refused_in_step_two_and_the_input_kept(
    admin, dialogue, given_on
):
    block = dialogue.block("views")
    data = {
        "block": block.id,
        "channel": "meeting",
        "given_at": given_on,
        **block.form_data({"text": "Fler bänkar vid dammen."}),
    }

    response = admin.post(enter_url(dialogue.page), data)

    assert response.status_code == 200
    page = soup(response)
    assert page.find(
        "textarea", attrs={"name": block.name("text")}
    ).get_text().strip() == ("Fler bänkar vid dammen.")
    message = text_of(page)
    assert "Give a date from 2000-01-01 on" in message or "in the future" in message
    assert not block.contributions().exists()


def test_the_date_field_says_its_range(admin, dialogue):
    field = soup(admin.get(enter_url(dialogue.page))).find(
        "input", attrs={"name": "given_at"}
    )

    assert field["min"] == "2000-01-01T00:00"
    assert field["max"] == timezone.localtime().strftime("%Y-%m-%dT%H:%M")


def test_the_earliest_date_itself_is_taken(admin, dialogue):
    block = dialogue.block("views")
    earliest = timezone.make_aware(timezone.datetime(2000, 1, 1, 0, 0))

    response = enter(admin, block, {"text": "Gammal synpunkt."}, given_at=earliest)

    assert response.status_code == 302
    assert block.contributions().get().created_at == earliest


def test_a_long_email_is_a_form_error_with_the_input_kept(admin, dialogue):
    block = dialogue.block("views")
    fields = {
        "text": "Fler bänkar vid dammen.",
        "name": "Karin",
        "email": LONG_EMAIL,
        "consent": "on",
    }

    response = enter(admin, block, fields)

    assert response.status_code == 200
    page = soup(response)
    assert "at most 254 characters" in text_of(page)
    assert page.find("input", attrs={"name": block.name("email")})["value"] == (
        LONG_EMAIL
    )
    assert page.find(
        "textarea", attrs={"name": block.name("text")}
    ).get_text().strip() == ("Fler bänkar vid dammen.")
    assert not block.contributions().exists()


def test_an_email_of_254_characters_is_stored(admin, dialogue):
    block = dialogue.block("views")
    email = "a" * (254 - len("@alvby.example")) + "@alvby.example"
    fields = {**valid_fields(block), "name": "Karin", "email": email, "consent": "on"}

    response = enter(admin, block, fields)

    assert response.status_code == 302
    assert block.contributions().get().personal_data.email == email


def test_a_nul_byte_in_offline_entry_is_a_form_error(admin, dialogue):
    block = dialogue.block("views")

    response = admin.post(
        enter_url(dialogue.page),
        {
            **source(block),
            **block.form_data({"text": "Bänkar\x00", "display_name": "O\x00la"}),
        },
    )
    step_one = admin.get(enter_url(dialogue.page), {**source(block), "block": "x\x00"})

    assert response.status_code == 200
    assert "Null characters are not allowed" in text_of(soup(response))
    assert not block.contributions().exists()
    assert step_one.status_code == 200


def test_yesterday_is_still_taken(admin, dialogue):
    block = dialogue.block("views")
    yesterday = timezone.localtime() - timedelta(days=1)

    response = enter(admin, block, {"text": "Hej."}, given_at=yesterday)

    assert response.status_code == 302
