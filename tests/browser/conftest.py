"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core.

Without Chromium these tests are skipped with a message saying how to install
it, unless ``E2E_REQUIRED=1`` (as in CI), where a missing browser fails them.
"""

import os
import shutil

import pytest

from tests.fixtures.initial_rows import restore_wagtail_initial_rows

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(autouse=True)
def wagtail_initial_rows(transactional_db):
    restore_wagtail_initial_rows()


#: A blank map tile from the test project's static files: maps in browser
#: tests fetch no tiles from the internet (and the tile host is 'self' for
#: the Content-Security-Policy).
LOCAL_MAP_TILE = "/static/testapp/blank-tile.png"


@pytest.fixture(autouse=True)
def local_map_tiles():
    """Every site's participation settings, when first stored, point the
    maps at the local blank tile instead of OpenStreetMap."""
    from django.db.models.signals import pre_save

    from wagtail_delaktighet.models.site_settings import (
        DEFAULT_MAP_TILE_URL,
        DelaktighetSettings,
    )

    def use_local_tiles(sender, instance, **kwargs):
        if instance.map_tile_url == DEFAULT_MAP_TILE_URL:
            instance.map_tile_url = LOCAL_MAP_TILE

    pre_save.connect(use_local_tiles, sender=DelaktighetSettings)
    yield LOCAL_MAP_TILE
    pre_save.disconnect(use_local_tiles, sender=DelaktighetSettings)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM or not os.access(CHROMIUM, os.X_OK):
        message = (
            "Chromium not found: browser tests need Debian's chromium "
            "(apt-get install chromium) or CHROMIUM_PATH."
        )
        if os.environ.get("E2E_REQUIRED") == "1":
            pytest.fail(message + " E2E_REQUIRED=1 makes this a failure.")
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the test body's
    # ORM calls are still synchronous, so Django must not refuse them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_page(browser, live_server):
    context = browser.new_context(locale="sv-SE", base_url=live_server.url)
    page = context.new_page()
    yield page
    context.close()


def format_violations(violations):
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {node['failureSummary']}")
    return "\n".join(lines)


@pytest.fixture
def assert_no_axe_violations():
    """Run axe-core on the page and fail with a readable list of violations."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context=None):
        results = axe.run(
            page,
            context=context,
            options={
                "runOnly": {"type": "tag", "values": WCAG_AA_TAGS},
                "resultTypes": ["violations"],
            },
        )
        violations = results.response["violations"]
        assert not violations, "axe found WCAG A/AA violations:\n" + (
            format_violations(violations)
        )
        # A run that checked nothing would pass trivially; make sure it ran.
        assert results.response["testEngine"]["name"] == "axe-core"

    return check
