"""The example site's Content-Security-Policy in Wagtail's admin: reported,
not enforced.

The public pages work under ``default-src 'self'`` and get the policy as
Django's middleware sends it (settings.py, on Django 6.0 and later). Wagtail's
own admin still renders a few inline scripts (its inline panels and date
pickers), which that policy would block; under the admin's URL the same
policy goes out as ``Content-Security-Policy-Report-Only``, so the browser
reports what it would block and blocks nothing. Listed before Django's
middleware, so it sees the header that one has added.
"""

from django.urls import reverse

ENFORCE = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


class ReportOnlyPolicyInAdminMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(reverse("wagtailadmin_home")):
            policy = response.get(ENFORCE)
            if policy:
                del response[ENFORCE]
                response.setdefault(REPORT_ONLY, policy)
        return response
