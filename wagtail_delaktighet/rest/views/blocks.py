"""A dialogue's consultation blocks, their published contributions and
results, and taking part: POST a contribution, through the one
participation service."""

from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.response import Response

from ...blocks.official_responses import with_published_responses
from ...conf import delaktighet_settings
from ...consultations import consultation_page
from ...models import Channel, Contribution, ContributionStatus
from ...participation import counters, service
from ...participation.ratelimit import client_address, client_key, retry_after
from ..base import PublicAPIView, documented
from ..blocks import describe_all, find_block
from ..dialogues import dialogue_taking_part
from ..errors import ErrorSerializer, error_response, form_errors
from ..idempotency import InvalidKey, submission_key
from ..pagination import paginated
from ..serializers.blocks import BlockSerializer
from ..serializers.contributions import (
    ContributionListSerializer,
    ReceiptSerializer,
    ResultsSerializer,
    chart,
    published_contribution,
)
from ..submissions import form_data
from ..tokens import InvalidToken, request_participant

NOT_SENT = _("Your contribution was not sent")
TOKEN_REQUIRED = _(
    "Send the participant token from POST /participants/ in the "
    "X-Participant-Token header."
)
TOKEN_INVALID = _("The participant token is not valid. Ask for a new one.")
KEY_INVALID = _(
    "The Idempotency-Key header must be 1 to 64 printable characters without spaces."
)
BODY_INVALID = _("Send the contribution as a JSON object.")

TOKEN_PARAMETER = OpenApiParameter(
    "X-Participant-Token",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The token from POST /participants/.",
)
IDEMPOTENCY_PARAMETER = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description=(
        "Up to 64 characters chosen by the client for one contribution: the "
        "same key, token and body stored once, the same receipt returned."
    ),
)


class BlockList(PublicAPIView):
    """The dialogue's consultation blocks: what a participant fills in
    (each block's input schema) and whether it takes contributions now."""

    @documented(responses=BlockSerializer(many=True))
    def get(self, request, page_id):
        page = dialogue_taking_part(page_id)
        return Response(describe_all(request, page))


class ContributionList(PublicAPIView):
    """GET: the block's published contributions, with official answers.
    POST: take part."""

    @documented(
        operation_id="contributions_list",
        description=(
            "The block's published contributions, newest first, with their "
            "published official answers."
        ),
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses=ContributionListSerializer,
    )
    def get(self, request, page_id, block_id):
        page = dialogue_taking_part(page_id)
        block, value = find_block(page, block_id)
        published = Contribution.objects.filter(
            page=consultation_page(page),
            block_id=block_id,
            status=ContributionStatus.PUBLISHED,
        ).order_by("-created_at", "-pk")
        items, envelope = paginated(
            request,
            with_published_responses(published),
            per_page=delaktighet_settings.CONTRIBUTIONS_PER_PAGE,
            counter=counters.published_counter(page, block_id),
        )
        results = [published_contribution(block, value, item) for item in items]
        return Response({**envelope, "results": results})

    @documented(
        operation_id="contributions_create",
        description=(
            "Take part: the answers as a JSON object keyed by the block's "
            "input schema, through the participation service."
        ),
        parameters=[TOKEN_PARAMETER, IDEMPOTENCY_PARAMETER],
        request={"application/json": OpenApiTypes.OBJECT},
        responses={
            201: ReceiptSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    # Error reports never show what a citizen sent, in any frame.
    @method_decorator(sensitive_variables())
    def post(self, request, page_id, block_id):
        page = dialogue_taking_part(page_id)
        block, value = find_block(page, block_id)
        if not isinstance(request.data, dict):
            return error_response("invalid_body", BODY_INVALID, 400)
        try:
            participant = request_participant(request)
        except InvalidToken:
            return error_response("invalid_participant_token", TOKEN_INVALID, 400)
        if participant is None:
            return error_response("participant_token_required", TOKEN_REQUIRED, 400)
        try:
            key, _given = submission_key(request)
        except InvalidKey:
            return error_response("invalid_idempotency_key", KEY_INVALID, 400)
        try:
            submission = service.submit(
                page,
                block_id,
                form_data(block_id, request.data, key),
                channel=Channel.API,
                client=client_key(client_address(request)),
                participant=participant,
            )
        except service.RateLimited as error:
            return error_response(
                error.code,
                error.message,
                error.http_status,
                headers={"Retry-After": str(retry_after())},
            )
        except service.ParticipationError as error:
            return error_response(error.code, error.message, error.http_status)
        if not submission.accepted:
            return error_response(
                "invalid", NOT_SENT, 400, errors=form_errors(submission.form)
            )
        contribution = submission.contribution
        headers = {"Idempotent-Replayed": "true"} if submission.duplicate else {}
        return Response(
            {
                "receipt": contribution.receipt,
                "status": contribution.status,
                "message": str(block.success_message(value, contribution)),
                "duplicate": submission.duplicate,
            },
            status=201,
            headers=headers,
        )


class BlockResults(PublicAPIView):
    """The block's counted results as its feedback charts show them: only
    what everyone may see (a poll's results once the dialogue has closed),
    read from the stored counters."""

    @documented(responses=ResultsSerializer)
    def get(self, request, page_id, block_id):
        page = dialogue_taking_part(page_id)
        block, value = find_block(page, block_id)
        charts = block.summary_charts(value, page=page, block_id=block_id)
        return Response({"block_id": block_id, "charts": [chart(c) for c in charts]})
