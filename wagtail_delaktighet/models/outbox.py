"""The outbox: every email to a participant or contact is a row here first.

A row is written in the same transaction as what causes it, and sent by a
background task afterwards. A mail server that is down delays a message but
loses none: the row stays pending with the error, and the next delivery run
sends it. The unique ``key`` names the purpose and recipient, so the same
message can never be queued twice (publishing again, a command run twice).

A sender first *claims* a row (outbox.py): only one process wins the claim, so
two overlapping delivery runs never send the same email. A failed attempt is
retried later, each time after a longer pause, until the row is given up as
*failed* after a maximum number of attempts.
"""

import swapper
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxKind(models.TextChoices):
    CONFIRMATION = "confirmation", _("Confirm following a dialogue")
    FEEDBACK = "feedback", _("Feedback published")
    REMINDER = "reminder", _("Feedback date reminder")
    REJECTION = "rejection", _("Contribution not published")
    DATA_REQUEST = "data_request", _("Link to see your personal data")
    EVALUATION_REMINDER = "evaluation", _("Evaluation reminder")
    RESPONSE = "response", _("Answer to a contribution published")


class OutboxEmail(models.Model):
    key = models.CharField(_("key"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OutboxKind.choices)
    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.EmailField(_("recipient"))
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("body"))
    from_email = models.CharField(_("sender"), max_length=255, blank=True)
    unsubscribe_url = models.URLField(_("unsubscribe link"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    failed_at = models.DateTimeField(
        _("given up"),
        null=True,
        blank=True,
        help_text=_("Set when the last allowed attempt failed; no more tries."),
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), default=timezone.now, db_index=True
    )
    # Who is sending the row right now, and until when the claim holds: a
    # sender that crashed leaves a claim that expires, so the row is retried.
    claimed_by = models.CharField(_("claimed by"), max_length=64, blank=True)
    claimed_until = models.DateTimeField(_("claimed until"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outgoing emails")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.recipient}"

    @property
    def is_pending(self):
        return self.sent_at is None and self.failed_at is None

    @property
    def has_failed(self):
        return self.failed_at is not None

    @property
    def next_try(self):
        """When the next attempt is due, for a row still pending."""
        return self.next_attempt_at if self.is_pending else None
