"""The demo's moderator, as the README tells a newcomer to log in."""

from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.management import call_command

from example_site.home.demo import consultation as demo
from tests.participation.support import text_of
from wagtail_delaktighet import permissions
from wagtail_delaktighet.models import Contribution, DialoguePage

#: The dashboard's participation panel.
PANEL = "#dlk-participation-section"


def panel_of(client):
    response = client.get("/admin/")
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one(PANEL)


def test_the_demo_moderator_logs_in_and_finds_views_to_moderate(
    demo_site, db, client, capsys
):
    # That loading the demo again adds no contribution, group rule or user is
    # tested in test_example_site.py, on every model.
    group = Group.objects.get(name="Moderatorer")
    assert group.page_permissions.count() == 1
    assert group.user_set.count() == 1
    call_command("create_demo_admin")
    output = capsys.readouterr().out
    moderator_line = next(
        line for line in output.splitlines() if "username: moderator" in line
    )
    password = moderator_line.split("password: ")[1].split()[0]

    assert client.login(username="moderator", password=password)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    moderator = group.user_set.get()
    dialogue = DialoguePage.objects.get(slug=demo.DIALOGUE_SLUG)
    assert permissions.can_moderate(moderator, dialogue)
    assert not permissions.can_export_personal_data(moderator)
    pending = Contribution.objects.filter(page=dialogue, status="pending").count()
    assert pending >= 3
    assert f"{pending} contributions await moderation." in text_of(panel_of(client))
