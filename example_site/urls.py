from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from .api import api_router

#: Every address but the pages' and the package's, which depend on the
#: site's languages (``language_patterns``).
site_patterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # Residents log in here (settings.LOGIN_URL) to give binding answers.
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path(
        "konto/logga-ut/",
        auth_views.LogoutView.as_view(next_page="/"),
        name="logout",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    site_patterns += staticfiles_urlpatterns()
    site_patterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)


def language_patterns(multilingual):
    """The pages and the package's own views (forms post there). On a
    multilingual site each language but the default one is under its prefix
    (``/en/``), so Swedish addresses stay as they are and the language of a
    request follows its address; a site in one language has no prefix."""
    patterns = [
        path("delaktighet/", include("wagtail_delaktighet.urls")),
        path("", include(wagtail_urls)),
    ]
    if multilingual:
        return i18n_patterns(*patterns, prefix_default_language=False)
    return patterns


# The example site's own setting, not WAGTAIL_I18N_ENABLED: the test settings
# turn translations on without giving every address a language.
urlpatterns = site_patterns + language_patterns(
    getattr(settings, "EXAMPLE_SITE_LANGUAGE_PREFIXES", False)
)
