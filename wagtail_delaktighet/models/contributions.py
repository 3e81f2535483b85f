"""What participants send in: contributions, their answers, and official
responses to them (see docs/developers/consultation-blocks.md).

A contribution's content is kept apart from the personal data of whoever sent
it, so that content can be shown, exported and kept while personal data is
hidden and later anonymised. Choice answers are rows of their own, so results
are counted by the database (GROUP BY), never by loading contributions.
"""

import hashlib

import swapper
from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContributionStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    PUBLISHED = "published", _("Published")
    REJECTED = "rejected", _("Rejected")
    PRIVATE = "private", _("Not public")


class Channel(models.TextChoices):
    WEB = "web", _("Website")
    API = "api", _("API")
    MEETING = "meeting", _("Meeting")
    PAPER = "paper", _("Paper form")
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("Email")
    WALK = "walk", _("Walk")
    OTHER = "other", _("Other")

    @classmethod
    def online(cls):
        """Channels where participants submit themselves, so the dialogue must
        be open and the rate limit applies."""
        return {cls.WEB, cls.API}


class Contribution(models.Model):
    """One submission to one consultation block of one dialogue."""

    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("dialogue"),
        # Contributions to a municipality are public records: deleting the
        # dialogue page must not silently delete them.
        on_delete=models.PROTECT,
        related_name="dlk_contributions",
    )
    block_id = models.CharField(_("block id"), max_length=64, db_index=True)
    block_type = models.CharField(_("block type"), max_length=64)
    content = models.JSONField(_("content"), default=dict, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ContributionStatus.choices,
        default=ContributionStatus.PENDING,
        db_index=True,
    )
    channel = models.CharField(
        _("channel"), max_length=16, choices=Channel.choices, default=Channel.WEB
    )
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    # The language the page was in when the resident took part: one
    # dialogue in several languages is one consultation, and what came in
    # through each language version stays visible (and the resident is
    # written to in it).
    language = models.CharField(
        _("language"),
        max_length=16,
        blank=True,
        help_text=_("The language the contribution was made in."),
    )
    receipt = models.CharField(
        _("receipt reference"), max_length=32, unique=True, null=True, blank=True
    )
    submission_key = models.CharField(
        _("submission key"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_(
            "Identifies one filled-in form, so a repeated post is not stored twice."
        ),
    )
    participant_key = models.CharField(
        _("participant key"),
        max_length=64,
        null=True,
        blank=True,
        help_text=_(
            "A keyed hash that tells one participant's answers apart where a "
            "block allows one answer each. Not an IP address."
        ),
    )
    dialogue_participant_key = models.CharField(
        _("dialogue participant key"),
        max_length=64,
        null=True,
        blank=True,
        help_text=_(
            "A keyed hash that tells the people who took part online in one "
            "dialogue apart, so they can be counted. Not an IP address."
        ),
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident's account"),
        null=True,
        blank=True,
        # The answer is kept and still counted when the account is deleted
        # (a resident's right to erasure, an account closed): only who gave
        # it is forgotten. A site that must keep who answered deactivates
        # accounts instead of deleting them. PROTECT would make an account
        # impossible to delete once its holder had answered.
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The logged-in resident who gave a binding answer (to a block "
            "that only logged-in residents can answer). Personal data."
        ),
    )
    binding = models.BooleanField(
        _("binding answer"),
        default=False,
        help_text=_(
            "Given by a logged-in resident to a block that only logged-in "
            "residents can answer: one answer per account."
        ),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by staff member"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    moderated_at = models.DateTimeField(_("moderated"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rejection_reason = models.ForeignKey(
        "wagtail_delaktighet.RejectionReason",
        verbose_name=_("reason for rejection"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    rejection_note = models.TextField(
        _("note to the author"),
        blank=True,
        help_text=_(
            "Added to the reason in the email to the author, when one is sent."
        ),
    )

    # Registration in the municipality's records system (diarium): a
    # contribution is a public record, and staff note where it was filed.
    registered_at = models.DateTimeField(
        _("registered in the records system"), null=True, blank=True
    )
    registered_case_number = models.CharField(
        _("case number"),
        max_length=64,
        blank=True,
        help_text=_("The case number (diarienummer) it was registered under."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("registered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One answer per participant where the block asks for it (polls).
            # Rows without a participant key are NULL and never collide.
            models.UniqueConstraint(
                fields=["page", "block_id", "participant_key"],
                name="dlk_one_answer_per_participant",
            ),
            # One binding answer per account where the block asks for a
            # logged-in resident. Not a partial index (MariaDB has none):
            # other contributions leave the account NULL, and NULLs never
            # collide in a unique index on SQLite, PostgreSQL or MariaDB.
            models.UniqueConstraint(
                fields=["page", "block_id", "account"],
                name="dlk_one_answer_per_account",
            ),
        ]
        indexes = [
            # A block's contributions by status, newest first: its public
            # list reads one page of them without sorting every row.
            models.Index(
                fields=["page", "block_id", "status", "created_at", "id"],
                name="dlk_block_status_created",
            )
        ]

    def __str__(self):
        return self.receipt or f"#{self.pk}"

    @property
    def is_staff_entered(self):
        return self.channel not in Channel.online()


class RejectionReason(models.Model):
    """A reason a moderator can give for rejecting a contribution, for example
    a line of the municipality's netiquette. The author is told it (P5: open
    moderation, so nobody's input disappears without a reason)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    explanation = models.TextField(
        _("explanation to the author"),
        help_text=_("Sent to an author who gave their email, in plain words."),
    )
    tell_author = models.BooleanField(
        _("tell the author"),
        default=True,
        help_text=_(
            "Email the author this reason when they gave their email. Turn it "
            "off for spam: a spammer's address should not get mail from the "
            "municipality."
        ),
    )
    is_spam = models.BooleanField(
        _("spam"),
        default=False,
        help_text=_(
            "For spam: the address given with a contribution rejected for this "
            "reason is never written to, not about the rejection and not when "
            "the dialogue's feedback is published."
        ),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0, db_index=True)

    sort_order_field = "sort_order"

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("reason for rejection")
        verbose_name_plural = _("reasons for rejection")

    def __str__(self):
        return self.name


class ContributionPersonalData(models.Model):
    """Who sent a contribution, held apart from what they sent (rule 6)."""

    contribution = models.OneToOneField(
        Contribution,
        on_delete=models.CASCADE,
        related_name="personal_data",
        verbose_name=_("contribution"),
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    consent = models.BooleanField(_("consent to store personal data"), default=False)
    consent_given_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    # The wording agreed to, as shown (in the language shown): what the
    # consent covers, should the form's text change later.
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_version = models.CharField(
        _("consent text version"),
        max_length=16,
        blank=True,
        help_text=_("A short hash of the consent text, to find who agreed to which."),
    )

    class Meta:
        verbose_name = _("personal data")
        verbose_name_plural = _("personal data")

    def __str__(self):
        return self.name or self.email or str(self.contribution)


class ContributionAnswer(models.Model):
    """One counted answer: a chosen option or a scale value of one question.

    Results are ``GROUP BY question_key, value`` over these rows.
    """

    contribution = models.ForeignKey(
        Contribution, on_delete=models.CASCADE, related_name="answers"
    )
    # Denormalised from the contribution so results need no join. No index of
    # its own: the composite index below starts with it, and a second one on
    # the page alone led PostgreSQL's planner away from the composite one.
    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    block_id = models.CharField(max_length=64)
    question_key = models.CharField(max_length=64)
    value = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            # Each option counts at most once per contribution: a form posted
            # with an option repeated must not count it twice.
            models.UniqueConstraint(
                fields=["contribution", "question_key", "value"],
                name="dlk_answer_once_per_contribution",
            )
        ]
        indexes = [models.Index(fields=["page", "block_id", "question_key", "value"])]

    def __str__(self):
        return f"{self.question_key}={self.value}"


#: The length of ``ContributionAnswer.value``.
ANSWER_VALUE_LENGTH = 64


def answer_value(answer):
    """The ``ContributionAnswer.value`` stored for a counted answer.

    A value that fits the column is stored as it is. A longer one keeps its
    beginning and ends with a hash of the whole, so that two long values that
    begin alike stay two answers instead of colliding into one. Results
    computed by ``GROUP BY value`` find a long option under
    ``answer_value(option)``.
    """
    value = str(answer)
    if len(value) <= ANSWER_VALUE_LENGTH:
        return value
    digest = hashlib.sha256(value.encode()).hexdigest()[:16]
    return f"{value[: ANSWER_VALUE_LENGTH - len(digest) - 1]}~{digest}"


class OfficialResponse(models.Model):
    """The municipality's public answer to a contribution, signed by a contact
    so that readers see the role of who answered (P8).

    Serves questions (an answer) and ideas (a status plus a response) alike.
    """

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="responses",
        verbose_name=_("contribution"),
    )
    signed_by = models.ForeignKey(
        "wagtail_delaktighet.Contact",
        verbose_name=_("signed by"),
        on_delete=models.PROTECT,
        related_name="responses",
    )
    text = models.TextField(_("response"))
    outcome = models.CharField(
        _("outcome"),
        max_length=32,
        blank=True,
        help_text=_("For ideas: what the municipality decided about it."),
    )
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("official response")
        verbose_name_plural = _("official responses")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.signed_by}: {self.text[:40]}"

    @property
    def is_published(self):
        return self.published_at is not None


class ParticipationPermission(models.Model):
    """Holds the staff permissions; it has no rows.

    The permissions could sit on ``Contribution``, but Wagtail's *Site history*
    report shows a model's log entries to anyone with any permission on that
    model: a moderator of one committee would see every committee's
    contribution receipts and moderation there. Held here, the permissions give
    no such access; staff see a contribution's history on its own page, which
    checks the committee rule (``permissions.py``).
    """

    class Meta:
        managed = False
        default_permissions = ()
        permissions = [
            ("moderate_contribution", _("Can moderate contributions")),
            ("export_personal_data", _("Can export contributors' personal data")),
        ]
        verbose_name = _("participation permission")
        verbose_name_plural = _("participation permissions")

    def __str__(self):
        return str(self._meta.verbose_name)
