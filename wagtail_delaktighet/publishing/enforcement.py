"""The publish rules hold for every way a page goes live.

An editor publishes from the edit form, Wagtail's bulk "Publish" action,
scheduled publishing (``manage.py publish_scheduled``), a workflow's approval,
or code calls ``revision.publish()``. All of them end in Wagtail's publish
action saving the page with ``live=True``, so ``PublishRulesMixin.save()`` is
where the rules are enforced: a page that breaks them is never saved live.
Not ``clean()``: the admin form runs the model's ``clean()`` on draft saves
too, where most rules do not apply. Not the ``before_publish_page`` hook: only
the admin's edit and create views run it. Not ``publish()`` alone: the edit
view runs Wagtail's publish action without it. The edit form shows the same
rules at their fields first (forms/dialogue_page.py).

``publish()`` also checks the revision before Wagtail writes anything (it
clears the revision's schedule first), and turns the error into a refusal for
the scheduled-publishing command, which would stop at the first error: the
refusal is logged and recorded in the page's history. The bulk action is
refused as a whole, with a message per page (admin/bulk_publish.py). The
page Wagtail's action then saves is made from that same revision, so its save
does not check it a second time.
"""

import contextvars
import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from wagtail.log_actions import log

from .. import log_actions

logger = logging.getLogger(__name__)

#: The log action the scheduled-publishing command publishes with.
SCHEDULED_PUBLISH = "wagtail.publish.scheduled"

#: The id of the revision ``publish()`` has just checked, while Wagtail's
#: publish action saves the page made from it.
_checked_revision = contextvars.ContextVar("checked_revision", default=None)


class PublishRulesMixin:
    """For a page model whose ``publish_rule_errors()`` must hold whenever it
    is live. Put it before ``Page`` in the bases."""

    def publish_rule_errors(self, going_live_with=()):
        """``{field name or None: message}``: what stops this page going
        live. ``going_live_with`` holds the ids of pages that go live in the
        same action (bulk publishing with the child pages)."""
        return {}

    def save(self, clean=True, **kwargs):
        if clean and self.live:
            checked = _checked_revision.get()
            if checked is None or checked != self.live_revision_id:
                raise_if_cannot_go_live(self)
            # Validated in full; Wagtail's own clean would repeat it.
            clean = False
        return super().save(clean=clean, **kwargs)

    def publish(
        self,
        revision,
        user=None,
        changed=True,
        log_action=True,
        previous_revision=None,
        skip_permission_checks=False,
    ):
        errors = going_live_errors(revision.as_object())
        if errors:
            if log_action == SCHEDULED_PUBLISH:
                refuse_scheduled(revision, errors)
                return None
            raise ValidationError(errors)
        token = _checked_revision.set(revision.pk)
        try:
            return super().publish(
                revision,
                user=user,
                changed=changed,
                log_action=log_action,
                previous_revision=previous_revision,
                skip_permission_checks=skip_permission_checks,
            )
        finally:
            _checked_revision.reset(token)


def going_live_errors(page, going_live_with=()):
    """``{field name: [messages]}``: Django's field validation and the page's
    publish rules, for ``page`` as if it were published now. A rule's message
    replaces Django's for the same field: it says why."""
    errors = {}
    try:
        page.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    for name, message in page.publish_rule_errors(going_live_with).items():
        errors[name or "__all__"] = [message]
    return errors


def raise_if_cannot_go_live(page):
    errors = going_live_errors(page)
    if errors:
        raise ValidationError(errors)


def messages_of(errors):
    """The messages of an error dict, each once, in order."""
    seen = []
    for messages in errors.values():
        for message in messages:
            if str(message) not in seen:
                seen.append(str(message))
    return seen


def refuse_scheduled(revision, errors):
    """Leave a scheduled revision that breaks the rules unpublished, say why
    in the log and the page's history, and unschedule it (else every run of
    the command would try again). The editor fixes the page and schedules it
    again."""
    page = revision.content_object
    reasons = " ".join(messages_of(errors))
    logger.warning(
        'Scheduled publishing refused: "%s" pk=%s revision_id=%s: %s',
        page,
        page.pk,
        revision.pk,
        reasons,
    )
    revision.approved_go_live_at = None
    revision.save(update_fields=["approved_go_live_at"])
    log(
        instance=page,
        action=log_actions.PUBLISH_REFUSED,
        data={"revision": {"id": revision.pk}, "reasons": reasons},
        revision=revision,
    )


def refusal_message(page, errors):
    return gettext("“%(title)s” cannot be published: %(reasons)s") % {
        "title": page.get_admin_display_title(),
        "reasons": " ".join(messages_of(errors)),
    }


def unpublish_feedback_with_dialogue(sender, instance, **kwargs):
    """A dialogue taken offline takes its feedback pages with it: feedback
    on a dialogue that is not published is not public (nor listed in the
    API) either. Publishing the dialogue again leaves them to the editor."""
    from ..models.feedback import FeedbackPage

    for feedback in FeedbackPage.objects.child_of(instance).live():
        feedback.unpublish()


def connect():
    """Connect the signal handler; called from the app's ``ready()``."""
    from wagtail.signals import page_unpublished

    from ..models.dialogue_page import DialoguePage

    page_unpublished.connect(
        unpublish_feedback_with_dialogue,
        sender=DialoguePage,
        dispatch_uid="wagtail_delaktighet.unpublish_feedback_with_dialogue",
    )
