from .consultation import get_consultation_block_types
from .content import content_block_types


def build_body_block_types():
    """The block types of ``DialoguePage.body``: content, then consultation."""
    return content_block_types() + get_consultation_block_types()
