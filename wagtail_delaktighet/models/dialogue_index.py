"""The index of dialogues: lists the dialogues below it, with filters and
feeds."""

from django.db import connections, router
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from ..prepared_sql import prepared_sql
from .influence import ladder_for, ladder_rows, shown_levels
from .page_views import page_view
from .view_restrictions import ancestor_paths, may_be_restricted


class DialogueRouting:
    """Routes a path to a dialogue below the index in one query.

    Wagtail finds a child page by its slug as a plain page, then reads it
    again as its own type (``.specific``). Below an index the children are
    dialogues, so the dialogue is read at once, with whether a view
    restriction may apply (view_restrictions.py), in SQL built once per
    database and depth (prepared_sql.py); its influence level (a post checks
    it) comes from the cached ladder. Any other child (a subclass of the
    dialogue page, a page moved here) is routed as Wagtail routes it.
    """

    def route(self, request, path_components):
        if not path_components:
            return super().route(request, path_components)
        child = routed_dialogue(self, path_components[0])
        if child is None:
            return super().route(request, path_components)
        # As Page.route leaves it: the parent known, no query to find it.
        child._cached_parent_obj = self
        if child.specific_class is not type(child):
            return child.specific.route(request, path_components[1:])
        take_level_from_ladder(request, child)
        return child.route(request, path_components[1:])


#: Values no real path, depth or slug has, found again among the compiled
#: parameters (prepared_sql.py).
ROUTE_STAND_INS = {"path": "~dlk~route~", "depth": 2_073_100_101, "slug": "~dlk~slug~"}


def routed_dialogue(parent, slug):
    """The dialogue child of ``parent`` with ``slug``, or None."""
    from .dialogue_page import DialoguePage

    using = router.db_for_read(DialoguePage)
    connection = connections[using]
    ancestors = ancestor_paths(parent)
    values = {"path": parent.path, "depth": parent.depth + 1, "slug": slug}
    values |= {f"ancestor{n}": path for n, path in enumerate(ancestors)}
    stand_ins = dict(ROUTE_STAND_INS)
    stand_ins |= {f"ancestor{n}": f"~dlk~above{n}~" for n in range(len(ancestors))}

    def build(values):
        paths = [values[f"ancestor{n}"] for n in range(len(ancestors))]
        return DialoguePage._default_manager.filter(
            path__startswith=values["path"], depth=values["depth"], slug=values["slug"]
        ).annotate(**may_be_restricted(paths))

    def prep(name, value):
        if name == "path":
            return connection.ops.prep_for_like_query(value) + "%"
        return value

    sql, params = prepared_sql(
        ("dialogue-route", len(ancestors)),
        build,
        stand_ins,
        values,
        prep=prep,
        using=using,
    )
    found = list(DialoguePage._default_manager.raw(sql, params))
    return found[0] if found else None


def take_level_from_ladder(request, page):
    """The page's influence level from the ladder every page view reads
    (kept in the cache; the badge shows it), rather than a query of its own."""
    field = page._meta.get_field("influence_level")
    if page.influence_level_id is None or field.is_cached(page):
        return
    context = {"request": request, "page": page}
    level = shown_levels(ladder_rows(context), ladder_for(context)).get(
        page.influence_level_id
    )
    if level is not None:
        field.set_cached_value(page, level)


class DialogueIndexPage(RoutablePageMixin, DialogueRouting, Page):
    """Lists the dialogues below it, with filters and feeds (P1, P2)."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["wagtail_delaktighet.DialoguePage"]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = ["intro"]
    template = "wagtail_delaktighet/dialogue_index_page.html"

    class Meta:
        verbose_name = _("dialogue index")
        verbose_name_plural = _("dialogue indexes")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view("base_context")())
        context.update(page_view("index_context")(request, self))
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return page_view("dialogue_rss")(request, self)

    # Wagtail serves no path with a dot in it, so no ".ics": the file name
    # comes from the Content-Disposition header instead.
    @path("calendar/", name="activities_ical")
    def activities_ical(self, request):
        return page_view("index_calendar")(request, self)
