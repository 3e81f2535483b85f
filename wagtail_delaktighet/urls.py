"""Public URLs of the package.

The host project includes them with
``path("delaktighet/", include("wagtail_delaktighet.urls"))``.
"""

app_name = "wagtail_delaktighet"

urlpatterns = []
