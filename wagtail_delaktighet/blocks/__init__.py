from .body import build_body_block_types
from .consultation import ConsultationBlock, get_consultation_block_types

__all__ = [
    "ConsultationBlock",
    "build_body_block_types",
    "get_consultation_block_types",
]
