"""The example site's URLs, plus the bare Django baseline."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/bare/", views.bare_submission, name="bench_bare"),
    path("", include("example_site.urls")),
]
