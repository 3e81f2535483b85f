"""The participation service: the one place that accepts a contribution.

The HTML views, the REST API and the admin's offline entry all call
``submit()``. It finds the block, checks that the dialogue takes input (and,
for a block taking binding answers, that a resident is logged in), checks
spam and rate limits, validates through the block's own form, and stores the
contribution, its counted answers and any personal data in one transaction,
with a receipt reference.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_variables

from .. import signals
from ..consultations import consultation_page
from ..deadlocks import retrying_deadlocks
from ..models.contributions import (
    Channel,
    Contribution,
    ContributionAnswer,
    ContributionPersonalData,
    answer_value,
)
from ..models.status import DialogueStatus
from . import accounts, background, counters, ratelimit
from .consent import recorded_consent
from .participants import dialogue_participant_key, participant_key

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django.contrib.auth.models import AnonymousUser

    from ..models import DialoguePage
    from .forms import ContributionForm


class ParticipationError(Exception):
    """A submission that cannot be accepted, with a message for the person."""

    code = "invalid"
    http_status = 400

    def __init__(self, message=None):
        super().__init__(message or self.default_message)
        self.message = str(message or self.default_message)


class BlockNotFound(ParticipationError):
    code = "not_found"
    http_status = 404
    default_message = _("This part of the dialogue no longer exists.")


class DialogueNotOpen(ParticipationError):
    code = "not_open"
    http_status = 403
    default_message = _("This dialogue is not open for contributions.")


class LevelTakesNoInput(ParticipationError):
    code = "level_takes_no_input"
    http_status = 403
    default_message = _(
        "This dialogue informs only: its influence level does not take contributions."
    )


class RateLimited(ParticipationError):
    code = "rate_limited"
    http_status = 429
    default_message = _(
        "You have sent many contributions in a short time. Please wait a while "
        "and try again."
    )


class AlreadyAnswered(ParticipationError):
    code = "already_answered"
    http_status = 409
    default_message = _("You have already answered this. Each person answers once.")


class BlockNotInConsultation(ParticipationError):
    """A block of a translation that its dialogue's other language versions
    do not have: its answers would count nowhere."""

    code = "not_in_consultation"
    http_status = 409
    default_message = _(
        "This part of the dialogue is only in this language version, so it "
        "cannot take contributions. Please use the dialogue in another language."
    )


class LoginRequired(ParticipationError):
    """A block that takes binding answers, posted to by someone not logged in.
    The page shows the block's login link with the message."""

    code = "login_required"
    http_status = 403
    default_message = _(
        "Only logged-in residents can answer this. Log in to take part."
    )


@dataclass
class Submission:
    """The outcome of ``submit``: a stored contribution, or a form with errors."""

    form: ContributionForm
    contribution: Contribution | None = None
    #: True when the same form was posted again and the earlier row returned.
    duplicate: bool = False

    @property
    def accepted(self) -> bool:
        return self.contribution is not None


def find_consultation_block(page, block_id):
    """The (block, value) of a consultation block in a dialogue's body."""
    for found_id, block, value in page.consultation_blocks():
        if found_id == block_id:
            return block, value
    raise BlockNotFound()


def check_block_in_consultation(consultation, block_id, block):
    """A translation's block is counted as the consultation page's block with
    the same id (wagtail-localize and ``copy_for_translation`` keep block and
    option ids); a block with no such twin is refused, not counted apart."""
    for found_id, found_block, _value in consultation.consultation_blocks():
        if found_id == block_id and found_block.name == block.name:
            return
    raise BlockNotInConsultation()


def build_form(page, block_id, data=None):
    block, value = find_consultation_block(page, block_id)
    form = block.build_form(value, block_id=block_id, data=data, page=page)
    return background.with_background(form, page)


def level_accepts_input(page):
    level = page.influence_level
    return level is not None and level.accepts_input


def check_level_accepts_input(page):
    # Whatever was published: a level may also be changed after publishing.
    if not level_accepts_input(page):
        raise LevelTakesNoInput()


def check_dialogue_open(page, now=None):
    status = page.status
    if status == DialogueStatus.UPCOMING:
        raise DialogueNotOpen(_("This dialogue has not opened yet."))
    if status != DialogueStatus.OPEN:
        raise DialogueNotOpen(
            _("This dialogue has closed: it no longer takes contributions.")
        )


