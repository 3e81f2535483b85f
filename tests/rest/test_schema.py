"""The OpenAPI schema at a stable URL, and its documentation page served
from the site's own static files (no CDN)."""

from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage

from .support import API

pytestmark = pytest.mark.django_db


def test_the_schema_describes_every_endpoint(client):
    response = client.get(f"{API}schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = set(schema["paths"])
    for path in (
        "dialogues/",
        "dialogues/{page_id}/",
        "dialogues/{page_id}/blocks/",
        "dialogues/{page_id}/blocks/{block_id}/contributions/",
        "dialogues/{page_id}/blocks/{block_id}/results/",
        "dialogues/{page_id}/feedback/",
        "dialogues/{page_id}/follow/",
        "participants/",
        "influence-levels/",
        "target-groups/",
    ):
        assert API + path in paths
    assert (
        "post"
        in schema["paths"][API + "dialogues/{page_id}/blocks/{block_id}/contributions/"]
    )
    assert not any("/api/v2/" in path for path in paths)
    # YAML by default, as drf-spectacular serves it.
    assert client.get(f"{API}schema/").content.startswith(b"openapi: 3.")


def test_the_docs_page_loads_only_local_static_files(client):
    response = client.get(f"{API}docs/")
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert soup.find("redoc")["spec-url"] == f"{API}schema/"
    sources = [
        tag.get("src") or tag.get("href")
        for tag in soup.find_all(["script", "link", "img"])
    ]
    assert sources
    for source in filter(None, sources):
        url = urlparse(source)
        assert not url.scheme and not url.netloc, source
        assert source.startswith(staticfiles_storage.base_url), source
        assert finders.find(source.removeprefix(staticfiles_storage.base_url)), source
    # No inline script: a strict Content-Security-Policy works.
    assert all(tag.get("src") for tag in soup.find_all("script"))
