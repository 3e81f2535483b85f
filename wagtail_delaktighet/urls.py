"""Public URLs of the package.

The host project includes them with
``path("delaktighet/", include("wagtail_delaktighet.urls"))``.
"""

from django.urls import path

from . import converters  # noqa: F401 - registers <dlk_id:…>, <dlk_token:…>
from .views import following

app_name = "wagtail_delaktighet"

urlpatterns = [
    # One-click unsubscribe (RFC 8058) from mail programs: a plain view,
    # because a page route cannot be exempted from the CSRF check.
    path(
        "follow/<dlk_id:page_id>/unsubscribe/<dlk_token:token>/",
        following.one_click_unsubscribe,
        name="unsubscribe",
    ),
]
