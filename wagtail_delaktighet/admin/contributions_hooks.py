"""Wagtail hooks of the contributions part of the staff workspace (listing,
moderation inbox, export); imported by wagtail_hooks."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .. import permissions
from ..models import DialoguePage
from .contributions import ContributionViewSet, dialogue_contributions_url


@hooks.register("register_admin_viewset")
def register_contribution_views():
    # Also registers the "Moderation" menu item (the inbox).
    return ContributionViewSet()


def contributions_button(page, user, priority):
    # Listings pass plain Page objects: check the class without a query.
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, DialoguePage):
        return
    if not permissions.can_see_contributions(user, page):
        return
    yield Button(
        _("Contributions"),
        dialogue_contributions_url(page),
        icon_name="comment",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_contributions_button(page, user, view_name=None, next_url=None):
    yield from contributions_button(page, user, priority=61)


@hooks.register("register_page_listing_more_buttons")
def page_listing_contributions_button(page, user, next_url=None):
    yield from contributions_button(page, user, priority=44)
