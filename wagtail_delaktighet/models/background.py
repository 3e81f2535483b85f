"""Voluntary background answers (age band, gender, district …) given with a
contribution, so the municipality can see whether a dialogue reaches everyone
(P4: representativeness).

They are personal-data-like: held apart from the contribution's content,
never public, exported only with the permission to export personal data, and
removed when the contribution's personal data is (retention, erasure). What
remains then is ``BackgroundCount``: the answers folded into counts per
dialogue, which name nobody (participation/background.py).
"""

import swapper
from django.db import models
from django.utils.translation import gettext_lazy as _

from .contributions import Channel, Contribution


class BackgroundAnswer(models.Model):
    """One background question answered with one contribution."""

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.CASCADE,
        related_name="background_answers",
        verbose_name=_("contribution"),
    )
    # Denormalised from the contribution, so a dialogue's counts and its
    # export's columns are read without a join.
    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,
    )
    #: The question's id in the site's settings (a StreamField block id).
    question_key = models.CharField(_("question key"), max_length=64)
    #: The question as it was asked, so a later rewording changes no answer.
    question = models.CharField(_("question"), max_length=255)
    #: The option's id (a ListBlock item id), or ``PREFER_NOT_TO_SAY``.
    answer_key = models.CharField(_("answer key"), max_length=64)
    answer = models.CharField(_("answer"), max_length=255)

    class Meta:
        verbose_name = _("background answer")
        verbose_name_plural = _("background answers")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contribution", "question_key"],
                name="dlk_one_background_answer_per_question",
            )
        ]
        indexes = [
            models.Index(
                fields=["page", "question_key", "answer_key"],
                name="dlk_background_by_page",
            )
        ]

    def __str__(self):
        return f"{self.question}: {self.answer}"


class BackgroundCount(models.Model):
    """Background answers whose rows were removed with the personal data
    (after the retention period or on erasure), kept as counts per dialogue
    so that the dialogue's representativeness can still be reported."""

    page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    question_key = models.CharField(max_length=64)
    answer_key = models.CharField(max_length=64)
    #: The channel of the contributions counted, so the representativeness
    #: report by channel is the same before and after the removal; empty
    #: for counts folded before the channel was kept.
    channel = models.CharField(
        max_length=16, choices=Channel.choices, blank=True, default=""
    )
    count = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("background count")
        verbose_name_plural = _("background counts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "question_key", "answer_key", "channel"],
                name="dlk_one_background_count_per_answer",
            )
        ]

    def __str__(self):
        return f"{self.question_key}={self.answer_key}: {self.count}"
