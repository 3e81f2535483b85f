"""The address a consultation block's form posts to: a plain URL of the
package, ``<page id>/<block id>/delta/``, outside Wagtail's page routing.

Wagtail routes a post to the page's ``participate`` route by finding the
site's root page, then each page on the path, then the dialogue. Here the
live dialogue is read by its id in one query, which also tells whether a view
restriction may apply to it. The request then goes through the same hooks as
in Wagtail's own serve view (view restrictions with their password and login
forms, the allowed methods) to the same ``participate`` route, so both
addresses answer alike: the page's own route still takes posts from pages
rendered before, and links to it.
"""

from django.conf import settings
from django.db import connections
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.http import Http404, HttpResponse
from django.utils import translation
from django.views.decorators.debug import sensitive_post_parameters
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction
from wagtail.url_routing import RouteResult

from ..models.view_restrictions import MAY_BE_RESTRICTED
from .request_site import find_site

#: Ancestors up to this depth are checked for view restrictions in the page's
#: own query; a deeper dialogue gets Wagtail's full check.
CHECKED_DEPTH = 12


def may_be_restricted(connection):
    """Whether a view restriction is set on the page or on an ancestor, or an
    alias among them could bring one (Wagtail checks an alias's source page).

    The ancestors' paths are prefixes of the page's own, each read by the
    path's index. Written as SQL: the ORM takes longer to build the same
    expression than the database takes to answer it."""
    quote = connection.ops.quote_name
    page, path = quote(Page._meta.db_table), quote("path")
    restriction = quote(PageViewRestriction._meta.db_table)
    prefixes = ", ".join(
        f"SUBSTR({page}.{path}, 1, {depth * Page.steplen})"
        for depth in range(1, CHECKED_DEPTH + 1)
    )
    # Only quoted names and numbers of this module: nothing from a request.
    sql = (
        f"({page}.{quote('depth')} > {CHECKED_DEPTH} OR EXISTS ("  # noqa: S608
        f"SELECT 1 FROM {page} dlk_a WHERE dlk_a.{path} IN ({prefixes}) AND ("
        f"dlk_a.{quote('alias_of_id')} IS NOT NULL OR EXISTS ("
        f"SELECT 1 FROM {restriction} dlk_r "
        f"WHERE dlk_r.{quote('page_id')} = dlk_a.{quote('id')}))))"
    )
    return {
        MAY_BE_RESTRICTED: RawSQL(sql, (), output_field=BooleanField())  # noqa: S611
    }


def live_dialogue(page_id):
    """The live dialogue with this id, as routing reads it, or 404."""
    from ..models.dialogue_page import DialoguePage

    related = ["influence_level"]
    if i18n_enabled():
        related.append("locale")
    dialogues = DialoguePage.objects.all()
    found = (
        dialogues.filter(pk=page_id, live=True)
        .select_related(*related)
        .annotate(**may_be_restricted(connections[dialogues.db]))
        # One row by its key: no ordering to build and sort by.
        .order_by()[:1]
    )
    page = next(iter(found), None)
    if page is None:
        raise Http404
    if page.specific_class is not DialoguePage:
        # A subclass: read as its own type, and checked as Wagtail checks it.
        page = page.specific
    return page


def check_on_requests_site(request, page):
    """404 unless the page is served by the request's site, as it would be
    had Wagtail routed the request by the page's path."""
    site = find_site(request)
    url_parts = page.get_url_parts(request)
    if site is None or url_parts is None or url_parts[0] != site.pk:
        raise Http404


def serve_route(request, page, path):
    """Serve one of the page's routes as Wagtail's serve view would after
    routing to it: its hooks first, then the page."""
    resolver_match = page.resolve_subpage(path)
    request.routable_resolver_match = resolver_match
    view, args, kwargs = resolver_match
    route = RouteResult(page, args=(view, args, kwargs))
    request._wagtail_route_for_request = route
    page, serve_args, serve_kwargs = route

    def serve_chain(page, request, args, kwargs):
        return page.serve(request, *args, **kwargs)

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, serve_args, serve_kwargs)
        if isinstance(result, HttpResponse):
            return result
    return on_serve_chain(page, request, serve_args, serve_kwargs)


# Error reports never show what a citizen posted (as views/participate.py).
@sensitive_post_parameters()
def participate(request, page_id, block_id):
    page = live_dialogue(page_id)
    check_on_requests_site(request, page)
    route = f"/participate/{block_id}/"
    if not i18n_enabled():
        return serve_route(request, page, route)
    # The page's language, as its own address (under i18n_patterns) gives it:
    # the messages and a form rendered again speak it.
    with translation.override(page.locale.language_code):
        return serve_route(request, page, route)


def i18n_enabled():
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)
