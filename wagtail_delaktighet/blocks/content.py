"""Content blocks for a dialogue's body: text, headings, images, quotes."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.images.blocks import ImageBlock

#: Previews in the editor's block picker use the package's stylesheet.
PREVIEW_TEMPLATE = "wagtail_delaktighet/blocks/preview.html"


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = _("Heading")
        template = "wagtail_delaktighet/blocks/heading.html"
        form_classname = "title"
        description = _("A heading that divides the page into parts.")
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = _("The new park")


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "wagtail_delaktighet/blocks/quote.html"
        description = _("Words someone said, with who said them.")
        preview_template = "wagtail_delaktighet/blocks/preview.html"
        preview_value = {
            "quote": _("A park for everyone, all year round."),
            "attribution": _("A resident"),
        }


def content_block_types():
    return [
        ("heading", HeadingBlock()),
        (
            "paragraph",
            blocks.RichTextBlock(
                label=pgettext_lazy("text block", "Paragraph"),
                features=["h3", "bold", "italic", "ol", "ul", "link", "document-link"],
                description=_("Text with subheadings, lists and links."),
                preview_template=PREVIEW_TEMPLATE,
                preview_value=_(
                    "<p>The park is to be renewed. Tell us what you would like.</p>"
                ),
            ),
        ),
        (
            "image",
            ImageBlock(
                label=_("Image"),
                description=_("An image with alternative text for screen readers."),
            ),
        ),
        ("quote", QuoteBlock()),
    ]
