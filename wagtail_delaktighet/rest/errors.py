"""Error bodies: a machine-readable ``code``, a ``message`` for the person,
and for invalid input the ``errors`` keyed by field."""

from rest_framework import serializers
from rest_framework.response import Response

#: Where a form's errors not tied to one field are given.
NON_FIELD = "non_field_errors"


def error_response(code, message, status, *, errors=None, headers=None):
    body = {"code": code, "message": str(message)}
    if errors is not None:
        body["errors"] = errors
    return Response(body, status=status, headers=headers)


def form_errors(form):
    """A Django form's errors as {field: [message, …]}: the same messages
    the HTML form shows, under the field names of the input schema."""
    return {
        (NON_FIELD if name == "__all__" else name): [str(m) for m in messages]
        for name, messages in form.errors.items()
    }


class ErrorSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()), required=False
    )
