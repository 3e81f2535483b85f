from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Site

from example_site.home.models import HomePage
from tests.fixtures.demo import load_demo
from tests.following.support import emails_to, follow, links_in, local_path
from wagtail_delaktighet.models import DialoguePage, DialogueStatus, annotate_status


def every_models_rows():
    """Every row of every model (many-to-many tables included), by model."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    }


@pytest.mark.django_db
def test_home_page_renders(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Älvby kommun</h1>" in html
    assert 'lang="sv"' in html


def test_loading_the_demo_twice_changes_no_row_of_any_model(demo_site, db):
    first = every_models_rows()
    load_demo()
    second = every_models_rows()
    changed = [label for label in first if first[label] != second[label]]
    assert not changed, f"Loading the demo again changed {changed}"
    # The demo built something: pages, dialogues and contributions.
    for label in ("wagtailcore.Page", "wagtail_delaktighet.Contribution"):
        assert first[label], label
    assert HomePage.objects.count() == 1
    assert Site.objects.get(is_default_site=True).root_page.specific_class is HomePage


@pytest.mark.django_db
def test_create_demo_admin_prints_a_working_login(client, capsys):
    call_command("create_demo_admin")
    output = capsys.readouterr().out
    assert "username: admin" in output
    password = output.split("password: ")[1].split()[0]
    assert client.login(username="admin", password=password)
    assert client.get("/admin/").status_code == 200


def test_load_demo_data_gives_the_site_the_address_the_demo_serves_on(
    demo_site, db, client, django_capture_on_commit_callbacks
):
    call_command("load_demo_data", hostname="127.0.0.1", port=8123, stdout=StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8123)
    assert site.root_page.specific_class is HomePage
    # The links in the demo's emails lead to the running demo.
    dialogue = (
        annotate_status(DialoguePage.objects.live())
        .filter(status=DialogueStatus.OPEN)
        .first()
    )
    with django_capture_on_commit_callbacks(execute=True):
        follow(client, dialogue, "karin@example.com")
    [message] = emails_to("karin@example.com")
    [link] = links_in(message)
    assert link.startswith("http://127.0.0.1:8123/")
    assert client.get(local_path(link)).status_code == 200

    # Loading again with the same address keeps it.
    call_command("load_demo_data", hostname="127.0.0.1", port=8123, stdout=StringIO())
    assert Site.objects.get(is_default_site=True).port == 8123
