"""Requests from people to see or erase what is stored about their email
address (their rights of access and erasure).

A request made on the public page is answered by an emailed link: the row
keeps a keyed hash of the link's token, never the token itself, so the
database alone opens nothing. The address is kept only while the link can be
used (it is what the link shows data for) and blanked when the data is
erased; the keyed hash of the address stays, so the log can tell requests
about the same address apart without naming it.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataRequestSource(models.TextChoices):
    WEBSITE = "website", _("Asked on the website")
    STAFF = "staff", _("Handled by staff (letter, phone, visit)")


class DataRequest(models.Model):
    """One request to see, and perhaps erase, what is stored about an email."""

    email = models.EmailField(
        _("email"),
        blank=True,
        help_text=_("Kept while the link can be used; blanked when it is used up."),
    )
    email_hash = models.CharField(_("email hash"), max_length=64, db_index=True)
    token_hash = models.CharField(
        _("token hash"), max_length=64, blank=True, db_index=True
    )
    source = models.CharField(
        _("source"),
        max_length=16,
        choices=DataRequestSource.choices,
        default=DataRequestSource.WEBSITE,
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    used_at = models.DateTimeField(_("erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")

    def __str__(self):
        # Log entries show this label: it never names the address.
        return _("Personal data request %(number)s") % {"number": self.pk}
