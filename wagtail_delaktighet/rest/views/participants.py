"""Participant tokens: what a browser's session is, for an API client."""

from rest_framework import serializers
from rest_framework.response import Response

from ...participation import ratelimit
from ...views.following import RATE_LIMITED
from ..base import PublicAPIView, documented
from ..errors import ErrorSerializer, error_response
from ..tokens import issue_token


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()


class ParticipantTokens(PublicAPIView):
    """A new participant token, to send in X-Participant-Token."""

    @documented(
        operation_id="participants_create",
        request=None,
        responses={201: TokenSerializer, 429: ErrorSerializer},
    )
    def post(self, request):
        # Counted like any post from the address: a client cannot make
        # itself new participants without limit.
        client = ratelimit.client_key(ratelimit.client_address(request))
        if ratelimit.too_many_attempts(client) or not ratelimit.take(
            client, scope="participant-token"
        ):
            return error_response(
                "rate_limited",
                RATE_LIMITED,
                429,
                headers={"Retry-After": str(ratelimit.retry_after())},
            )
        return Response({"token": issue_token()}, status=201)
