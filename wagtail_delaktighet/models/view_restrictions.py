"""Wagtail's view-restriction check, answered by the query that routes to a
dialogue.

Wagtail checks a page's view restrictions before serving it, in two queries:
the page's ancestors (to resolve aliases), then the restrictions on them. Most
dialogues have none, so the query that finds a dialogue below its index also
asks whether any could apply (``may_be_restricted``): when none can, the check
reads nothing more; otherwise Wagtail's own check runs as before.
"""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from wagtail.models import Page, PageViewRestriction

#: The annotation set by ``may_be_restricted`` on a routed page.
MAY_BE_RESTRICTED = "dlk_may_be_restricted"


def ancestor_paths(parent):
    """The paths of ``parent`` and of every page above it."""
    steplen = parent.steplen
    return [parent.path[: depth * steplen] for depth in range(1, parent.depth + 1)]


def may_be_restricted(paths):
    """An annotation for a query of the children of the page whose path and
    ancestors' paths are ``paths`` (``ancestor_paths``): whether a view
    restriction is set on the child or on any of its ancestors, or an alias
    among them could bring one (Wagtail checks an alias's source page).

    Each part reads an index: the child's restrictions by their page, the
    ancestors by their paths."""
    ancestors = Page.objects.filter(path__in=paths)
    restricted = (
        Q(alias_of__isnull=False)
        | Q(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        | Q(
            Exists(
                ancestors.filter(
                    Q(alias_of__isnull=False) | Q(view_restrictions__isnull=False)
                )
            )
        )
    )
    return {
        MAY_BE_RESTRICTED: ExpressionWrapper(restricted, output_field=BooleanField())
    }


class RoutedViewRestrictions:
    """A page whose routing query may have told that no view restriction
    applies to it."""

    def get_view_restrictions(self):
        may_be = self.__dict__.get(MAY_BE_RESTRICTED)
        if may_be is not None and not may_be:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
