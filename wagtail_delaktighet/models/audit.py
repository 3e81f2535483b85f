"""The audit trail of contributions, kept where only the right people see it.

Wagtail logs generic models as ``ModelLogEntry``, which its "Site history"
report shows to anyone with any permission on the model: a moderator of one
committee would see the receipts and moderation of every other committee's
contributions. Contributions get a log entry model of their own whose
``viewable_by_user`` follows the same rule as the contributions themselves
(``permissions.contributions_for``).
"""

from django.db import models
from django.db.models.functions import Cast
from django.utils.translation import gettext_lazy as _
from wagtail.models import BaseLogEntry
from wagtail.models.audit_log import ModelLogEntryManager


class ContributionLogEntryManager(ModelLogEntryManager):
    def viewable_by_user(self, user):
        if user.is_superuser:
            return self.all()
        from ..permissions import contributions_for

        visible_ids = (
            contributions_for(user)
            .annotate(pk_text=Cast("pk", output_field=models.CharField(max_length=255)))
            .values("pk_text")
        )
        return self.filter(object_id__in=visible_ids)


class ContributionLogEntry(BaseLogEntry):
    object_id = models.CharField(max_length=255, blank=False, db_index=True)

    objects = ContributionLogEntryManager()

    class Meta(BaseLogEntry.Meta):
        ordering = ["-timestamp", "-id"]
        verbose_name = _("contribution log entry")
        verbose_name_plural = _("contribution log entries")

    def __str__(self):
        return f"ContributionLogEntry {self.pk}: {self.action} on {self.object_id}"
