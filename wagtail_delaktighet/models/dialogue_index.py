"""The index of dialogues: lists the dialogues below it, with filters and
feeds."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from .page_views import page_view
from .view_restrictions import may_be_restricted


class DialogueRouting:
    """Routes a path to a dialogue below the index in one query.

    Wagtail finds a child page by its slug as a plain page, then reads it
    again as its own type (``.specific``). Below an index the children are
    dialogues, so the dialogue is read at once, with its influence level
    (a post checks it) and whether a view restriction may apply
    (view_restrictions.py); any other child (a subclass of the dialogue page,
    a page moved here) is routed as Wagtail routes it.
    """

    def route(self, request, path_components):
        from .dialogue_page import DialoguePage

        if not path_components:
            return super().route(request, path_components)
        try:
            child = (
                DialoguePage._default_manager.child_of(self)
                .select_related("influence_level")
                .annotate(**may_be_restricted(self))
                .get(slug=path_components[0])
            )
        except DialoguePage.DoesNotExist:
            return super().route(request, path_components)
        # As Page.route leaves it: the parent known, no query to find it.
        child._cached_parent_obj = self
        if child.specific_class is not DialoguePage:
            return child.specific.route(request, path_components[1:])
        return child.route(request, path_components[1:])


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
