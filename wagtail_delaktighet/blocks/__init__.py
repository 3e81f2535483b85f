from .body import build_body_block_types
from .consultation import (
    ConsultationBlock,
    ContributionData,
    get_consultation_block_types,
)

__all__ = [
    "ConsultationBlock",
    "ContributionData",
    "build_body_block_types",
    "get_consultation_block_types",
]
