"""The participation URL finds the request's site with Wagtail's query
compiled once (views/request_site.py): it finds the site Wagtail finds, for
every kind of match."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page, Site

from wagtail_delaktighet.views.request_site import find_site

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", headers={"host": host})


@pytest.fixture
def sites(home_page):
    """The example site (default, testserver:80) and three more."""
    root = Page.objects.get(depth=1)
    made = {"default": Site.objects.get(is_default_site=True)}
    for name, hostname, port in [
        ("other", "annan.example", 80),
        ("other-port", "annan.example", 8080),
        ("third", "tredje.example", 80),
    ]:
        page = root.add_child(instance=Page(title=name, slug=name))
        made[name] = Site.objects.create(hostname=hostname, port=port, root_page=page)
    return made


HOSTS = [
    "testserver",
    "annan.example",
    "annan.example:8080",
    "annan.example:9000",
    "tredje.example:8443",
    "okand.example",
    "TREDJE.example",
]


@pytest.mark.parametrize("host", HOSTS)
def test_the_site_is_the_one_wagtail_finds(sites, host):
    found = find_site(request_for(host))

    assert found == Site.find_for_request(request_for(host))
    assert found.is_default_site is (found == sites["default"])


@pytest.mark.parametrize("host", ["annan.example:9000", "okand.example"])
def test_without_a_default_site_an_unknown_host_has_none(sites, host):
    Site.objects.filter(is_default_site=True).update(is_default_site=False)

    assert find_site(request_for(host)) == Site.find_for_request(request_for(host))


def test_the_site_is_kept_on_the_request(sites, django_assert_num_queries):
    request = request_for("annan.example")
    with django_assert_num_queries(1):
        assert find_site(request) == sites["other"]
        assert Site.find_for_request(request) == sites["other"]
        assert find_site(request) == sites["other"]
