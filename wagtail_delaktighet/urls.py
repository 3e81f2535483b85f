"""Public URLs of the package.

The host project includes them with
``path("delaktighet/", include("wagtail_delaktighet.urls"))``.
"""

from django.urls import path

from .views import following

app_name = "wagtail_delaktighet"

urlpatterns = [
    # One-click unsubscribe (RFC 8058) from mail programs: a plain view,
    # because a page route cannot be exempted from the CSRF check.
    path(
        "follow/<int:page_id>/unsubscribe/<str:token>/",
        following.one_click_unsubscribe,
        name="unsubscribe",
    ),
]
