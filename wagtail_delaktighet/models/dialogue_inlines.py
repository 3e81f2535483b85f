"""What a dialogue page holds in its inline panels: phases, activities,
contacts, documents and decisions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.models import Orderable

from .dialogue_page import DialoguePage


class DialoguePhase(Orderable):
    """One phase of the dialogue's timeline (P2: involve citizens early)."""

    class Kind(models.TextChoices):
        PLANNING = "planning", _("Planning")
        PARTICIPATION = "participation", pgettext_lazy("phase", "Participation")
        ANALYSIS = "analysis", _("Analysis")
        DECISION = "decision", _("Decision")
        FEEDBACK = "feedback", _("Feedback and implementation")

    page = ParentalKey(DialoguePage, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=255)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("description"),
    ]
    api_fields = ["kind", "title", "starts_on", "ends_on", "description"]

    class Meta(Orderable.Meta):
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("A phase cannot end before it starts.")}
            )


class DialogueActivity(Orderable):
    """A meeting, walk, drop-in… where people can take part in person (P4)."""

    page = ParentalKey(
        DialoguePage, on_delete=models.CASCADE, related_name="activities"
    )
    title = models.CharField(_("title"), max_length=255)
    method = models.ForeignKey(
        "wagtail_delaktighet.Method",
        verbose_name=_("method"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255)
    address = models.CharField(_("address"), max_length=255, blank=True)
    description = models.TextField(_("description"), blank=True)
    hearing_loop = models.BooleanField(_("hearing loop"), default=False)
    interpreter = models.CharField(
        _("interpreter"),
        max_length=255,
        blank=True,
        help_text=_("Languages interpreted, for example “Swedish sign language”."),
    )
    step_free_access = models.BooleanField(_("step-free access"), default=False)
    easy_read = models.BooleanField(_("easy-read material"), default=False)
    accessibility_notes = models.TextField(_("more about accessibility"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("method")]),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("place"), FieldPanel("address")]),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("hearing_loop"),
                        FieldPanel("step_free_access"),
                        FieldPanel("easy_read"),
                    ]
                ),
                FieldPanel("interpreter"),
                FieldPanel("accessibility_notes"),
            ],
            heading=_("Accessibility"),
        ),
        FieldPanel("registration_url"),
    ]
    api_fields = [
        "id",
        "title",
        "starts_at",
        "ends_at",
        "place",
        "address",
        "description",
        "hearing_loop",
        "interpreter",
        "step_free_access",
        "easy_read",
        "accessibility_notes",
        "registration_url",
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError(
                {"ends_at": _("An activity must end after it starts.")}
            )


class DialogueContact(Orderable):
    """A person listening in this dialogue, with their role in it (P8)."""

    page = ParentalKey(
        DialoguePage, on_delete=models.CASCADE, related_name="dialogue_contacts"
    )
    contact = models.ForeignKey(
        "wagtail_delaktighet.Contact",
        verbose_name=_("contact"),
        on_delete=models.CASCADE,
        related_name="dialogue_roles",
    )
    role = models.CharField(
        _("role in this dialogue"),
        max_length=255,
        blank=True,
        help_text=_(
            "One sentence. Left empty, an elected representative is described as "
            "taking part on behalf of their body, to listen."
        ),
    )

    panels = [FieldPanel("contact"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return str(self.contact)


class DialogueDocument(Orderable):
    """A document of the dialogue: a Wagtail document or a link (P1)."""

    page = ParentalKey(DialoguePage, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=255)
    document = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    url = models.URLField(_("link"), blank=True)
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("document"), FieldPanel("url")]),
        FieldPanel("description"),
    ]
    api_fields = ["title", "href", "description"]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    @property
    def href(self):
        return self.document.url if self.document_id else self.url

    def clean(self):
        super().clean()
        if bool(self.document_id) == bool(self.url):
            raise ValidationError(
                {"url": _("Choose a document or enter a link, but not both.")}
            )


class DecisionFields(models.Model):
    """A recorded decision: which body, when, which paragraph (P1, P6).

    Dialogue pages list decisions; feedback pages reuse these fields.
    """

    title = models.CharField(_("title"), max_length=255)
    body = models.ForeignKey(
        "wagtail_delaktighet.Body",
        verbose_name=_("body"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_on = models.DateField(_("date"))
    paragraph = models.CharField(
        _("paragraph"), max_length=32, blank=True, help_text=_("For example “§ 42”.")
    )
    case_number = models.CharField(
        _("case number"),
        max_length=64,
        blank=True,
        help_text=_("The registry number (diarienummer)."),
    )
    minutes_url = models.URLField(_("link to the minutes"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("body"), FieldPanel("decided_on")]),
        FieldRowPanel([FieldPanel("paragraph"), FieldPanel("case_number")]),
        FieldPanel("minutes_url"),
    ]
    api_fields = ["title", "decided_on", "paragraph", "case_number", "minutes_url"]

    class Meta:
        abstract = True

    def __str__(self):
        return self.title


class DialogueDecision(Orderable, DecisionFields):
    page = ParentalKey(DialoguePage, on_delete=models.CASCADE, related_name="decisions")

    class Meta(Orderable.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
