"""The example site's URLs, plus the submission's baselines."""

from django.urls import include, path

from . import views

urlpatterns = [
    path("bench/bare/", views.bare_submission, name="bench_bare"),
    path("bench/floor/<int:page_id>/", views.floor_submission, name="bench_floor"),
    path("", include("example_site.urls")),
]