# Error reports show no local variable here or below: the citizen's input,
# name and email pass through every frame.
@sensitive_variables()
def submit(
    page: DialoguePage,
    block_id: str,
    data: Mapping[str, Any],
    *,
    channel: str = Channel.WEB,
    client: str | None = None,
    participant: str | None = None,
    account: AbstractBaseUser | AnonymousUser | None = None,
    entered_by: AbstractBaseUser | None = None,
    created_at: datetime | None = None,
) -> Submission:
    """Validate and store one contribution to one consultation block.

    ``client`` is a keyed hash of the sender's address (``ratelimit.client_key``)
    for the rate limit; ``participant`` a token that identifies one participant
    across requests (for one-answer-per-participant blocks); ``account`` the
    logged-in user (``request.user``), whose answer is binding where the block
    requires a login. Staff entering offline input pass ``entered_by`` and a
    channel such as ``meeting``; the open-dialogue check, the login a block
    requires and the rate limit apply to online channels only.

    Returns a ``Submission``; raises a ``ParticipationError`` subclass when the
    submission cannot be accepted whatever the form says.
    """
    block, value = find_consultation_block(page, block_id)
    # The form is the page's own (in its language); what is stored, counted
    # and checked for repeats belongs to the one consultation of all the
    # dialogue's translations.
    form_page, page = page, consultation_page(page)
    if page is not form_page:
        check_block_in_consultation(page, block_id, block)
    check_level_accepts_input(page)
    online = channel in Channel.online()
    binding = online and block.requires_login(value)
    if online:
        check_dialogue_open(page)
        if binding and not accounts.is_logged_in(account):
            raise LoginRequired()
        if ratelimit.too_many_attempts(client):
            raise RateLimited()

    # The dialogue's background questions join every block's form here, so
    # every block type asks them with no change to the block.
    form = background.with_background(
        block.build_form(value, block_id=block_id, data=data, page=form_page),
        form_page,
    )
    if not form.is_valid():
        return Submission(form=form)

    data_to_store = block.contribution_from_form(value, form.cleaned_data)
    key = submission_fingerprint(
        form.cleaned_data,
        data_to_store,
        page=page,
        block_id=block_id,
        participant=participant,
        background_answers=background.fingerprint(form),
    )
    # A binding answer is one per account, not per browser: residents who
    # share a computer each answer with their own login. The block says what
    # a participant answers once: the whole block (a poll), a part of it (an
    # idea supported), or nothing.
    scope = block.participant_scope(value, form.cleaned_data)
    answer_key = (
        participant_key(participant, page, block_id, scope)
        if scope is not None and online and not binding
        else None
    )
    # The resident's account, set for binding answers only: the database
    # allows one answer per account and block.
    answering_account = account if binding else None
    # No look-up for an earlier post first: the unique constraints on the
    # submission key, the participant key and the account decide, and a
    # repeat they refuse is looked up below. Counted only now, so that a post
    # with form errors uses up nothing.
    if online and not ratelimit.take(client, participant=participant, page=page):
        # A repeat at the limit (a double click on the last post allowed)
        # still gets its receipt, and an answered poll still says so.
        stored_before = _stored_before(
            form,
            key,
            page=page,
            block_id=block_id,
            answer_key=answer_key,
            account=answering_account,
            repeat_message=block.already_answered_message,
        )
        if stored_before is not None:
            return stored_before
        raise RateLimited()

    try:
        contribution = retrying_deadlocks(
            _store,
            page=page,
            block_id=block_id,
            block=block,
            value=value,
            form=form,
            data_to_store=data_to_store,
            submission_key=key,
            channel=channel,
            answer_key=answer_key,
            account=answering_account,
            person_key=dialogue_participant_key(participant, page) if online else None,
            entered_by=entered_by,
            created_at=created_at or timezone.now(),
        )
    except IntegrityError:
        # A repeat: the same form posted again (a double click, a reload, two
        # servers at once), or a second answer where only one is allowed (per
        # participant, or per account). The unique constraints refused it.
        # _store's atomic block, a savepoint inside any caller's transaction,
        # has been rolled back, so the connection can still read (on
        # PostgreSQL too) what was stored first.
        if online:
            # A repeat uses up nothing.
            ratelimit.give_back(client, participant=participant, page=page)
        stored_before = _stored_before(
            form,
            key,
            page=page,
            block_id=block_id,
            answer_key=answer_key,
            account=answering_account,
            repeat_message=block.already_answered_message,
        )
        if stored_before is None:
            raise
        return stored_before
    signals.send_contribution_submitted(
        contribution, page=page, channel=channel, entered_by=entered_by
    )
    return Submission(form=form, contribution=contribution)


