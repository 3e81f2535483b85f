"""Public models of wagtail-delaktighet (see DESIGN §2 for the names)."""

from .site_settings import DelaktighetSettings

__all__ = ["DelaktighetSettings"]
