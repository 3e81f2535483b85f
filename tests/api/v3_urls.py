"""The example site with Wagtail 8's v3 API mounted too, so tests can read a
dialogue through it."""

from django.urls import path
from wagtail.api.v3.urls import api

from example_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [path("api/v3/", api.urls), *site_urlpatterns]
