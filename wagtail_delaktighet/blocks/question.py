from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..consultations import consultation_page
from ..models.contributions import Contribution, ContributionStatus, OfficialResponse
from ..participation.forms import text_field
from .addressing import BOTH, addressed_to_block, addressee_label
from .consultation import ConsultationBlock, ContributionData
from .official_responses import AnsweredPublicly, with_published_responses
from .public_listing import paginate


class QuestionBlock(AnsweredPublicly, ConsultationBlock):
    """ "Ask a question" (Ställ en fråga): a citizen's question, published
    together with its answer once answered, signed by a contact so the role of
    who answered shows (P1, P8)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    prompt = blocks.TextBlock(
        label=_("Introduction"),
        required=False,
        help_text=_(
            "For example what questions are welcome and when they are answered."
        ),
    )
    addressed_to = addressed_to_block()

    text_field_name = "question"
    answer_action = _("Answer the question")
    response_heading = _("Answer a question")
    answered_heading = _("The question")
    author_label = _("Asked by")
    publish_note = _(
        "Publishing the answer also publishes the question, if it still awaits "
        "moderation."
    )
    copied_settings = ("addressed_to",)

    class Meta:
        icon = "help"
        label = _("Ask a question")
        template = "wagtail_delaktighet/blocks/question.html"
        description = _(
            "Participants ask; staff answer publicly, signed with their role, "
            "and the question is published with its answer."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "heading": _("Ask a question"),
            "prompt": "",
            "addressed_to": BOTH,
        }

    def form_fields(self, value):
        return {
            "question": text_field(_("Your question")),
            "display_name": forms.CharField(
                label=_("Name to show with your question (optional)"),
                help_text=_("Leave empty to be shown as anonymous."),
                max_length=100,
                required=False,
            ),
        }

    def contribution_from_form(self, value, cleaned_data):
        return ContributionData(
            content={
                "question": cleaned_data["question"],
                "addressed_to": value["addressed_to"],
            },
            display_name=cleaned_data.get("display_name", ""),
        )

    def initial_status(self, value):
        return ContributionStatus.PENDING

    def success_message(self, value, contribution):
        from django.utils.translation import gettext

        return gettext(
            "Thank you for your question! It is published here together with "
            "its answer. Your receipt reference is %(receipt)s."
        ) % {"receipt": contribution.receipt}

    def page_cache_variant(self, value, *, page, block_id, request):
        # Its part of the page is the same for every visitor.
        return ""

    def results(self, value, *, page, block_id, request=None):
        # Read from the published answers, which staff write one by one:
        # the questions without one, however many, are never scanned.
        page = consultation_page(page)
        answered_ids = OfficialResponse.objects.filter(
            contribution__page=page,
            contribution__block_id=block_id,
            published_at__isnull=False,
        ).values("contribution_id")
        answered = with_published_responses(
            Contribution.objects.filter(
                page=page,
                block_id=block_id,
                status=ContributionStatus.PUBLISHED,
                pk__in=answered_ids,
            )
            .only("pk", "content", "display_name", "created_at", "receipt")
            .order_by("-created_at", "-pk")
        )
        return paginate(answered, request, block_id)

    def addressee(self, value):
        return addressee_label(value["addressed_to"])
