"""The dialogue page (medborgardialog); its inline parts are in
dialogue_inlines.py, the index of dialogues in dialogue_index.py."""

from django.db import models
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    HelpPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .. import (
    api,
    converters,  # noqa: F401 - registers <dlk_id:…>, <dlk_token:…>
)
from ..fields import DialogueBodyField
from ..forms.dialogue_page import DialoguePageForm
from ..forms.level_choice import InfluenceLevelRadioSelect
from ..panels import SubmissionsPanel
from ..publishing.enforcement import PublishRulesMixin
from ..publishing.rules import publish_rule_errors_for_page
from .page_views import page_view
from .status import (
    DialogueStatus,
    feedback_is_overdue,
    live_final_feedback,
    status_at,
)
from .view_restrictions import RoutedViewRestrictions


class DialoguePage(PublishRulesMixin, RoutedViewRestrictions, RoutablePageMixin, Page):
    """A citizen dialogue (medborgardialog).

    Fields without ``blank=True`` are required when publishing, not when saving
    a draft (Wagtail defers them); foreign keys that must be set on publish are
    therefore nullable in the database.
    """

    class Scope(models.TextChoices):
        MUNICIPALITY_WIDE = "municipality_wide", _("Municipality-wide")
        COMMUNITY_DEVELOPMENT = "community_development", _("Community development")
        COMMITTEE_AREA = "committee_area", _("A committee's own area")

    summary = models.TextField(
        _("summary"),
        max_length=500,
        blank=True,
        help_text=_(
            "One or two sentences shown on the dialogue's card in lists, so people "
            "can find the dialogues that concern them."
        ),
    )
    purpose = models.TextField(
        _("purpose"),
        help_text=_(
            "Why the municipality holds this dialogue, so participants understand "
            "what their input is for. Required to publish."
        ),
    )
    question = models.CharField(
        _("the question we ask"),
        max_length=255,
        blank=True,
        help_text=_(
            "The question participants are asked to answer, in one sentence, so "
            "they know what the dialogue wants to hear about."
        ),
    )
    influence_level = models.ForeignKey(
        "wagtail_delaktighet.InfluenceLevel",
        verbose_name=_("influence level"),
        null=True,
        on_delete=models.PROTECT,
        related_name="dialogues",
        help_text=_(
            "How much participants can influence, so they know what taking part can"
            " lead to. Its rules decide whether the dialogue may collect input and "
            "must promise a feedback date."
        ),
    )
    can_influence = RichTextField(
        _("what you can influence"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_(
            "What is open to change through the participants' input, so they know "
            "how much they can influence. Required to publish."
        ),
    )
    cannot_influence = RichTextField(
        _("what you cannot influence"),
        features=["bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text=_(
            "What is already decided or outside the dialogue, so nobody expects "
            "more than is possible."
        ),
    )
    input_handling = RichTextField(
        _("how your input is handled"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_(
            "Who reads the input, how it is compiled and how it reaches the "
            "decision-makers, so participants can follow what happens to it. "
            "Required to publish."
        ),
    )
    decision_body = models.ForeignKey(
        "wagtail_delaktighet.Body",
        verbose_name=_("who decides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The body that takes the decision the dialogue feeds into, so "
            "participants see where in the decision process they take part."
        ),
    )
    decision_timing = models.CharField(
        _("when the decision is taken"),
        max_length=255,
        blank=True,
        help_text=_(
            "For example “At the council meeting in March 2027”: shows that "
            "participation comes before the decision."
        ),
    )
    responsible_body = models.ForeignKey(
        "wagtail_delaktighet.Body",
        verbose_name=_("responsible body"),
        null=True,
        on_delete=models.PROTECT,
        related_name="responsible_for_dialogues",
        help_text=_(
            "The body that holds the dialogue and answers for it, so participants "
            "know whom to turn to. Required to publish."
        ),
    )
    coordinating_bodies = ParentalManyToManyField(
        "wagtail_delaktighet.Body",
        verbose_name=_("coordinating bodies"),
        blank=True,
        related_name="coordinated_dialogues",
        help_text=_(
            "Other bodies the dialogue is coordinated with, so the municipality "
            "does not ask the same people the same questions twice."
        ),
    )
    scope = models.CharField(
        _("scope"),
        max_length=32,
        choices=Scope.choices,
        blank=True,
        help_text=_(
            "Municipality-wide dialogues are decided by the council "
            "and coordinated by the executive board; committees hold "
            "dialogues in their own areas."
        ),
    )
    scope_decided_by = models.ForeignKey(
        "wagtail_delaktighet.Body",
        verbose_name=_("dialogue decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The body that decided to hold this dialogue, so it is "
            "clear who stands behind it."
        ),
    )
    involvement_assessment = models.ForeignKey(
        "wagtail_delaktighet.InvolvementAssessment",
        verbose_name=_("involvement assessment"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dialogues",
        help_text=_(
            "The assessment in the register that decided to involve residents "
            "in this matter: its purpose, benefit, time and resources."
        ),
    )
    opens_at = models.DateTimeField(
        _("opens"),
        null=True,
        help_text=_(
            "When participation opens: early, before the decision is prepared, so "
            "the input can still make a difference. Required to publish."
        ),
    )
    closes_at = models.DateTimeField(
        _("closes"),
        null=True,
        help_text=_(
            "When participation closes. Must be after it opens. Required to publish."
        ),
    )
    feedback_promised_on = models.DateField(
        _("feedback promised by"),
        null=True,
        blank=True,
        help_text=_(
            "The date by which participants hear what came of their input, so they "
            "know when to expect an answer. Required by some influence levels; must"
            " be after the dialogue closes."
        ),
    )
    personal_data_retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months)"),
        null=True,
        blank=True,
        help_text=_(
            "How many months after the dialogue closes the participants' "
            "names, email addresses and other personal data are kept; then they"
            " are removed, while what was said and the results stay. Leave empty"
            " for the site's standard period (Settings, Participation settings)."
        ),
    )
    ask_background_questions = models.BooleanField(
        _("ask the background questions"),
        default=False,
        help_text=_(
            "Offer the site's voluntary background questions (Settings, "
            "Participation settings) with every form of this dialogue, to see "
            "whether it reaches everyone. Participants may skip them; the "
            "answers are never shown publicly."
        ),
    )
    target_groups = ParentalManyToManyField(
        "wagtail_delaktighet.TargetGroup",
        verbose_name=_("target groups"),
        blank=True,
        related_name="dialogues",
        help_text=_(
            "Whom the dialogue especially wants to hear from, so the ways to "
            "take part can suit them."
        ),
    )
    adaptations = RichTextField(
        _("adaptations for target groups"),
        features=["bold", "italic", "ol", "ul", "link"],
        blank=True,
        help_text=_(
            "How the dialogue is adapted to the target groups' conditions, for "
            "example easy-read material or meetings after school."
        ),
    )
    easy_read_summary = RichTextField(
        _("easy-read summary"),
        # Easy-read advice: no italics, few levels of headings, nothing
        # embedded that a screen reader or a slow reader stumbles on.
        features=["h2", "h3", "bold", "ol", "ul", "link"],
        blank=True,
        help_text=_(
            "The dialogue told in easy-read Swedish (lättläst), for people who "
            "find ordinary text hard to read: short sentences, common words, one "
            "thing in each sentence. Say what the dialogue is about, what you "
            "ask and what happens to the answers; how to take part is shown "
            "below it. When filled in, a link “Easy-read” is shown at the top "
            "of the dialogue."
        ),
    )
    areas = ParentalManyToManyField(
        "wagtail_delaktighet.Area",
        verbose_name=_("areas"),
        blank=True,
        related_name="dialogues",
        help_text=_(
            "The parts of the municipality the dialogue concerns, so people can "
            "find it by place."
        ),
    )
    topics = ParentalManyToManyField(
        "wagtail_delaktighet.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="dialogues",
        help_text=_("What the dialogue is about, so people can find it by subject."),
    )
    strategic_goals = ParentalManyToManyField(
        "wagtail_delaktighet.StrategicGoal",
        verbose_name=_("strategic goals"),
        blank=True,
        related_name="dialogues",
        help_text=_(
            "The municipality's goals the dialogue contributes to, so it is clear "
            "how it ties in with the municipality's plans."
        ),
    )
    methods = ParentalManyToManyField(
        "wagtail_delaktighet.Method",
        verbose_name=_("methods"),
        blank=True,
        related_name="dialogues",
        help_text=_(
            "The forms of participation the dialogue offers, so people can "
            "choose the way that suits them."
        ),
    )
    body = DialogueBodyField(
        verbose_name=pgettext_lazy("page content", "body"),
        blank=True,
        help_text=_(
            "The dialogue's content, and the consultation blocks where participants"
            " give their views and ask questions."
        ),
    )

    parent_page_types = ["wagtail_delaktighet.DialogueIndexPage"]
    subpage_types = ["wagtail_delaktighet.FeedbackPage"]
    template = "wagtail_delaktighet/dialogue_page.html"
    # Applies the publish rules (publishing/rules.py) with messages at each field.
    base_form_class = DialoguePageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("purpose"),
        index.SearchField("question"),
        index.SearchField("can_influence"),
        index.SearchField("body"),
        index.FilterField("opens_at"),
        index.FilterField("closes_at"),
        index.FilterField("influence_level"),
        index.FilterField("responsible_body"),
    ]

    # Every public field (P1). Contacts, documents and the other lists use
    # explicit serializers, so only what is meant to be public is.
    api_fields = [
        APIField("summary"),
        APIField("purpose"),
        APIField("question"),
        APIField("influence_level", serializer=api.InfluenceLevelSerializer()),
        APIField("can_influence"),
        APIField("cannot_influence"),
        APIField("input_handling"),
        APIField("decision_body", serializer=api.BodySerializer()),
        APIField("decision_timing"),
        APIField("responsible_body", serializer=api.BodySerializer()),
        APIField(
            "coordinating_bodies", serializer=api.snippet_list(api.BodySerializer)
        ),
        APIField("scope"),
        APIField("scope_decided_by", serializer=api.BodySerializer()),
        APIField("opens_at"),
        APIField("closes_at"),
        APIField("feedback_promised_on"),
        APIField("status", serializer=api.TextChoiceField(DialogueStatus)),
        APIField(
            "phases", serializer=api.RelatedListField(child=api.PhaseSerializer())
        ),
        APIField(
            "activities",
            serializer=api.RelatedListField(
                child=api.ActivitySerializer(), select_related=["method"]
            ),
        ),
        APIField(
            "dialogue_contacts",
            serializer=api.RelatedListField(
                child=api.DialogueContactSerializer(),
                select_related=["contact__body"],
            ),
        ),
        APIField(
            "documents",
            serializer=api.RelatedListField(
                child=api.DocumentSerializer(), select_related=["document"]
            ),
        ),
        APIField(
            "decisions",
            serializer=api.RelatedListField(
                child=api.DecisionSerializer(), select_related=["body"]
            ),
        ),
        APIField("target_groups", serializer=api.snippet_list()),
        APIField("areas", serializer=api.snippet_list()),
        APIField("topics", serializer=api.snippet_list()),
        APIField(
            "strategic_goals",
            serializer=api.snippet_list(api.StrategicGoalSerializer),
        ),
        APIField("methods", serializer=api.snippet_list()),
        APIField("adaptations"),
        APIField("body"),
        APIField("easy_read_summary"),
    ]

    # The help texts are the fields' own (one source for the edit form, the
    # API schema and the docs); each says which policy principle it serves.
    content_panels = Page.content_panels + [
        FieldPanel(
            "summary",
        ),
        # Above the body, which can be long: staff coming for the
        # contributions find them without scrolling.
        SubmissionsPanel(),
        FieldPanel(
            "body",
        ),
    ]
    purpose_panels = [
        FieldPanel("involvement_assessment"),
        FieldPanel("purpose"),
        FieldPanel(
            "question",
        ),
        # Each level with its promise and rules, and the rules in general.
        FieldPanel("influence_level", widget=InfluenceLevelRadioSelect),
        HelpPanel(
            template="wagtail_delaktighet/admin/level_rules_help.html",
            heading=_("What the influence level decides"),
        ),
        FieldPanel(
            "can_influence",
        ),
        FieldPanel(
            "cannot_influence",
        ),
        FieldPanel(
            "input_handling",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel(
                            "opens_at",
                        ),
                        FieldPanel(
                            "closes_at",
                        ),
                    ]
                ),
                FieldPanel("feedback_promised_on"),
                FieldPanel("personal_data_retention_months"),
            ],
            heading=_("Participation window and feedback"),
        ),
        MultiFieldPanel(
            [
                FieldPanel(
                    "decision_body",
                ),
                FieldPanel(
                    "decision_timing",
                ),
            ],
            heading=_("Who decides and when"),
        ),
    ]
    timeline_panels = [
        InlinePanel(
            "phases",
            heading=_("Timeline"),
            label=_("Phase"),
            help_text=_(
                "The phases from planning to feedback. They show participants that "
                "they take part early, before the decision."
            ),
        ),
        InlinePanel(
            "activities",
            heading=_("Activities"),
            label=_("Activity"),
            help_text=_(
                "Meetings, walks and drop-ins where people take part in person, "
                "with accessibility information, so everyone can tell whether they "
                "can come."
            ),
        ),
    ]
    people_panels = [
        FieldPanel(
            "responsible_body",
        ),
        FieldPanel(
            "coordinating_bodies",
        ),
        FieldRowPanel(
            [
                FieldPanel(
                    "scope",
                ),
                FieldPanel(
                    "scope_decided_by",
                ),
            ]
        ),
        InlinePanel(
            "dialogue_contacts",
            heading=_("Who is listening"),
            label=_("Contact"),
            help_text=_(
                "Elected representatives and officials, shown in separate groups so"
                " participants see who decides and who prepares. Representatives "
                "take part on behalf of their body, to listen."
            ),
        ),
        FieldPanel("target_groups"),
        FieldPanel("ask_background_questions"),
        FieldPanel("adaptations"),
        FieldPanel("easy_read_summary"),
        FieldPanel("methods"),
        FieldPanel(
            "areas",
        ),
        FieldPanel(
            "topics",
        ),
        FieldPanel(
            "strategic_goals",
        ),
    ]
    document_panels = [
        InlinePanel(
            "documents",
            heading=_("Documents"),
            label=_("Document"),
            help_text=_(
                "Background material, plans and reports: a Wagtail document or a "
                "link, so participants find everything in one place."
            ),
        ),
        InlinePanel(
            "decisions",
            heading=_("Decisions"),
            label=_("Decision"),
            help_text=_(
                "Decisions about the dialogue or taken after it, with body, date "
                "and paragraph, so participants can find them and see what came of "
                "the dialogue."
            ),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Content")),
            ObjectList(purpose_panels, heading=_("Purpose and influence")),
            ObjectList(timeline_panels, heading=_("Timeline and activities")),
            ObjectList(people_panels, heading=_("People and bodies")),
            ObjectList(document_panels, heading=_("Documents")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    class Meta:
        verbose_name = _("dialogue")
        verbose_name_plural = _("dialogues")

    def consultation_blocks(self):
        """The consultation blocks of the body, in order: ``(block_id,
        block, value)`` named tuples (``ConsultationBlockItem``)."""
        from ..blocks.consultation import consultation_blocks_in

        return consultation_blocks_in(self.body)

    def publish_rule_errors(self, going_live_with=()):
        # However it goes live (publishing/enforcement.py), not only from the edit form.
        return publish_rule_errors_for_page(self)

    @property
    def status(self):
        # A queryset annotated by annotate_status() already knows it.
        annotated = self.__dict__.get("status")
        if annotated:
            return annotated
        status = status_at(self.opens_at, self.closes_at)
        if (
            status == DialogueStatus.CLOSED
            and self.live
            and self.final_feedback is not None
        ):
            return DialogueStatus.FEEDBACK_PUBLISHED
        return status

    @status.setter
    def status(self, value):
        # Lets Django set the annotation on instances it loads.
        self.__dict__["status"] = value

    @cached_property
    def final_feedback(self):
        """The live final feedback page below this dialogue, if any."""
        if self.pk is None or not self.path:
            return None
        return live_final_feedback(self).order_by("path").first()

    @property
    def feedback_overdue(self):
        """Whether the promised feedback date has passed without final
        feedback (P6); annotate_status() computes the same in the database."""
        annotated = self.__dict__.get("feedback_overdue")
        if annotated is not None:
            return annotated
        return feedback_is_overdue(self.status, self.feedback_promised_on)

    @feedback_overdue.setter
    def feedback_overdue(self, value):
        self.__dict__["feedback_overdue"] = value

    def serve(self, request, *args, **kwargs):
        # Every route that renders the page (also a post rendered again with
        # its errors) goes through here.
        keep_forms_private = page_view("keep_forms_private")
        return keep_forms_private(super().serve(request, *args, **kwargs))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view("base_context")())
        template_name = self.get_template(request, *args, **kwargs)
        context.update(page_view("dialogue_page_context")(request, self, template_name))
        return context

    @path("calendar/", name="ical")
    def dialogue_ical(self, request):
        return page_view("dialogue_calendar")(request, self)

    @path("participate/<str:block_id>/", name="participate")
    def participate(self, request, block_id):
        return page_view("participate")(request, self, block_id)

    @path("activities/<dlk_id:activity_id>/calendar/", name="activity_ical")
    def activity_ical(self, request, activity_id):
        return page_view("activity_calendar")(request, self, activity_id)

    @property
    def has_easy_read_summary(self):
        """Whether the easy-read summary has any text (an emptied editor
        field may still hold an empty paragraph)."""
        return bool(strip_tags(self.easy_read_summary or "").strip())

    def get_cached_paths(self):
        # A front-end cache (wagtail.contrib.frontend_cache) purges the
        # easy-read view with the page when it is published; a page without
        # a summary has no such view to purge.
        paths = super().get_cached_paths()
        if self.has_easy_read_summary:
            paths = [*paths, "/" + self.reverse_subpage("easy_read")]
        return paths

    @path("easy-read/", name="easy_read")
    def easy_read(self, request):
        return page_view("easy_read")(request, self)

    @path("follow/", name="follow")
    def follow_dialogue(self, request):
        return page_view("follow")(request, self)

    @path("follow/confirm/<dlk_token:token>/", name="follow_confirm")
    def confirm_following(self, request, token):
        return page_view("confirm_following")(request, self, token)

    @path("follow/unsubscribe/<dlk_token:token>/", name="follow_unsubscribe")
    def stop_following(self, request, token):
        return page_view("unsubscribe")(request, self, token)
