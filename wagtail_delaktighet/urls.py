"""Public URLs of the package.

The host project includes them with
``path("delaktighet/", include("wagtail_delaktighet.urls"))``.
"""

from django.urls import path

from . import converters  # noqa: F401 - registers <dlk_id:…>, <dlk_token:…>
from .views import following, participation_endpoint

app_name = "wagtail_delaktighet"

urlpatterns = [
    # A consultation block's form posts here: the dialogue read by its id,
    # without routing through the page tree (views/participation_endpoint.py).
    # Block ids are StreamField ids; anything else is a plain 404.
    path(
        "<dlk_id:page_id>/<slug:block_id>/delta/",
        participation_endpoint.participate,
        name="participate",
    ),
    # One-click unsubscribe (RFC 8058) from mail programs: a plain view,
    # because a page route cannot be exempted from the CSRF check.
    path(
        "follow/<dlk_id:page_id>/unsubscribe/<dlk_token:token>/",
        following.one_click_unsubscribe,
        name="unsubscribe",
    ),
]
