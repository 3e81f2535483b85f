from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page, Site

from example_site.home.models import HomePage


def _content_snapshot():
    pages = [
        (p.url_path, p.title, p.live, type(p.specific).__name__)
        for p in Page.objects.order_by("path")
    ]
    sites = list(Site.objects.values_list("hostname", "root_page__url_path"))
    return pages, sites


@pytest.mark.django_db
def test_home_page_renders(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Älvby kommun</h1>" in html
    assert 'lang="sv"' in html


@pytest.mark.django_db
def test_load_demo_data_is_idempotent():
    call_command("load_demo_data", stdout=StringIO())
    first = _content_snapshot()
    call_command("load_demo_data", stdout=StringIO())
    assert _content_snapshot() == first
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
