"""Following a dialogue: people who asked to hear what came of it (P6).

A subscription is confirmed by a link sent to the address (double opt-in), and
every email carries a link that ends it without logging in. Its token is
random, long and belongs to one dialogue: a link for one dialogue does nothing
on another.
"""

import secrets

import swapper
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token():
    return secrets.token_urlsafe(32)


def normalise_email(email):
    return (email or "").strip().lower()


class SubscriptionSource(models.TextChoices):
    FOLLOW = "follow", _("Asked on the dialogue page")
    CONTRIBUTION = "contribution", _("Gave an email when contributing")


class SubscriptionQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: the people to tell."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Subscription(models.Model):
    """One address that follows one dialogue."""

    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("dialogue"),
        on_delete=models.CASCADE,
        related_name="dlk_subscriptions",
    )
    email = models.EmailField(_("email"))
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_token, editable=False
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=SubscriptionSource.choices,
        default=SubscriptionSource.FOLLOW,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    # The language the address asked in: its emails are written in it.
    language = models.CharField(_("language"), max_length=16, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)
    # What the address was asked to follow with, as shown: the consent that
    # confirming the address gives. Empty for a contributor signed up by
    # their contribution, whose consent is stored with it.
    consent_text = models.TextField(_("consent text"), blank=True)
    consent_version = models.CharField(
        _("consent text version"),
        max_length=16,
        blank=True,
        help_text=_("A short hash of the consent text, to find who agreed to which."),
    )

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "email"], name="dlk_one_subscription_per_address"
            )
        ]

    def __str__(self):
        return self.email

    @property
    def is_active(self):
        return self.confirmed_at is not None and self.unsubscribed_at is None
