"""The involvement assessment register: the need to involve residents is
always considered, and a decision not to involve is a record too."""

from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.models import DraftStateMixin, RevisionMixin
from wagtail.search import index


class InvolvementDecision(models.TextChoices):
    INVOLVE = "involve", _("Involve residents")
    DO_NOT_INVOLVE = "do_not_involve", _("Do not involve residents")


class InvolvementAssessmentQuerySet(models.QuerySet):
    def public(self):
        """The assessments anyone may read: published ones."""
        return self.filter(live=True)


class InvolvementAssessment(
    DraftStateMixin, RevisionMixin, index.Indexed, ClusterableModel
):
    """One matter's assessment of whether and how to involve residents: the
    purpose, benefit, time and resources considered, and the decision with its
    justification. A dialogue page links to the assessment it came from."""

    matter = models.CharField(
        _("matter"),
        max_length=255,
        help_text=_("What is to be decided, in a few words."),
    )
    case_number = models.CharField(
        _("case number"),
        max_length=64,
        blank=True,
        help_text=_("The matter's number in the case register (diarienummer)."),
    )
    responsible_body = models.ForeignKey(
        "wagtail_delaktighet.Body",
        verbose_name=_("responsible body"),
        on_delete=models.PROTECT,
        related_name="involvement_assessments",
    )
    assessed_on = models.DateField(_("date of the assessment"))
    purpose = models.TextField(
        _("purpose"),
        help_text=_("What involving residents would be for."),
    )
    benefit = models.TextField(
        _("benefit"),
        help_text=_("What residents and the decision would gain from it."),
    )
    time = models.TextField(
        _("time"),
        help_text=_(
            "The time there is before the decision, and when in the decision "
            "process input can still make a difference."
        ),
    )
    resources = models.TextField(
        _("resources"),
        help_text=_("The staff, money and skills that involvement would need."),
    )
    target_groups = ParentalManyToManyField(
        "wagtail_delaktighet.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="involvement_assessments",
    )
    representativeness = models.TextField(
        _("need for representativeness"),
        blank=True,
        help_text=_(
            "Whose voices must be heard for the result to be fair, and how "
            "that will be reached."
        ),
    )
    decision = models.CharField(
        _("decision"),
        max_length=32,
        choices=InvolvementDecision.choices,
    )
    influence_level = models.ForeignKey(
        "wagtail_delaktighet.InfluenceLevel",
        verbose_name=_("influence level"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvement_assessments",
        help_text=_("When residents are involved: how much they can influence."),
    )
    methods = ParentalManyToManyField(
        "wagtail_delaktighet.Method",
        verbose_name=_("methods"),
        blank=True,
        related_name="involvement_assessments",
    )
    stage = models.CharField(
        _("when in the decision process"),
        max_length=255,
        blank=True,
        help_text=_("For example “Before the proposal is drafted”."),
    )
    justification = models.TextField(
        _("justification"),
        help_text=_(
            "Why this decision. A decision not to involve residents says why, "
            "so anyone can read it in the register."
        ),
    )
    decided_by = models.CharField(
        _("decided by"),
        max_length=255,
        help_text=_(
            "Who took the decision, for example the committee and the "
            "meeting's paragraph, or the official's role."
        ),
    )

    # Deleting an assessment deletes its revisions with it.
    _revisions = GenericRelation(
        "wagtailcore.Revision", related_query_name="involvement_assessment"
    )

    objects = InvolvementAssessmentQuerySet.as_manager()

    panels = [
        FieldPanel("matter"),
        FieldRowPanel([FieldPanel("case_number"), FieldPanel("assessed_on")]),
        FieldPanel("responsible_body"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("benefit"),
                FieldPanel("time"),
                FieldPanel("resources"),
                FieldPanel("target_groups"),
                FieldPanel("representativeness"),
            ],
            heading=_("What was considered"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("decision"),
                FieldPanel("influence_level"),
                FieldPanel("methods"),
                FieldPanel("stage"),
                FieldPanel("justification"),
                FieldPanel("decided_by"),
            ],
            heading=_("Decision"),
        ),
    ]
    search_fields = [
        index.SearchField("matter"),
        index.AutocompleteField("matter"),
        index.SearchField("case_number"),
        index.SearchField("justification"),
        index.FilterField("decision"),
        index.FilterField("responsible_body"),
        index.FilterField("live"),
    ]

    class Meta:
        verbose_name = _("involvement assessment")
        verbose_name_plural = _("involvement assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self):
        if self.case_number:
            return f"{self.matter} ({self.case_number})"
        return self.matter

    @property
    def revisions(self):
        return self._revisions

    @property
    def decided_to_involve(self):
        return self.decision == InvolvementDecision.INVOLVE

    def clean(self):
        super().clean()
        if self.decided_to_involve and self.influence_level_id is None:
            raise ValidationError(
                {
                    "influence_level": _(
                        "Choose the influence level residents are to have, "
                        "or decide not to involve them."
                    )
                }
            )
