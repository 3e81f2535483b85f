"""The REST_API setting and the check on the documentation page's app."""

from django.conf import settings

from tests.participation.support import override_delaktighet
from wagtail_delaktighet.checks import api_docs_warnings, check_settings


def test_rest_api_takes_a_boolean():
    with override_delaktighet(REST_API="yes"):
        assert [m.id for m in check_settings(None)] == ["wagtail_delaktighet.E002"]
    with override_delaktighet(REST_API=False):
        assert check_settings(None) == []


def test_the_docs_page_needs_the_sidecar_app():
    without = [
        app for app in settings.INSTALLED_APPS if app != "drf_spectacular_sidecar"
    ]
    assert [m.id for m in api_docs_warnings(without)] == ["wagtail_delaktighet.W030"]
    with override_delaktighet(REST_API=False):
        assert api_docs_warnings(without) == []
    assert api_docs_warnings(settings.INSTALLED_APPS) == []
