"""Wagtail's view-restriction check, answered by the query that routes to a
dialogue.

Wagtail checks a page's view restrictions before serving it, in two queries:
the page's ancestors (to resolve aliases), then the restrictions on them. Most
dialogues have none, so the query that finds a dialogue below its index also
asks whether any could apply (``may_be_restricted``): when none can, the check
reads nothing more; otherwise Wagtail's own check runs as before.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page, PageViewRestriction

#: The annotation set by ``may_be_restricted`` on a routed page.
MAY_BE_RESTRICTED = "dlk_may_be_restricted"


def may_be_restricted(parent):
    """An annotation for a query of ``parent``'s children: whether a view
    restriction is set on the child or on any of its ancestors, or an alias
    among them could bring one (Wagtail checks an alias's source page)."""
    steplen = parent.steplen
    paths = [parent.path[: depth * steplen] for depth in range(1, parent.depth + 1)]
    chain = Page.objects.filter(Q(path__in=paths) | Q(pk=OuterRef("pk")))
    return {
        MAY_BE_RESTRICTED: Exists(
            chain.filter(Q(alias_of__isnull=False) | Q(view_restrictions__isnull=False))
        )
    }


class RoutedViewRestrictions:
    """A page whose routing query may have told that no view restriction
    applies to it."""

    def get_view_restrictions(self):
        if self.__dict__.get(MAY_BE_RESTRICTED) is False:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
