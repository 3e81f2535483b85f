"""The contributions in the admin: a dialogue's listing (columns, filters,
search, bounded queries), one contribution in detail, the moderation inbox
with approving and rejecting one by one and in bulk (log entries, the email
to the author), the submissions panel on the dialogue's edit form, and the
"Moderation" menu item."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.admin.menu import admin_menu
from wagtail.models import ModelLogEntry

from tests.participation.support import submit, text_of, views
from wagtail_delaktighet import log_actions
from wagtail_delaktighet.models import (
    Channel,
    ContributionPersonalData,
    ContributionStatus,
    RejectionReason,
)

from .contributions_support import (
    ask,
    detail_url,
    fill_survey,
    listing_url,
    messages_of,
    receipts,
    reload,
    rows,
    send_views,
    soup,
    url,
)

pytestmark = pytest.mark.django_db

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def sent(committee_dialogues, editor):
    """Committee A's dialogue with a survey answer, views from Ola, and a
    question from a meeting, entered by staff."""
    dialogue = committee_dialogues.a
    return {
        "survey": submit(
            dialogue.block("survey"), fill_survey(dialogue.block("survey"))
        ),
        "views": send_views(
            dialogue.block("views"), "Fler bänkar vid dammen.", display_name="Ola"
        ),
        "meeting": ask(
            dialogue.block("question"),
            "När börjar bygget?",
            channel=Channel.MEETING,
            entered_by=editor,
        ),
    }


def row_of(response, contribution):
    [row] = [r for r in rows(response) if r["Receipt"] == contribution.receipt]
    return row


# -- the listing


def test_the_listing_describes_each_contribution(admin, committee_dialogues, sent):
    response = admin.get(listing_url(committee_dialogues.a))

    views_row = row_of(response, sent["views"])
    assert views_row["Block"] == "Tyck till om parken"
    assert views_row["Type"] == "Give your views"
    assert views_row["Status"] == "Awaiting moderation"
    assert views_row["Channel"] == "Website"
    assert views_row["Display name"] == "Ola"
    assert views_row["Content"] == "Fler bänkar vid dammen."

    survey_row = row_of(response, sent["survey"])
    assert survey_row["Block"] == "Enkät om parken"
    assert survey_row["Status"] == "Not public"
    # Answers in the participant's words: the question and the option text.
    assert "Beskriv parken: Mörk om kvällarna." in survey_row["Content"]
    assert "Vilken entré använder du?: Södra" in survey_row["Content"]

    assert row_of(response, sent["meeting"])["Channel"] == (
        "Meeting (entered by staff)"
    )


def test_each_receipt_links_to_the_contribution(admin, committee_dialogues, sent):
    page = soup(admin.get(listing_url(committee_dialogues.a)))

    link = page.find("a", string=lambda s: s and sent["views"].receipt in s)
    assert link["href"].startswith(detail_url(sent["views"]) + "?next=")


def test_the_listing_filters_by_block_status_and_channel(
    admin, committee_dialogues, sent
):
    address = listing_url(committee_dialogues.a)
    views_block = committee_dialogues.a.block("views")

    assert receipts(admin.get(address, {"block_id": views_block.id})) == [
        sent["views"].receipt
    ]
    assert receipts(admin.get(address, {"status": "private"})) == [
        sent["survey"].receipt
    ]
    assert receipts(admin.get(address, {"channel": "meeting"})) == [
        sent["meeting"].receipt
    ]


def test_the_listing_filters_by_date(admin, committee_dialogues):
    block = committee_dialogues.a.block("views")
    march = send_views(
        block, "I mars", created_at=datetime(2026, 3, 10, 12, tzinfo=STOCKHOLM)
    )
    send_views(block, "I maj", created_at=datetime(2026, 5, 10, 12, tzinfo=STOCKHOLM))

    response = admin.get(
        listing_url(committee_dialogues.a),
        {"created_at_from": "2026-03-01", "created_at_to": "2026-03-31"},
    )

    assert receipts(response) == [march.receipt]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("bänkar", "views"),  # the text of views
        ("mörk", "survey"),  # a survey's text answer, found by its question id
        ("bygget", "meeting"),  # a question
        ("ola", "views"),  # the display name
    ],
)
def test_the_listing_searches_texts_answers_and_names(
    admin, committee_dialogues, sent, query, expected
):
    response = admin.get(listing_url(committee_dialogues.a), {"q": query})

    assert receipts(response) == [sent[expected].receipt]


def test_the_listing_searches_receipts(admin, committee_dialogues, sent):
    response = admin.get(
        listing_url(committee_dialogues.a), {"q": sent["survey"].receipt}
    )

    assert receipts(response) == [sent["survey"].receipt]


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_the_listing_costs_the_same_queries_for_3_and_15_contributions(
    admin, committee_dialogues, sent
):
    address = listing_url(committee_dialogues.a)
    admin.get(address)  # caches that fill once per process
    few = count_queries(admin, address)

    for n in range(12):
        send_views(committee_dialogues.a.block("views"), f"Synpunkt {n}")

    assert count_queries(admin, address) == few


def test_the_inbox_costs_the_same_queries_for_1_and_4_dialogues(
    admin, committee_dialogues, consultation_dialogue
):
    send_views(committee_dialogues.a.block("views"), "Första")
    address = url("inbox")
    admin.get(address)
    few = count_queries(admin, address)

    for n in range(3):
        other = consultation_dialogue(body=[views()], title=f"Fler {n}")
        for m in range(3):
            send_views(other.block("views"), f"Synpunkt {n}.{m}")

    assert len(rows(admin.get(address))) == 10
    assert count_queries(admin, address) == few


# -- one contribution


def test_the_detail_shows_survey_answers_with_question_and_option_texts(admin, sent):
    page = text_of(soup(admin.get(detail_url(sent["survey"]))))

    assert "Beskriv parken Mörk om kvällarna." in page
    assert "Vilken entré använder du? Södra" in page
    assert "Vad gör du i parken? Promenerar; Grillar" in page
    assert "Vill du ha fler bänkar? Yes" in page
    assert "Not public" in page
    assert "Enkät om parken (Survey)" in page


def test_the_detail_shows_personal_data_to_those_allowed(admin, committee_dialogues):
    contribution = send_views(
        committee_dialogues.a.block("views"),
        "Kontakta mig gärna.",
        name="Karin Invånare",
        email="karin@example.com",
    )

    page = text_of(soup(admin.get(detail_url(contribution))))

    assert "Personal data" in page
    assert "Karin Invånare" in page
    assert "karin@example.com" in page


def test_the_detail_marks_staff_entered_input_and_who_entered_it(admin, sent, editor):
    page = text_of(soup(admin.get(detail_url(sent["meeting"]))))

    assert "Meeting (entered by staff)" in page
    assert f"entered by {editor.get_username()}" in page


# -- moderating one by one


def test_approving_one_publishes_it_and_logs_it(
    admin, committee_dialogues, sent, editor
):
    contribution = sent["views"]
    back = url("inbox") + "?status=all"

    response = admin.post(url("approve", contribution.pk), {"next": back})

    assert response.status_code == 302
    assert response["Location"] == back
    assert f"Contribution {contribution.receipt} approved and published." in (
        messages_of(response)
    )
    contribution = reload(contribution)
    assert contribution.status == ContributionStatus.PUBLISHED
    assert contribution.moderated_by == editor
    [entry] = ModelLogEntry.objects.for_instance(contribution)
    assert (entry.action, entry.user) == (log_actions.APPROVE, editor)
    # The public page shows it, and the detail view's history tells it.
    assert "Fler bänkar vid dammen." in admin.get(committee_dialogues.a.page.url).text
    history = text_of(soup(admin.get(detail_url(contribution))))
    assert "Contribution approved and published" in history


def test_rejecting_one_tells_the_author_why(
    admin,
    committee_dialogues,
    rejection_reason,
    editor,
    django_capture_on_commit_callbacks,
):
    contribution = send_views(
        committee_dialogues.a.block("views"),
        "Ni är alla idioter.",
        name="Karin",
        email="karin@example.com",
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            url("reject", contribution.pk),
            {
                "reason": rejection_reason.pk,
                "note": "Skriv gärna igen utan personangrepp.",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == detail_url(contribution)
    contribution = reload(contribution)
    assert contribution.status == ContributionStatus.REJECTED
    assert contribution.rejection_reason == rejection_reason
    [entry] = ModelLogEntry.objects.for_instance(contribution)
    assert entry.action == log_actions.REJECT
    assert entry.data["reason"] == rejection_reason.name
    [email] = mail.outbox
    assert email.to == ["karin@example.com"]
    assert rejection_reason.explanation in email.body
    assert "Skriv gärna igen utan personangrepp." in email.body


def test_rejecting_without_a_reason_changes_nothing(admin, sent):
    response = admin.post(url("reject", sent["views"].pk), {"reason": ""})

    assert response.status_code == 302
    assert "Choose a reason to reject the contribution." in messages_of(response)
    assert reload(sent["views"]).status == ContributionStatus.PENDING
    assert not ModelLogEntry.objects.for_instance(sent["views"]).exists()


def test_the_detail_offers_approve_and_reject_with_the_reasons(admin, sent):
    page = soup(admin.get(detail_url(sent["views"])))

    assert page.select_one(f'form[action="{url("approve", sent["views"].pk)}"]')
    reject = page.select_one(f'form[action="{url("reject", sent["views"].pk)}"]')
    offered = [o.text for o in reject.select('select[name="reason"] option')][1:]
    assert offered == list(RejectionReason.objects.values_list("name", flat=True))
    assert reject.find("label", attrs={"for": "id_reason"})
    assert reject.find("label", attrs={"for": "id_note"})


def test_private_contributions_are_not_moderated(admin, sent):
    survey_answer = sent["survey"]

    page = soup(admin.get(detail_url(survey_answer)))
    assert not page.select(f'form[action="{url("approve", survey_answer.pk)}"]')
    assert admin.post(url("approve", survey_answer.pk)).status_code == 404
    assert reload(survey_answer).status == ContributionStatus.PRIVATE


# -- the inbox and bulk moderation


def test_the_inbox_shows_what_awaits_moderation_first(
    admin, committee_dialogues, sent, editor
):
    from wagtail_delaktighet import moderation

    moderation.approve(sent["views"], user=editor)
    inbox = url("inbox")

    assert receipts(admin.get(inbox)) == [sent["meeting"].receipt]
    # Surveys are never published: not in the inbox, whatever the status.
    assert receipts(admin.get(inbox, {"status": "all"})) == sorted(
        [sent["views"].receipt, sent["meeting"].receipt]
    )
    assert receipts(admin.get(inbox, {"status": "published"})) == [
        sent["views"].receipt
    ]
    [row] = rows(admin.get(inbox))
    assert row["Dialogue"] == "Parken i Alvby"


def test_the_inbox_filters_by_dialogue(admin, committee_dialogues, sent):
    other = send_views(committee_dialogues.b.block("views"), "Varmare vatten.")
    inbox = url("inbox")

    assert receipts(admin.get(inbox, {"page": committee_dialogues.b.page.pk})) == [
        other.receipt
    ]
    assert len(rows(admin.get(inbox))) == 3


def pending_views(committee_dialogues, count, **kwargs):
    return [
        send_views(committee_dialogues.a.block("views"), f"Synpunkt {n}", **kwargs)
        for n in range(count)
    ]


def test_approving_many_publishes_and_logs_each(admin, committee_dialogues, editor):
    chosen = pending_views(committee_dialogues, 3)
    back = url("inbox") + "?page=" + str(committee_dialogues.a.page.pk)

    response = admin.post(
        url("bulk"),
        {"contributions": [c.pk for c in chosen], "action": "approve", "next": back},
    )

    assert response.status_code == 302
    assert response["Location"] == back
    assert "3 contributions approved and published." in messages_of(response)
    for contribution in chosen:
        assert reload(contribution).status == ContributionStatus.PUBLISHED
        [entry] = ModelLogEntry.objects.for_instance(contribution)
        assert (entry.action, entry.user) == (log_actions.APPROVE, editor)


def test_rejecting_many_emails_only_authors_who_gave_email_and_consent(
    admin, committee_dialogues, rejection_reason, django_capture_on_commit_callbacks
):
    block = committee_dialogues.a.block("views")
    with_email = send_views(block, "Ett", name="Karin", email="karin@example.com")
    anonymous = send_views(block, "Två")
    without_consent = send_views(block, "Tre")
    # Recorded without consent (say, a name noted at a meeting): no email.
    ContributionPersonalData.objects.create(
        contribution=without_consent, email="nej@example.com", consent=False
    )
    chosen = [with_email, anonymous, without_consent]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            url("bulk"),
            {
                "contributions": [c.pk for c in chosen],
                "action": "reject",
                "reason": rejection_reason.pk,
                "note": "",
            },
        )

    assert "3 contributions rejected." in messages_of(response)
    for contribution in chosen:
        contribution = reload(contribution)
        assert contribution.status == ContributionStatus.REJECTED
        assert contribution.rejection_reason == rejection_reason
        assert [e.action for e in ModelLogEntry.objects.for_instance(contribution)] == [
            log_actions.REJECT
        ]
    assert [email.to for email in mail.outbox] == [["karin@example.com"]]


def test_a_bulk_rejection_needs_a_reason(admin, committee_dialogues):
    chosen = pending_views(committee_dialogues, 2)

    response = admin.post(
        url("bulk"), {"contributions": [c.pk for c in chosen], "action": "reject"}
    )

    assert "Choose a reason to reject." in messages_of(response)
    for contribution in chosen:
        assert reload(contribution).status == ContributionStatus.PENDING
    assert not mail.outbox


def test_a_bulk_action_needs_a_selection(admin):
    response = admin.post(url("bulk"), {"action": "approve"})

    assert response["Location"] == url("inbox")
    assert "Select at least one contribution." in messages_of(response)


def test_the_inbox_form_has_a_labelled_checkbox_per_row(
    admin, committee_dialogues, sent
):
    page = soup(admin.get(url("inbox")))

    form = page.select_one(f'form[action="{url("bulk")}"]')
    assert form.select_one('input[name="csrfmiddlewaretoken"]')
    boxes = form.select('input[name="contributions"]')
    assert sorted(int(box["value"]) for box in boxes) == sorted(
        [sent["views"].pk, sent["meeting"].pk]
    )
    for box in boxes:
        assert page.find("label", attrs={"for": box["id"]})
    assert form.select('input[name="action"]')
    assert form.select_one('select[name="reason"]')


# -- the submissions panel on the dialogue's edit form


def edit_page(client, dialogue):
    return client.get(reverse("wagtailadmin_pages:edit", args=[dialogue.page.pk]))


def test_the_edit_form_shows_the_dialogues_contributions(
    admin, committee_dialogues, sent
):
    panel = soup(edit_page(admin, committee_dialogues.a)).select_one(
        ".dlk-submissions-panel"
    )

    assert "3 contributions, 2 awaiting moderation." in text_of(panel)
    shown = [a.text for a in panel.select("li a") if a.text.startswith("D-")]
    assert sorted(shown) == sorted(c.receipt for c in sent.values())
    links = {a["href"] for a in panel.select("a")}
    assert listing_url(committee_dialogues.a) in links
    assert url("inbox") + f"?page={committee_dialogues.a.page.pk}" in links


def test_the_panel_is_not_on_the_create_form(admin, committee_dialogues):
    response = admin.get(
        reverse(
            "wagtailadmin_pages:add",
            args=[
                "wagtail_delaktighet",
                "dialoguepage",
                committee_dialogues.index_a.pk,
            ],
        )
    )

    assert response.status_code == 200
    assert soup(response).select_one(".dlk-submissions-panel") is None


def test_the_edit_form_costs_the_same_queries_for_3_and_15_contributions(
    admin, committee_dialogues, sent
):
    address = reverse("wagtailadmin_pages:edit", args=[committee_dialogues.a.page.pk])
    admin.get(address)
    few = count_queries(admin, address)

    for n in range(12):
        send_views(committee_dialogues.a.block("views"), f"Synpunkt {n}")

    assert count_queries(admin, address) == few


def test_the_dialogue_header_links_to_its_contributions(admin, committee_dialogues):
    page = soup(edit_page(admin, committee_dialogues.a))

    assert page.select_one(f'a[href="{listing_url(committee_dialogues.a)}"]')


# -- the menu


def moderation_menu_item(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    for item in admin_menu.menu_items_for_request(request):
        if item.name == "moderation":
            return item.render_component(request)
    return None


def test_moderators_get_a_moderation_menu_item_with_the_count(
    committee_dialogues, sent, committee_staff, editor
):
    item = moderation_menu_item(committee_staff.moderator_a)
    assert item.url == url("inbox")
    assert str(item.label) == "Moderation (2 awaiting)"

    assert moderation_menu_item(committee_staff.editor_a) is None


def test_the_menu_item_shows_no_count_when_nothing_awaits(
    committee_dialogues, committee_staff
):
    assert str(moderation_menu_item(committee_staff.moderator_a).label) == "Moderation"


def test_rejection_reasons_are_edited_in_the_participation_menu(admin):
    from wagtail_delaktighet.models import RejectionReason as Reason

    listing = admin.get(reverse(Reason.snippet_viewset.get_url_name("list")))

    assert listing.status_code == 200
    for name in Reason.objects.values_list("name", flat=True):
        assert name in listing.content.decode()
