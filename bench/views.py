"""The baselines of a submission.

``bare_submission``: the bare Django baseline — validate the survey's form,
insert one row, redirect (post-redirect-get, as the dialogue page does).

``floor_submission``: the least any implementation of a submission's required
guarantees must do: the same form validated, the participant read from the
session, and in one transaction the rows the package writes — the
contribution with its receipt, its answers, the participant's row and the
result counters (added to, never read and rewritten), and the page's results
version. No page routing, no limits, no idempotency check, no receipt
message: its ratio to the bare view is the ceiling of ours.
"""

import uuid

from django.db import transaction
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone

from wagtail_delaktighet.models import (
    Contribution,
    ContributionAnswer,
    DialogueParticipant,
    ResultCount,
    ResultsVersion,
)
from wagtail_delaktighet.participation.counters import upsert

from .forms import SurveyForm
from .models import BareSubmission

#: The session key the floor keeps its participant under.
FLOOR_PARTICIPANT = "bench_floor_participant"


def bare_submission(request):
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    BareSubmission.objects.create(data=form.cleaned_data)
    return redirect("/")


def floor_submission(request, page_id):
    form = SurveyForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    participant = request.session.get(FLOOR_PARTICIPANT)
    if participant is None:
        participant = request.session[FLOOR_PARTICIPANT] = uuid.uuid4().hex
    answers = [
        (key, str(value))
        for key, values in form.cleaned_data.items()
        for value in (values if isinstance(values, list) else [values])
        if value
    ]
    with transaction.atomic():
        contribution = Contribution.objects.create(
            page_id=page_id,
            block_id="floor",
            block_type="survey",
            content=form.cleaned_data,
            receipt=uuid.uuid4().hex[:12],
            submission_key=uuid.uuid4().hex,
            # A survey takes several answers from one participant (as ours).
            participant_key=None,
            dialogue_participant_key=participant,
            created_at=timezone.now(),
        )
        ContributionAnswer.objects.bulk_create(
            ContributionAnswer(
                contribution=contribution,
                page_id=page_id,
                block_id="floor",
                question_key=key,
                value=value,
            )
            for key, value in answers
        )
        upsert(
            DialogueParticipant,
            ["page", "participant_key"],
            [(page_id, participant)],
            "contributions",
            1,
        )
        upsert(
            ResultCount,
            ["page", "block_id", "question_key", "value"],
            [(page_id, "floor", key, value) for key, value in answers],
            "count",
            1,
        )
        upsert(ResultsVersion, ["page"], [(page_id,)], "version", 1)
    return redirect("/")
