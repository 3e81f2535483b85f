from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from ..consultations import consultation_page
from ..models.contributions import Contribution, ContributionStatus
from ..participation import counters
from ..participation.forms import text_field
from .addressing import BOTH, addressed_to_block, addressee_label
from .consultation import ConsultationBlock, ContributionData
from .official_responses import AnsweredPublicly, with_published_responses
from .public_listing import paginate


class ViewsBlock(AnsweredPublicly, ConsultationBlock):
    """ "Give your views" (Lämna synpunkter): free text to elected
    representatives, officials or both; published after moderation, or kept
    private, as the editor chooses (P1, P4). Staff may answer published views
    publicly; the answers show under them."""

    class Publication:
        AFTER_MODERATION = "after_moderation"
        PRIVATE = "private"

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    prompt = blocks.TextBlock(
        label=_("What we ask"),
        help_text=_("What participants are asked to write about."),
    )
    addressed_to = addressed_to_block()
    publication = blocks.ChoiceBlock(
        label=_("Publication"),
        choices=[
            (Publication.AFTER_MODERATION, _("Published on the page after moderation")),
            (Publication.PRIVATE, _("Not published: read by the municipality only")),
        ],
        default=Publication.AFTER_MODERATION,
    )

    text_field_name = "text"
    copied_settings = ("addressed_to",)

    class Meta:
        icon = "comment"
        label = _("Give your views")
        template = "wagtail_delaktighet/blocks/views.html"
        description = _(
            "Free text to elected representatives, officials or both; "
            "published after moderation or read by the municipality only."
        )
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "heading": _("Give your views"),
            "prompt": _("What should the new park have?"),
            "addressed_to": BOTH,
            "publication": "after_moderation",
        }

    def form_fields(self, value):
        from django import forms

        fields = {"text": text_field(_("Your views"))}
        if value["publication"] == self.Publication.AFTER_MODERATION:
            fields["display_name"] = forms.CharField(
                label=_("Name to show with your views (optional)"),
                help_text=_("Leave empty to be shown as anonymous."),
                max_length=100,
                required=False,
            )
        return fields

    def contribution_from_form(self, value, cleaned_data):
        return ContributionData(
            content={
                "text": cleaned_data["text"],
                "addressed_to": value["addressed_to"],
            },
            display_name=cleaned_data.get("display_name", ""),
        )

    def initial_status(self, value):
        if value["publication"] == self.Publication.PRIVATE:
            return ContributionStatus.PRIVATE
        return ContributionStatus.PENDING

    def page_cache_variant(self, value, *, page, block_id, request):
        # Its part of the page is the same for every visitor.
        return ""

    def results(self, value, *, page, block_id, request=None):
        if value["publication"] == self.Publication.PRIVATE:
            return None
        # Every translation of the dialogue shows the one consultation's.
        page = consultation_page(page)
        published = Contribution.objects.filter(
            page=page, block_id=block_id, status=ContributionStatus.PUBLISHED
        ).only("pk", "content", "display_name", "created_at", "receipt")
        return paginate(
            with_published_responses(published.order_by("-created_at", "-pk")),
            request,
            block_id,
            counter=counters.published_counter(page, block_id),
        )

    def addressee(self, value):
        return addressee_label(value["addressed_to"])
