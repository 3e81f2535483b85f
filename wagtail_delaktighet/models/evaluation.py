"""Staff evaluation of a closed dialogue: were the target groups reached, did
the method suit, what did it cost, what was learned."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index


class Reached(models.TextChoices):
    YES = "yes", _("Yes")
    PARTLY = "partly", _("Partly")
    NO = "no", _("No")


class DialogueEvaluation(index.Indexed, models.Model):
    """One dialogue's evaluation by the staff who held it, for the
    municipality's regular evaluation of methods and results."""

    dialogue = models.OneToOneField(
        "wagtail_delaktighet.DialoguePage",
        verbose_name=_("dialogue"),
        on_delete=models.CASCADE,
        related_name="evaluation",
    )
    evaluated_on = models.DateField(_("evaluated on"), default=timezone.localdate)
    target_groups_reached = models.CharField(
        _("were the target groups reached?"), max_length=8, choices=Reached.choices
    )
    target_groups_comment = models.TextField(
        _("about the target groups"),
        blank=True,
        help_text=_("Who took part, and who was missing."),
    )
    method_suitable = models.CharField(
        _("did the methods suit the purpose?"), max_length=8, choices=Reached.choices
    )
    method_comment = models.TextField(_("about the methods"), blank=True)
    representativeness = models.TextField(
        _("representativeness"),
        blank=True,
        help_text=_("How well the participants reflect those the matter concerns."),
    )
    hours_used = models.PositiveIntegerField(
        _("hours used"), null=True, blank=True, help_text=_("Staff hours, roughly.")
    )
    cost = models.DecimalField(
        _("cost (SEK)"),
        max_digits=12,
        decimal_places=0,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Money spent on the dialogue besides staff hours."),
    )
    lessons = models.TextField(
        _("lessons learned"),
        help_text=_("What to keep and what to do differently next time."),
    )
    overall_rating = models.PositiveSmallIntegerField(
        _("overall rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 (poor) to 5 (very good)."),
    )

    panels = [
        FieldRowPanel([FieldPanel("dialogue"), FieldPanel("evaluated_on")]),
        MultiFieldPanel(
            [
                FieldPanel("target_groups_reached"),
                FieldPanel("target_groups_comment"),
                FieldPanel("representativeness"),
            ],
            heading=_("Who took part"),
        ),
        MultiFieldPanel(
            [FieldPanel("method_suitable"), FieldPanel("method_comment")],
            heading=_("Methods"),
        ),
        FieldRowPanel([FieldPanel("hours_used"), FieldPanel("cost")]),
        FieldPanel("lessons"),
        FieldPanel("overall_rating"),
    ]
    search_fields = [index.SearchField("lessons"), index.FilterField("dialogue")]

    class Meta:
        verbose_name = _("dialogue evaluation")
        verbose_name_plural = _("dialogue evaluations")
        ordering = ["-evaluated_on", "-pk"]

    def __str__(self):
        return str(_("Evaluation of “%(title)s”") % {"title": self.dialogue.title})

    def clean(self):
        super().clean()
        dialogue = getattr(self, "dialogue", None)
        if dialogue is not None and (
            dialogue.closes_at is None or dialogue.closes_at > timezone.now()
        ):
            raise ValidationError(
                {
                    "dialogue": _(
                        "Evaluate a dialogue once it has closed: this one is "
                        "still open or not yet dated."
                    )
                }
            )
