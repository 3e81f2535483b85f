"""The example site with Wagtail's own pages endpoint in place of the
package's, so tests can compare the two outputs."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from example_site.urls import urlpatterns as site_urlpatterns

plain_router = WagtailAPIRouter("wagtailapi")
plain_router.register_endpoint("pages", PagesAPIViewSet)

# The first match wins, so this endpoint shadows the example site's.
urlpatterns = [path("api/v2/", plain_router.urls), *site_urlpatterns]
