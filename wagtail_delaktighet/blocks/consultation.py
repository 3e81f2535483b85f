"""Consultation blocks: the parts of a dialogue page where citizens take part.

Every consultation block type subclasses ``ConsultationBlock``. The built-in
types are listed in ``BUILTIN_CONSULTATION_BLOCKS``; a project adds its own
with the ``CONSULTATION_BLOCKS`` setting (a list of ``(name, dotted path)``).
"""

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string
from wagtail import blocks

from ..conf import delaktighet_settings

#: (name, dotted path) of the consultation blocks the package ships.
BUILTIN_CONSULTATION_BLOCKS = []


class ConsultationBlock(blocks.StructBlock):
    """Base class of every block that collects input from participants."""

    is_consultation = True


def get_consultation_block_types():
    """(name, block instance) for every registered consultation block type."""
    block_types = []
    for name, path in [
        *BUILTIN_CONSULTATION_BLOCKS,
        *delaktighet_settings.CONSULTATION_BLOCKS,
    ]:
        block_class = import_string(path)
        if not issubclass(block_class, ConsultationBlock):
            raise ImproperlyConfigured(
                f"CONSULTATION_BLOCKS: {path} must subclass "
                "wagtail_delaktighet.blocks.ConsultationBlock."
            )
        block_types.append((name, block_class()))
    return block_types


def is_consultation_block(block):
    return getattr(block, "is_consultation", False)
