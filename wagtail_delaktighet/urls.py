"""Public URLs of the package.

The host project includes them with
``path("delaktighet/", include("wagtail_delaktighet.urls"))``.
"""

from django.urls import include, path

from . import converters  # noqa: F401 - registers <dlk_id:…>, <dlk_token:…>
from .views import data_requests, following, participation_endpoint

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
    # A person's rights to see and erase their personal data: the form
    # asking for a link, and the emailed link's page and JSON download.
    path("mina-uppgifter/", data_requests.ask, name="data_request"),
    path(
        "mina-uppgifter/<dlk_token:token>/",
        data_requests.link,
        name="data_request_link",
    ),
    # The REST API (rest/), answering 404 while the REST_API setting is off.
    path("api/v1/", include("wagtail_delaktighet.rest.urls")),
    path(
        "mina-uppgifter/<dlk_token:token>/json/",
        data_requests.download,
        name="data_request_json",
    ),
]
