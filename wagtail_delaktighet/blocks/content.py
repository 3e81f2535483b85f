"""Content blocks for a dialogue's body: text, headings, images, quotes."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_delaktighet/blocks/heading.html"
        form_classname = "title"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_delaktighet/blocks/quote.html"


def content_block_types():
    return [
        ("heading", HeadingBlock()),
        (
            "paragraph",
            blocks.RichTextBlock(
                label=pgettext_lazy("text block", "Paragraph"),
                features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
            ),
        ),
        ("image", ImageBlock(label=_("Image"))),
        ("quote", QuoteBlock()),
    ]
