"""The Content-Security-Policy header for the tests on Django before 6.0.

Django 6.0 has its own middleware (``django.middleware.csp``); older Django
has none. This one reads the same setting, ``SECURE_CSP`` (a dict of
directive to sources), on every response, so a test that overrides it sees
the header at once, and writes no header while the setting is empty. It keeps
a header a view has set itself, as Django's does.
"""

from django.conf import settings

HEADER = "Content-Security-Policy"


def build_policy(directives):
    return "; ".join(
        f"{directive} {' '.join(sources)}" for directive, sources in directives.items()
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        directives = getattr(settings, "SECURE_CSP", None)
        if directives and HEADER not in response:
            response[HEADER] = build_policy(directives)
        return response
