"""Absolute links between the API's resources."""

from django.urls import reverse

NAMESPACE = "wagtail_delaktighet:api_v1"


def api_url(request, name, *args):
    path = reverse(f"{NAMESPACE}:{name}", args=args)
    return request.build_absolute_uri(path) if request is not None else path
