"""Following a dialogue by email: ask (double opt-in), confirm and
unsubscribe by the emailed token, through the following service.

The answer to asking is the same whether or not the address was known,
confirmed or unsubscribed: nobody learns from it who follows what.
"""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from rest_framework import serializers
from rest_framework.response import Response

from ...following import subscriptions as following
from ...forms.follow import FollowForm
from ...models import Subscription
from ...participation import ratelimit
from ...views.following import NOTHING_LEFT_TO_FOLLOW, RATE_LIMITED, SENT
from ..base import PublicAPIView, documented
from ..dialogues import dialogue_taking_part
from ..errors import ErrorSerializer, error_response, form_errors


class FollowRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()


class TokenRequestSerializer(serializers.Serializer):
    token = serializers.CharField()


class MessageSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()


class OutcomeSerializer(serializers.Serializer):
    #: confirmed, already_confirmed, unsubscribed, already_unsubscribed or
    #: expired (the link is too old: ask to follow again).
    code = serializers.CharField()


INVALID_ADDRESS = _("Enter your email address.")
UNKNOWN_TOKEN = _("This link does not work for this dialogue.")


def rate_limited():
    return error_response(
        "rate_limited",
        RATE_LIMITED,
        429,
        headers={"Retry-After": str(ratelimit.retry_after())},
    )


class Follow(PublicAPIView):
    """Ask to follow the dialogue: a link to confirm is emailed. The answer
    is the same whatever the address."""

    @documented(
        operation_id="follow_create",
        request=FollowRequestSerializer,
        responses={
            202: MessageSerializer,
            400: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    @method_decorator(sensitive_variables())  # the address stays out of reports
    def post(self, request, page_id):
        page = dialogue_taking_part(page_id)
        body = request.data if isinstance(request.data, dict) else {}
        email = body.get("email")
        form = FollowForm(
            data={
                f"{FollowForm.default_prefix}-email": email
                if isinstance(email, str)
                else ""
            }
        )
        client = ratelimit.client_key(ratelimit.client_address(request))
        if ratelimit.too_many_attempts(client):
            return rate_limited()
        if not form.is_valid():
            return error_response(
                "invalid", INVALID_ADDRESS, 400, errors=form_errors(form)
            )
        if not ratelimit.take(client, page=page, scope="follow"):
            return rate_limited()
        try:
            following.follow(page, form.cleaned_data["email"], request=request._request)
        except following.FeedbackAlreadyPublished:
            return error_response("feedback_published", NOTHING_LEFT_TO_FOLLOW, 409)
        return Response({"code": "sent", "message": str(SENT)}, status=202)


class TokenAction(PublicAPIView):
    """Confirm or unsubscribe with the token from the email."""

    action = None

    @documented(
        request=TokenRequestSerializer,
        responses={
            200: OutcomeSerializer,
            404: ErrorSerializer,
            410: OutcomeSerializer,
        },
    )
    def post(self, request, page_id):
        page = dialogue_taking_part(page_id)
        body = request.data if isinstance(request.data, dict) else {}
        token = body.get("token")
        if not isinstance(token, str) or not token or len(token) > 64:
            return error_response("not_found", UNKNOWN_TOKEN, 404)
        try:
            outcome = getattr(following, self.action)(page, token)
        except Subscription.DoesNotExist:
            return error_response("not_found", UNKNOWN_TOKEN, 404)
        status = 410 if outcome == following.Outcome.EXPIRED else 200
        return Response({"code": outcome.value}, status=status)


class Confirm(TokenAction):
    """Confirm following, with the token from the emailed link."""

    action = "confirm"


class Unsubscribe(TokenAction):
    """Stop following, with the token from an email."""

    action = "unsubscribe"
