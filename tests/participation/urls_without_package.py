"""The example site without the package's own URLs, as a project that has not
included them: the forms post to the page's own route."""

from example_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    pattern for pattern in site_urlpatterns if str(pattern.pattern) != "delaktighet/"
]
