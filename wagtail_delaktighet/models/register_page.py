"""The public involvement assessment register, as a page an editor places
where residents look for it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from .page_views import page_view


class InvolvementRegisterPage(RoutablePageMixin, Page):
    """Every published involvement assessment, including the decisions not
    to involve residents and why, filterable, with an RSS feed."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    template = "wagtail_delaktighet/involvement_register_page.html"

    class Meta:
        verbose_name = _("involvement assessment register")
        verbose_name_plural = _("involvement assessment registers")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(page_view("base_context")())
        context.update(page_view("register_context")(request, self))
        return context

    @path("rss/", name="rss")
    def rss_feed(self, request):
        return page_view("register_rss")(request, self)
