from wagtail.fields import StreamField

from .blocks import build_body_block_types


class DialogueBodyField(StreamField):
    """The body of a dialogue page: content blocks and consultation blocks.

    The block types come from the block registry, which a project can extend
    (``CONSULTATION_BLOCKS``). The definitions are therefore left out of
    migrations, so that registering a block never asks for a migration in this
    package; the column is JSON either way.
    """

    def __init__(self, *args, **kwargs):
        kwargs.pop("block_lookup", None)
        super().__init__(build_body_block_types(), **kwargs)

    def deconstruct(self):
        name, _, _, kwargs = super().deconstruct()
        kwargs.pop("block_lookup", None)
        return name, "wagtail_delaktighet.fields.DialogueBodyField", [], kwargs