def _stored_before(form, key, *, page, block_id, answer_key, account, repeat_message):
    """The earlier contribution of the same submission, as a duplicate; raises
    ``AlreadyAnswered`` when the participant (or the account) answered the
    block with another one; None when none was stored."""
    # One query for all: the unique constraints allow one row of each.
    match = Q(submission_key=key)
    if answer_key:
        match |= Q(page=page, block_id=block_id, participant_key=answer_key)
    if account is not None:
        match |= Q(page=page, block_id=block_id, account=account)
    earlier = list(Contribution.objects.filter(match).order_by())
    for contribution in earlier:
        if contribution.submission_key == key:
            return Submission(form=form, contribution=contribution, duplicate=True)
    if earlier:
        # In the block's words: an idea supported twice is not "answered".
        raise AlreadyAnswered(repeat_message)
    return None


@sensitive_variables()
@transaction.atomic
def _store(
    *,
    page,
    block_id,
    block,
    value,
    form,
    data_to_store,
    submission_key,
    channel,
    answer_key,
    account,
    person_key,
    entered_by,
    created_at,
):
    contribution = Contribution.objects.create(
        page=page,
        block_id=block_id,
        block_type=block.name,
        content=data_to_store.content,
        status=data_to_store.status or block.initial_status(value),
        channel=channel,
        # Online, the language the page was read in; offline input is in
        # whatever language the staff's admin happens to be, which says
        # nothing of the resident's.
        language=(get_language() or "")[:16] if channel in Channel.online() else "",
        display_name=data_to_store.display_name[:100],
        submission_key=submission_key,
        participant_key=answer_key,
        account=account,
        binding=account is not None,
        dialogue_participant_key=person_key,
        entered_by=entered_by,
        created_at=created_at,
    )
    contribution.receipt = receipt_reference(contribution)
    store_receipt(contribution)
    # Each answer once (the database refuses a repeat): a block whose form
    # let a repeated option through still counts it once.
    distinct_answers = dict.fromkeys(
        (question_key, answer_value(answer))
        for question_key, answer in data_to_store.answers
    )
    ContributionAnswer.objects.bulk_create(
        ContributionAnswer(
            contribution=contribution,
            page=page,
            block_id=block_id,
            question_key=question_key,
            value=value,
        )
        for question_key, value in distinct_answers
    )
    counters.contribution_stored(contribution, distinct_answers)
    background.store(contribution, form)
    name = form.cleaned_data.get("name", "")
    email = form.cleaned_data.get("email", "")
    if name or email:
        ContributionPersonalData.objects.create(
            contribution=contribution,
            name=name,
            email=email,
            consent=True,
            consent_given_at=created_at,
            # The form refuses name or email without consent, so its consent
            # field is there: its wording, as shown, is what was agreed to.
            **recorded_consent(form.fields["consent"].label),
        )
    return contribution


def store_receipt(contribution):
    """Write the receipt of a contribution just inserted: a statement of its
    own, as the reference is made from the row's id. Written as SQL: only the
    receipt changes, which nothing listens for (the contribution's save
    signals came with its insert), and the ORM's update took longer to build
    than to run."""
    connection = connections[router.db_for_write(Contribution)]
    quote = connection.ops.quote_name
    meta = Contribution._meta
    table, receipt = quote(meta.db_table), quote(meta.get_field("receipt").column)
    # Only quoted names of the model's own table and columns are written
    # into the statement; the values are parameters.
    sql = f"UPDATE {table} SET {receipt} = %s WHERE {quote(meta.pk.column)} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [contribution.receipt, contribution.pk])


def submission_fingerprint(
    cleaned_data,
    data_to_store,
    *,
    page,
    block_id,
    participant,
    background_answers=None,
):
    """The idempotency key stored for a submission.

    The form's own key marks one filled-in form, but a key may reach more
    than one person (a page cache, a custom front end). Hashing it with the
    participant's token and what they sent means only a true repeat — the
    same form, from the same participant, with the same content — counts as a
    duplicate. A first post's token is itself derived from the form's key
    (participants.first_visit_token), which is why pages with a form are kept
    out of shared caches (views/caching.py).
    """
    parts = [
        cleaned_data["submission_key"],
        participant or "",
        page.pk,
        block_id,
        data_to_store.content,
        data_to_store.answers,
        data_to_store.display_name,
        cleaned_data.get("name", ""),
        cleaned_data.get("email", ""),
    ]
    if background_answers:
        # Only when given: keys of posts without them stay as they were.
        parts.append(background_answers)
    material = json.dumps(parts, sort_keys=True, default=str)
    return hashlib.sha256(material.encode()).hexdigest()


def receipt_reference(contribution):
    """``D-2026-000123``: the year and the row's number, unique by the id."""
    # The local year: just after midnight on New Year's Day is still the old
    # year in UTC.
    year = timezone.localtime(contribution.created_at).year
    return f"D-{year}-{contribution.pk:06d}"
