"""The "Participation" panel on the Wagtail admin's dashboard: contributions
awaiting moderation and dialogues closing within a week, over the dialogues
the user may edit, in a bounded number of queries."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.participation.support import submit, text_of, views
from wagtail_delaktighet import moderation, permissions
from wagtail_delaktighet.admin.dashboard import ParticipationPanel

pytestmark = pytest.mark.django_db

PANEL = "#dlk-participation-section"


def dialogue_with_views(
    consultation_dialogue, *, pending=0, published=0, channel="web", **fields
):
    dialogue = consultation_dialogue(body=[views()], **fields)
    block = dialogue.block("views")
    for n in range(pending + published):
        contribution = submit(block, {"text": f"Synpunkt {n}"}, channel=channel)
        if n >= pending:
            moderation.approve(contribution, user=None)
    return dialogue.page


def closing_in(days):
    now = timezone.now()
    return {"opens_at": now - timedelta(days=10), "closes_at": now + days}


def panel_of(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(PANEL)


def closing_rows(panel):
    return [
        [text_of(cell) for cell in row.find_all("td")]
        for row in panel.select("tbody tr")
    ]


def test_the_panel_counts_contributions_awaiting_moderation(
    admin, consultation_dialogue
):
    dialogue_with_views(consultation_dialogue, pending=2, published=1)
    dialogue_with_views(consultation_dialogue, pending=1)

    panel = panel_of(admin)

    assert "Participation" in text_of(panel.find("h2"))
    assert "3 contributions await moderation." in text_of(panel)


def test_moderators_get_links_to_the_moderation_inbox(
    client, consultation_dialogue, dialogue_index, make_staff_user
):
    page = dialogue_with_views(
        consultation_dialogue, pending=2, **closing_in(timedelta(days=3))
    )
    moderator = make_staff_user(
        "mona", pages=[dialogue_index], permissions=[permissions.MODERATE]
    )
    client.force_login(moderator)

    panel = panel_of(client)

    inbox = reverse("wagtail_delaktighet_admin:inbox")
    assert [a["href"] for a in panel.select(".dlk-dashboard__pending a")] == [inbox]
    [count_link] = panel.select("tbody td:nth-of-type(3) a")
    assert count_link["href"] == f"{inbox}?page={page.pk}"
    # The inbox link leads to a page the moderator may open.
    assert client.get(count_link["href"]).status_code == 200


def test_editors_who_do_not_moderate_get_counts_without_inbox_links(
    client, consultation_dialogue, dialogue_index, make_staff_user
):
    dialogue_with_views(
        consultation_dialogue, pending=2, **closing_in(timedelta(days=3))
    )
    client.force_login(make_staff_user("anna", pages=[dialogue_index]))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    panel = panel_of(client)

    assert "2 contributions await moderation." in text_of(panel)
    assert panel.select(".dlk-dashboard__pending a") == []
    assert panel.select("tbody td:nth-of-type(3) a") == []
    assert closing_rows(panel)[0][2] == "2"


def test_nothing_awaiting_moderation_is_said_plainly(admin, consultation_dialogue):
    dialogue_with_views(consultation_dialogue, published=2)

    panel = panel_of(admin)

    assert "No contribution awaits moderation." in text_of(panel)
    assert "None of the dialogues you can edit closes that soon." in text_of(panel)


def test_dialogues_closing_within_a_week_are_listed_soonest_first(
    admin, consultation_dialogue
):
    later = dialogue_with_views(
        consultation_dialogue,
        pending=0,
        title="Bibliotekets öppettider",
        **closing_in(timedelta(days=6, hours=20)),
    )
    soon = dialogue_with_views(
        consultation_dialogue,
        pending=2,
        published=1,
        title="Trygga skolvägar",
        **closing_in(timedelta(days=2)),
    )
    dialogue_with_views(
        consultation_dialogue,
        pending=1,
        title="Nästa månad",
        **closing_in(timedelta(days=8)),
    )
    now = timezone.now()
    dialogue_with_views(
        consultation_dialogue,
        pending=1,
        title="Redan stängd",
        # Entered by staff from a meeting: a closed dialogue takes no web input.
        channel="meeting",
        opens_at=now - timedelta(days=10),
        closes_at=now - timedelta(hours=1),
    )
    draft = dialogue_with_views(
        consultation_dialogue, title="Utkast", **closing_in(timedelta(days=3))
    )
    draft.unpublish()

    panel = panel_of(admin)

    rows = closing_rows(panel)
    assert [row[0] for row in rows] == ["Trygga skolvägar", "Bibliotekets öppettider"]
    assert [row[2].split()[0] for row in rows] == ["2", "0"]
    times = panel.select("tbody time")
    assert [t["datetime"] for t in times] == [
        timezone.localtime(soon.closes_at).isoformat(),
        timezone.localtime(later.closes_at).isoformat(),
    ]
    links = [a["href"] for a in panel.select("tbody td.title a")]
    assert links == [f"/admin/pages/{soon.pk}/edit/", f"/admin/pages/{later.pk}/edit/"]


def test_an_editor_of_one_committee_sees_only_their_dialogues(
    client,
    consultation_dialogue,
    dialogue_index,
    make_dialogue_index,
    make_staff_user,
):
    other_index = make_dialogue_index("fritid", "Fritidsnämndens dialoger")
    dialogue_with_views(
        consultation_dialogue,
        pending=2,
        title="Vår dialog",
        **closing_in(timedelta(days=3)),
    )
    dialogue_with_views(
        consultation_dialogue,
        pending=5,
        title="Deras dialog",
        parent=other_index,
        **closing_in(timedelta(days=3)),
    )
    client.force_login(make_staff_user("anna", pages=[dialogue_index]))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    panel = panel_of(client)

    assert "2 contributions await moderation." in text_of(panel)
    assert [row[0] for row in closing_rows(panel)] == ["Vår dialog"]
    assert "Deras dialog" not in text_of(panel)


def test_users_who_can_edit_no_dialogue_see_no_panel(
    client, consultation_dialogue, make_staff_user
):
    dialogue_with_views(
        consultation_dialogue, pending=3, **closing_in(timedelta(days=2))
    )
    client.force_login(make_staff_user("olle"))

    assert panel_of(client) is None


def test_an_editor_without_contributions_still_sees_the_panel(
    client, dialogue_index, make_dialogue, make_staff_user
):
    make_dialogue(closes_at=timezone.now() + timedelta(days=30))
    client.force_login(make_staff_user("anna", pages=[dialogue_index]))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    panel = panel_of(client)

    assert panel is not None
    assert "No contribution awaits moderation." in text_of(panel)


def test_the_panel_costs_the_same_queries_for_2_and_10_dialogues(
    rf, consultation_dialogue, dialogue_index, make_staff_user
):
    from django.contrib.auth import get_user_model

    user_pk = make_staff_user("anna", pages=[dialogue_index]).pk

    def render():
        request = rf.get("/admin/")
        # A fresh user each time, so no permission cache carries over.
        request.user = get_user_model().objects.get(pk=user_pk)
        with CaptureQueriesContext(connection) as queries:
            html = ParticipationPanel().render_html({"request": request})
        return html, len(queries)

    for _ in range(2):
        dialogue_with_views(
            consultation_dialogue, pending=2, **closing_in(timedelta(days=3))
        )
    html, with_two = render()
    assert html.count("<tr>") == 3  # the head and two dialogues

    for _ in range(8):
        dialogue_with_views(
            consultation_dialogue, pending=3, **closing_in(timedelta(days=3))
        )
    html, with_ten = render()
    assert html.count("<tr>") == 11

    assert with_ten == with_two
    assert with_two <= 6
