"""Wagtail hooks of one part of the staff workspace; imported by wagtail_hooks.

Answering contributions (official responses) and entering offline input: their
admin URLs, their log action, and an "Enter offline input" button on dialogue
pages for users who may edit them.
"""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .. import (
    converters,  # noqa: F401 - registers <dlk_id:…>
    permissions,
)
from ..models import DialoguePage
from ..moderation.responses import UNPUBLISH_RESPONSE
from . import offline as offline_views
from . import responses as response_views

response_urls = [
    path(
        "contributions/<dlk_id:contribution_id>/respond/",
        response_views.RespondView.as_view(),
        name="respond",
    ),
    path(
        "responses/<dlk_id:response_id>/unpublish/",
        response_views.UnpublishResponseView.as_view(),
        name="unpublish_response",
    ),
]

offline_urls = [
    path(
        "dialogues/<dlk_id:page_id>/offline/",
        offline_views.EnterOfflineInputView.as_view(),
        name="enter",
    ),
    path(
        "dialogues/<dlk_id:page_id>/offline/<dlk_id:contribution_id>/",
        offline_views.OfflineInputEnteredView.as_view(),
        name="entered",
    ),
]


@hooks.register("register_admin_urls")
def register_response_and_offline_urls():
    return [
        path(
            "delaktighet/",
            include((response_urls, "wagtail_delaktighet_responses")),
        ),
        path(
            "delaktighet/",
            include((offline_urls, "wagtail_delaktighet_offline")),
        ),
    ]


@hooks.register("register_log_actions")
def register_unpublish_response_log_action(actions):
    actions.register_action(
        UNPUBLISH_RESPONSE,
        _("Unpublish official response"),
        _("Official response unpublished"),
    )


def offline_input_button(page, user, priority):
    # Listings pass plain Page objects: check the class without a query.
    page_class = page.specific_class
    if page_class is None or not issubclass(page_class, DialoguePage):
        return
    if not permissions.can_see_contributions(user, page):
        return
    yield Button(
        _("Enter offline input"),
        reverse("wagtail_delaktighet_offline:enter", args=[page.pk]),
        icon_name="form",
        priority=priority,
    )


@hooks.register("register_page_header_buttons")
def page_header_offline_input_button(page, user, view_name=None, next_url=None):
    yield from offline_input_button(page, user, priority=62)


@hooks.register("register_page_listing_more_buttons")
def page_listing_offline_input_button(page, user, next_url=None):
    yield from offline_input_button(page, user, priority=45)
