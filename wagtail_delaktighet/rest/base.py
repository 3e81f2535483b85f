"""What every endpoint of the API shares: anonymous, JSON only, no session.

No session and no cookie are read, so Django's CSRF check does not apply:
a cross-site form cannot act as a resident through these endpoints, which
know a participant only by the token a client sends in a header.
"""

from django.http import Http404
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.views import APIView

from ..conf import delaktighet_settings

NOT_FOUND = exceptions.NotFound.default_detail


def api_enabled():
    return bool(delaktighet_settings.REST_API)


class PublicAPIView(APIView):
    """An anonymous JSON endpoint of the API; 404 while ``REST_API`` is off."""

    authentication_classes = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    schema = AutoSchema()

    def initial(self, request, *args, **kwargs):
        # Read per request, so switching the setting needs no URLconf reload.
        if not api_enabled():
            raise Http404
        super().initial(request, *args, **kwargs)

    def handle_exception(self, exc):
        """DRF's errors (malformed JSON, an unknown id, a bad page number) in
        the API's one error shape: ``code``, ``message``, and ``errors`` by
        field where there are any."""
        response = super().handle_exception(exc)
        if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
            response.data = {
                "code": "invalid",
                "message": str(exc.default_detail),
                "errors": {
                    key: [str(message) for message in messages]
                    for key, messages in exc.detail.items()
                },
            }
        elif isinstance(exc, exceptions.APIException):
            response.data = {
                "code": exc.default_code,
                "message": str(exc.detail),
            }
        elif isinstance(exc, Http404):
            response.data = {"code": "not_found", "message": str(NOT_FOUND)}
        return response


def documented(**kwargs):
    """``extend_schema`` for an endpoint's method, on drf-spectacular's own
    schema class whatever the project's ``DEFAULT_SCHEMA_CLASS`` (which
    ``extend_schema`` would otherwise build on)."""

    def decorator(method):
        method.schema = AutoSchema
        return extend_schema(**kwargs)(method)

    return decorator
