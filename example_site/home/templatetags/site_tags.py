from django import template
from wagtail.models import Site

register = template.Library()


@register.filter
def is_within(page, section):
    """True when ``page`` is ``section`` or lies below it in the page tree."""
    return bool(page and section and page.path.startswith(section.path))


@register.simple_tag(takes_context=True)
def site_root(context, page):
    """The root page of the site ``page`` belongs to, as ``page.get_site``
    finds it (None where that gives nothing), for the menu. The request's
    site, which routed the request, is already loaded with its root page, so
    when the page belongs to it, no query asks for either again."""
    get_url_parts = getattr(page, "get_url_parts", None)
    if get_url_parts is None:
        return None
    # What Page.get_site does, without asking the database for a site the
    # request already holds.
    url_parts = get_url_parts()
    if url_parts is None:
        return None
    site_id = url_parts[0]
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None or site.pk != site_id:
        site = Site.objects.get(id=site_id)
    return site.root_page
