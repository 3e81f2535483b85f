"""Feedback pages (återkoppling): what we heard, what we did, what we decided
and what happens next (P6: results are fed back to participants).

A feedback page is a child of its dialogue. An interim page reports on the
way; a final page closes the loop: once one is live, the dialogue's status is
``feedback_published`` (status.py) and followers are told (following/notifications.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from .. import api
from ..forms.feedback_page import FeedbackPageForm
from ..publishing.enforcement import PublishRulesMixin
from ..publishing.rules import feedback_rule_errors
from .dialogue_inlines import DecisionFields
from .page_views import page_view

TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class FeedbackKind(models.TextChoices):
    INTERIM = "interim", _("Interim feedback")
    FINAL = "final", _("Final feedback")


class FeedbackOutcome(models.TextChoices):
    DONE = "done", pgettext_lazy("feedback outcome", "Done")
    PARTLY = "partly", _("Partly done")
    NOT_DONE = "not_done", _("Not done")
    INVESTIGATING = "investigating", _("Being investigated")


class MilestoneStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", pgettext_lazy("milestone status", "Done")


class FeedbackPage(PublishRulesMixin, Page):
    """Feedback on one dialogue: an interim report or the final one."""

    kind = models.CharField(
        _("kind of feedback"),
        max_length=16,
        choices=FeedbackKind.choices,
        default=FeedbackKind.FINAL,
        help_text=_(
            "Interim feedback reports on the way. Publishing the final feedback "
            "marks the dialogue as done and emails everyone who asked to hear back."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "What came of the dialogue, in two or three sentences. Shown on the "
            "dialogue page, in lists and in the email to participants."
        ),
    )
    we_heard = RichTextField(
        _("what we heard"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_(
            "The main views and themes, in your own words. The counts and "
            "results below it are added automatically from the contributions."
        ),
    )
    show_results = models.BooleanField(
        _("show the results"),
        default=True,
        help_text=_(
            "Show the number of participants and contributions by channel and "
            "the poll and survey results, counted from the contributions."
        ),
    )
    next_steps = RichTextField(
        _("what happens next"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("What happens now, shown above the milestones."),
    )

    parent_page_types = ["wagtail_delaktighet.DialoguePage"]
    subpage_types = []
    template = "wagtail_delaktighet/feedback_page.html"
    base_form_class = FeedbackPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("we_heard"),
        index.SearchField("next_steps"),
        index.FilterField("kind"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("summary"),
        APIField("we_heard"),
        APIField("next_steps"),
        APIField(
            "you_said_we_did",
            serializer=api.RelatedListField(child=api.FeedbackItemSerializer()),
        ),
        APIField(
            "decisions",
            serializer=api.RelatedListField(
                child=api.DecisionSerializer(), select_related=["body"]
            ),
        ),
        APIField(
            "milestones",
            serializer=api.RelatedListField(child=api.MilestoneSerializer()),
        ),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("we_heard"), FieldPanel("show_results")],
            heading=_("We heard"),
        ),
        InlinePanel(
            "you_said_we_did",
            heading=_("You said — we did"),
            label=_("Item"),
            help_text=_(
                "What participants said on a theme, the municipality's response "
                "and what came of it. Say why when something is not done."
            ),
        ),
        InlinePanel(
            "decisions",
            heading=_("We decided"),
            label=_("Decision"),
            help_text=_("Decisions taken after the dialogue, with the minutes."),
        ),
        MultiFieldPanel(
            [
                FieldPanel("next_steps"),
                InlinePanel("milestones", label=_("Milestone")),
            ],
            heading=_("What happens next"),
        ),
    ]

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback pages")

    @property
    def is_final(self):
        return self.kind == FeedbackKind.FINAL

    def publish_rule_errors(self, going_live_with=()):
        return feedback_rule_errors(self.get_parent(), going_live_with)

    def route(self, request, path_components):
        # Feedback on a dialogue that is not published is not public either.
        if not path_components and not dialogue_is_live(self):
            raise Http404
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view("base_context")())
        context.update(page_view("feedback_context")(request, self))
        return context


class FeedbackItem(Orderable):
    """One "you said — we did" item."""

    page = ParentalKey(
        FeedbackPage, on_delete=models.CASCADE, related_name="you_said_we_did"
    )
    theme = models.CharField(_("theme"), max_length=255)
    you_said = models.TextField(_("you said"))
    our_response = models.TextField(_("our response"))
    outcome = models.CharField(
        _("outcome"), max_length=16, choices=FeedbackOutcome.choices
    )
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it is not done, or only partly. Required for “Not done”."),
    )

    panels = [
        FieldRowPanel([FieldPanel("theme"), FieldPanel("outcome")]),
        FieldPanel("you_said"),
        FieldPanel("our_response"),
        FieldPanel("reason"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("you said — we did item")
        verbose_name_plural = _("you said — we did items")

    def __str__(self):
        return self.theme

    def clean(self):
        super().clean()
        if self.outcome == FeedbackOutcome.NOT_DONE and not self.reason.strip():
            raise ValidationError(
                {
                    "reason": _(
                        "Say why this is not done: participants deserve the reason."
                    )
                }
            )


class FeedbackDecision(Orderable, DecisionFields):
    page = ParentalKey(FeedbackPage, on_delete=models.CASCADE, related_name="decisions")

    class Meta(Orderable.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")


class FeedbackMilestone(Orderable):
    """A step of what happens next, with its date and where it stands."""

    page = ParentalKey(
        FeedbackPage, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("title"), max_length=255)
    due_on = models.DateField(_("date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MilestoneStatus.choices,
        default=MilestoneStatus.PLANNED,
    )
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("due_on"), FieldPanel("status")]),
        FieldPanel("description"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self):
        return self.title


def dialogue_is_live(feedback_page):
    parent = feedback_page.get_parent()
    return parent is not None and parent.live
