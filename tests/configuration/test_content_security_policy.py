"""The example site's Content-Security-Policy: enforced on the public pages
where Django can send it (6.0 and later), only reported in Wagtail's admin.
That the pages work under it is proven in a browser:
tests/browser/test_content_security_policy.py."""

from importlib.util import find_spec

from django.http import HttpResponse
from django.test import RequestFactory

from example_site import settings as example_settings
from example_site.content_security_policy import (
    ENFORCE,
    REPORT_ONLY,
    ReportOnlyPolicyInAdminMiddleware,
)

POLICY = "default-src 'self'"


def with_policy(request):
    response = HttpResponse("<p>Hej</p>")
    response[ENFORCE] = POLICY
    return response


def respond(path):
    middleware = ReportOnlyPolicyInAdminMiddleware(with_policy)
    return middleware(RequestFactory().get(path))


def test_the_public_pages_keep_the_enforced_policy():
    response = respond("/dialoger/stadsparken/")
    assert response[ENFORCE] == POLICY
    assert REPORT_ONLY not in response


def test_the_admin_gets_the_policy_as_a_report_only():
    response = respond("/admin/delaktighet/moderation/")
    assert ENFORCE not in response
    assert response[REPORT_ONLY] == POLICY


def test_the_example_site_sends_the_policy_where_django_can():
    django_has_csp = find_spec("django.middleware.csp") is not None
    middleware = example_settings.MIDDLEWARE
    csp_middleware = "django.middleware.csp.ContentSecurityPolicyMiddleware"
    assert (csp_middleware in middleware) is django_has_csp
    if django_has_csp:
        assert example_settings.SECURE_CSP == {
            "default-src": ["'self'"],
            # The demo's map tiles (docs/security.md).
            "img-src": ["'self'", "https://tile.openstreetmap.org"],
        }
        # The admin's middleware comes first, so it sees Django's header.
        admin_middleware = (
            "example_site.content_security_policy.ReportOnlyPolicyInAdminMiddleware"
        )
        assert middleware.index(admin_middleware) < middleware.index(csp_middleware)
    # Nothing in the admin reaches other sites.
    assert example_settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert example_settings.WAGTAIL_ENABLE_UPDATE_CHECK is False
