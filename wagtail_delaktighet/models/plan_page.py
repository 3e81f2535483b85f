"""The municipality's dialogue plan, as a public page: the dialogues of the
coming year and the recent past, by body, area and target group."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .page_views import page_view


class DialoguePlanPage(RoutablePageMixin, Page):
    """Published dialogues in a period, filterable, with an iCalendar feed."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    template = "wagtail_delaktighet/dialogue_plan_page.html"

    class Meta:
        verbose_name = _("dialogue plan")
        verbose_name_plural = _("dialogue plans")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view("base_context")())
        context.update(page_view("plan_context")(request, self))
        return context

    # Wagtail serves no path with a dot in it: the file name comes from the
    # Content-Disposition header.
    @path("calendar/", name="calendar")
    def calendar(self, request):
        return page_view("plan_calendar")(request, self)
