"""The public pages of a person's rights to see and erase their personal
data: the form asking for a link, and the emailed link's page (what is
stored, as a page and as JSON, and the button that erases it).

The form answers the same whether or not the address is known, and the
link's page is found by a secret token: its address is kept out of search
engines, caches and Referer headers, as the following links are.
"""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters

from ..conf import delaktighet_settings
from ..data_requests import erasure, links, report
from ..forms.data_request import DataRequestForm
from ..participation import ratelimit
from .common import base_context

TEMPLATES = "wagtail_delaktighet/data_requests"

SENT = _(
    "If we have anything stored about the address, we have sent it an email "
    "with a link to it. The link works for %(hours)s hours."
)
RATE_LIMITED = _(
    "You have asked many times in a short time. Please wait a while and try again."
)


def private(response):
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "same-origin"
    add_never_cache_headers(response)
    return response


def page(request, template, status=200, **context):
    response = render(
        request, f"{TEMPLATES}/{template}.html", {**base_context(), **context}
    )
    response.status_code = status
    return private(response)


@sensitive_post_parameters()  # the address stays out of error reports
def ask(request):
    if request.method in ("GET", "HEAD"):
        return page(request, "ask", form=DataRequestForm())
    if request.method != "POST":
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    form = DataRequestForm(data=request.POST)
    client = ratelimit.client_key(ratelimit.client_address(request))
    if ratelimit.too_many_attempts(client):
        return rate_limited(request, form)
    if not form.is_valid():
        return page(request, "ask", form=form)
    if not ratelimit.take(client, scope="data-request"):
        return rate_limited(request, form)
    links.ask(
        form.cleaned_data["email"], link_root=request.build_absolute_uri("/")[:-1]
    )
    # The same words whether or not the address is known.
    messages.success(
        request,
        SENT % {"hours": delaktighet_settings.DATA_REQUEST_LINK_MAX_AGE_HOURS},
    )
    return HttpResponseRedirect(reverse("wagtail_delaktighet:data_request"))


def rate_limited(request, form):
    response = page(request, "ask", status=429, form=form, message=RATE_LIMITED)
    response["Retry-After"] = str(ratelimit.retry_after())
    return response


def not_valid(request, error):
    # A clear page, not an error: old links are opened all the time.
    return page(request, "link_not_valid", status=410, reason=error.reason.value)


def link(request, token):
    """GET: what is stored about the address; POST: erase it."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    try:
        data_request = links.find(token)
    except links.LinkNotValid as error:
        return not_valid(request, error)
    if request.method == "POST":
        erased = erasure.erase(data_request.email, data_request=data_request)
        return page(request, "erased", erased=erased)
    return page(
        request,
        "report",
        report=report.collect(data_request.email),
        download_url=reverse("wagtail_delaktighet:data_request_json", args=[token]),
    )


def download(request, token):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    try:
        data_request = links.find(token)
    except links.LinkNotValid as error:
        return not_valid(request, error)
    return json_download(report.collect(data_request.email))


def json_download(collected):
    response = HttpResponse(
        json.dumps(
            collected.as_json(), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
    return private(response)
