"""Who may do what with contributions, through the real admin views: an
anonymous visitor, an editor of committee A (on A's and on committee B's
dialogue), a moderator without the export permission, a registrar with it,
and a superuser. Denied requests get Wagtail's "permission denied" and change
nothing."""

import pytest
from django.test import Client, RequestFactory
from wagtail.admin.menu import admin_menu

from tests.participation.support import text_of
from wagtail_delaktighet import permissions
from wagtail_delaktighet.models import ContributionStatus

from .contributions_support import (
    assert_denied,
    assert_sent_to_login,
    csv_table,
    detail_url,
    listing_url,
    logged_in,
    receipts,
    reload,
    send_views,
    soup,
    url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(committee_dialogues):
    """A pending contribution to each committee's dialogue; A's author gave
    an email."""
    return {
        "a": send_views(
            committee_dialogues.a.block("views"),
            "Fler bänkar vid dammen.",
            name="Karin Invånare",
            email="karin@example.com",
        ),
        "b": send_views(
            committee_dialogues.b.block("views"), "Varmare vatten i bassängen."
        ),
    }


def get_views(committee_dialogues, contribution):
    return {
        "listing": listing_url(committee_dialogues.a),
        "export": listing_url(committee_dialogues.a) + "?export=csv",
        "detail": detail_url(contribution),
        "inbox": url("inbox"),
    }


# -- anonymous


def test_anonymous_visitors_are_sent_to_the_login(committee_dialogues, sent):
    client = Client()
    for address in get_views(committee_dialogues, sent["a"]).values():
        assert_sent_to_login(client.get(address))

    assert_sent_to_login(client.post(url("approve", sent["a"].pk)))
    assert_sent_to_login(
        client.post(url("bulk"), {"contributions": [sent["a"].pk], "action": "approve"})
    )
    assert reload(sent["a"]).status == ContributionStatus.PENDING


# -- an editor of committee A -------------------------------------------------------


def test_an_editor_sees_their_committees_contributions_without_moderating(
    committee_dialogues, sent, committee_staff
):
    client = logged_in(committee_staff.editor_a)

    listing = client.get(listing_url(committee_dialogues.a))
    assert receipts(listing) == [sent["a"].receipt]

    detail = soup(client.get(detail_url(sent["a"])))
    assert "Fler bänkar vid dammen." in text_of(detail)
    # No moderation forms and no personal data without the permissions.
    assert detail.select(f'form[action="{url("approve", sent["a"].pk)}"]') == []
    assert "karin@example.com" not in text_of(detail)

    inbox = client.get(url("inbox"))
    assert receipts(inbox) == [sent["a"].receipt]
    assert soup(inbox).select('input[name="contributions"]') == []


def test_an_editor_of_committee_a_is_denied_committee_bs_dialogue(
    committee_dialogues, sent, committee_staff
):
    client = logged_in(committee_staff.editor_a)

    assert_denied(client.get(listing_url(committee_dialogues.b)))
    assert_denied(client.get(listing_url(committee_dialogues.b) + "?export=csv"))
    assert_denied(client.get(url("dialogue_results", committee_dialogues.b.page.pk)))
    assert_denied(client.get(detail_url(sent["b"])))
    assert sent["b"].receipt not in receipts(client.get(url("inbox")))


def test_an_editor_without_the_permission_cannot_moderate(
    committee_dialogues, sent, committee_staff
):
    client = logged_in(committee_staff.editor_a)

    assert_denied(client.post(url("approve", sent["a"].pk)))
    assert_denied(client.post(url("reject", sent["a"].pk), {"reason": 1}))
    assert_denied(
        client.post(url("bulk"), {"contributions": [sent["a"].pk], "action": "approve"})
    )
    assert reload(sent["a"]).status == ContributionStatus.PENDING
    assert "moderation" not in menu_item_names(committee_staff.editor_a)


# -- a moderator of committee A without the export permission


def test_a_moderator_moderates_their_committees_contributions(
    committee_dialogues, sent, committee_staff
):
    client = logged_in(committee_staff.moderator_a)

    inbox = client.get(url("inbox"))
    assert receipts(inbox) == [sent["a"].receipt]
    assert soup(inbox).select('input[name="contributions"]')

    response = client.post(url("approve", sent["a"].pk))
    assert response.status_code == 302
    assert reload(sent["a"]).status == ContributionStatus.PUBLISHED


def test_a_moderator_of_committee_a_cannot_moderate_committee_bs(
    committee_dialogues, sent, committee_staff, rejection_reason
):
    client = logged_in(committee_staff.moderator_a)

    assert_denied(client.post(url("approve", sent["b"].pk)))
    assert_denied(
        client.post(
            url("reject", sent["b"].pk), {"reason": rejection_reason.pk, "note": ""}
        )
    )
    # Slipping B's contribution into a bulk action refuses the whole post.
    response = client.post(
        url("bulk"),
        {"contributions": [sent["a"].pk, sent["b"].pk], "action": "approve"},
    )
    assert response.status_code == 302
    assert reload(sent["a"]).status == ContributionStatus.PENDING
    assert reload(sent["b"]).status == ContributionStatus.PENDING


def test_a_moderator_without_the_export_permission_sees_no_personal_data(
    committee_dialogues, sent, committee_staff
):
    client = logged_in(committee_staff.moderator_a)

    headings = csv_table(client, committee_dialogues.a)[0]
    assert not {"Name", "Email", "Consent"} & set(headings)
    assert "karin@example.com" not in client.get(detail_url(sent["a"])).text
    assert "Karin Invånare" not in client.get(detail_url(sent["a"])).text


def test_the_export_permission_shows_personal_data(
    committee_dialogues, sent, committee_staff
):
    client = logged_in(committee_staff.registrar_a)

    headings, row = csv_table(client, committee_dialogues.a)
    assert {"Name", "Email", "Consent"} <= set(headings)
    assert "karin@example.com" in row
    assert "karin@example.com" in client.get(detail_url(sent["a"])).text


# -- a superuser


def test_a_superuser_sees_and_moderates_every_dialogue(
    committee_dialogues, sent, editor
):
    client = logged_in(editor)

    assert receipts(client.get(listing_url(committee_dialogues.b))) == [
        sent["b"].receipt
    ]
    assert receipts(client.get(url("inbox"))) == sorted(
        [sent["a"].receipt, sent["b"].receipt]
    )
    assert "karin@example.com" in csv_table(client, committee_dialogues.a)[1]

    client.post(url("approve", sent["b"].pk))
    assert reload(sent["b"]).status == ContributionStatus.PUBLISHED


# -- what is not there, and forged posts


def test_unknown_pages_and_contributions_are_not_found(committee_dialogues, editor):
    client = logged_in(editor)

    assert (
        client.get(url("dialogue", committee_dialogues.index_a.pk)).status_code == 404
    )
    assert client.get(url("detail", 999999)).status_code == 404
    assert client.post(url("approve", 999999)).status_code == 404


def test_moderation_posts_need_the_csrf_token(committee_dialogues, sent, editor):
    client = Client(enforce_csrf_checks=True, headers={"Accept-Language": "en"})
    client.force_login(editor)

    assert client.post(url("approve", sent["a"].pk)).status_code == 403
    assert (
        client.post(
            url("bulk"), {"contributions": [sent["a"].pk], "action": "approve"}
        ).status_code
        == 403
    )
    assert reload(sent["a"]).status == ContributionStatus.PENDING


def test_moderation_actions_take_no_get(committee_dialogues, sent, editor):
    client = logged_in(editor)

    assert client.get(url("approve", sent["a"].pk)).status_code == 405
    assert reload(sent["a"]).status == ContributionStatus.PENDING


def menu_item_names(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return {item.name for item in admin_menu.menu_items_for_request(request)}


def test_staff_permissions_give_no_view_of_contribution_log_entries(
    committee_dialogues, committee_staff, editor
):
    """Wagtail's "Site history" shows a model's log entries to anyone with a
    permission on that model; the staff permissions are not on Contribution,
    so a committee's moderator is not shown other committees' entries there."""
    from wagtail.models import ModelLogEntry

    from wagtail_delaktighet import moderation

    for committee in ("a", "b"):
        dialogue = getattr(committee_dialogues, committee)
        contribution = send_views(dialogue.block("views"), f"Från {committee}")
        moderation.approve(contribution, user=editor)

    contribution_entries = ModelLogEntry.objects.filter(
        action__startswith="wagtail_delaktighet.contribution."
    )
    assert contribution_entries.count() == 2
    registrar = committee_staff.registrar_a
    assert registrar.has_perm(permissions.MODERATE)
    assert registrar.has_perm(permissions.EXPORT_PERSONAL_DATA)
    visible = ModelLogEntry.objects.viewable_by_user(registrar)
    assert not visible.filter(pk__in=contribution_entries).exists()
    assert ModelLogEntry.objects.viewable_by_user(editor).count() >= 2


def test_the_site_history_report_hides_contributions_from_committee_staff(
    committee_dialogues, committee_staff, editor
):
    from django.urls import reverse

    from wagtail_delaktighet import moderation

    receipts_by_committee = {}
    for committee in ("a", "b"):
        dialogue = getattr(committee_dialogues, committee)
        contribution = send_views(dialogue.block("views"), f"Från {committee}")
        moderation.approve(contribution, user=editor)
        receipts_by_committee[committee] = contribution.receipt

    history = reverse("wagtailadmin_reports:site_history")
    response = logged_in(committee_staff.registrar_a).get(history)
    assert response.status_code == 200
    html = response.content.decode()
    assert receipts_by_committee["b"] not in html
    # The superuser's report lists both, so the check above can fail.
    everything = logged_in(editor).get(history).content.decode()
    assert all(receipt in everything for receipt in receipts_by_committee.values())
