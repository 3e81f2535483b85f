"""Stored results: counters kept in the same transaction as every write that
changes what is counted, so that reading results costs the same at ten and at
a million contributions (docs/developers/consultation-blocks.md).

``participation/counters.py`` keeps them; ``delaktighet_rebuild_counts``
rebuilds them from the rows.
"""

import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _


class ResultCount(models.Model):
    """How many counted contributions gave ``value`` to ``question_key`` of a
    block. Rows of the whole dialogue have an empty ``block_id`` and a
    reserved ``question_key`` (see ``participation/counters.py``)."""

    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    block_id = models.CharField(max_length=64, blank=True)
    question_key = models.CharField(max_length=64)
    value = models.CharField(max_length=64, blank=True)
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("result count")
        verbose_name_plural = _("result counts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "block_id", "question_key", "value"],
                name="dlk_one_count_per_value",
            )
        ]

    def __str__(self):
        return f"{self.block_id}/{self.question_key}={self.value}: {self.count}"


class DialogueParticipant(models.Model):
    """How many counted contributions one person who took part online (a
    ``Contribution.dialogue_participant_key``) made to a dialogue: the
    dialogue's count of people changes when this goes from 0 to 1 or back."""

    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    participant_key = models.CharField(max_length=64)
    contributions = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("dialogue participant")
        verbose_name_plural = _("dialogue participants")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "participant_key"],
                name="dlk_one_participant_row_per_dialogue",
            )
        ]

    def __str__(self):
        return f"{self.participant_key}: {self.contributions}"


class ResultsVersion(models.Model):
    """A number that grows with every change to what a dialogue page shows
    from its contributions: a counter raised or lowered, a contribution
    edited or deleted, an official answer written. The page's rendered
    content is cached under it (views/dialogue_content_cache.py), so a change
    is on the page at the next view, in every process."""

    page = models.OneToOneField(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="+",
    )
    version = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("results version")
        verbose_name_plural = _("results versions")

    def __str__(self):
        return f"{self.page_id}: {self.version}"
