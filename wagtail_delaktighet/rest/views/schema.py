"""The API's OpenAPI 3 schema, and its documentation for people (Redoc,
served from the package's static files: no CDN)."""

from django.shortcuts import render
from django.urls import include, path, reverse
from drf_spectacular.views import SpectacularAPIView

from .. import schema as _extensions  # noqa: F401 - registers the extensions
from ..base import PublicAPIView, api_enabled
from ..links import NAMESPACE

TITLE = "wagtail-delaktighet API"
DESCRIPTION = (
    "Citizen dialogues: read dialogues, their consultation blocks, published "
    "contributions, results and feedback; take part; follow a dialogue."
)


def api_root():
    """The path the API is served at, e.g. ``/delaktighet/api/v1/``."""
    return reverse(f"{NAMESPACE}:dialogue-list").removesuffix("dialogues/")


class Schema(SpectacularAPIView):
    authentication_classes = []
    permission_classes = []
    serve_public = True
    schema = None  # not an operation of the API itself

    def get(self, request, *args, **kwargs):
        if not api_enabled():
            from django.http import Http404

            raise Http404
        root = api_root()
        # Only the API's own URLs, at the path they are served at.
        self.patterns = [
            path(root.lstrip("/"), include("wagtail_delaktighet.rest.urls"))
        ]
        self.custom_settings = {
            "TITLE": TITLE,
            "DESCRIPTION": DESCRIPTION,
            "VERSION": "1",
            "SCHEMA_PATH_PREFIX": root.rstrip("/"),
            "COMPONENT_SPLIT_REQUEST": True,
        }
        return super().get(request, *args, **kwargs)


class Docs(PublicAPIView):
    """Redoc, from drf-spectacular-sidecar's static files."""

    schema = None

    def get(self, request):
        return render(
            request,
            "wagtail_delaktighet/rest/docs.html",
            {"schema_url": reverse(f"{NAMESPACE}:schema"), "title": TITLE},
        )
