"""A consultation block type registered by a test project, as a municipality
would register its own (the CONSULTATION_BLOCKS setting)."""

from wagtail import blocks

from wagtail_delaktighet.blocks import ConsultationBlock


class SuggestionBoxBlock(ConsultationBlock):
    prompt = blocks.CharBlock()

    class Meta:
        template = "testapp/suggestion_box.html"
