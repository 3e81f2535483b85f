"""Settings of the package's tests: a host site with the package installed.

They are written out here rather than imported from the example site, so
that a change to the example site (or an environment variable it reads,
such as ``DEBUG`` or ``EMAIL_BACKEND``) cannot change what the tests see. The
tests still build on the example site's home page app and URLs, as a host
site's pages. The example site's own settings are tested in
tests/configuration/test_database_checks.py and tests/configuration/
test_sqlite_writers.py.
"""

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

REPO_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "tests-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "example_site.home",
    "wagtail_delaktighet",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    # The REST API's documentation page loads its static files.
    "drf_spectacular_sidecar",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Installed as on a site behind a CDN, but without a backend unless a test
    # configures one (WAGTAILFRONTENDCACHE): it then purges.
    "wagtail.contrib.frontend_cache",
    # A project's own consultation blocks (docs/how-to/add-a-block.md).
    "tests.testapp",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Django 6.0's own, or the same header from the tests on older Django.
    "django.middleware.csp.ContentSecurityPolicyMiddleware"
    if find_spec("django.middleware.csp")
    else "tests.testapp.content_security_policy.ContentSecurityPolicyMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

# No policy unless a test sets one (tests/browser/test_content_security_policy.py
# sets "default-src 'self'"): an empty policy sends no header.
SECURE_CSP = {}

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [REPO_DIR / "example_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]


def test_database():
    """SQLite in memory (fast; the browser tests' live server shares it), or
    the server that ``DATABASE_URL`` names, as CI runs the suite on
    PostgreSQL and MariaDB too."""
    url = os.environ.get("DATABASE_URL")
    if not url:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}
    database = dj_database_url.parse(url)
    if database["ENGINE"] == "django.db.backends.mysql":
        database.setdefault("OPTIONS", {})["charset"] = "utf8mb4"
    return database


DATABASES = {"default": test_database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Fast hashing: the tests log users in, they do not guard passwords.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = REPO_DIR / "var" / "static"
STATICFILES_DIRS = [REPO_DIR / "example_site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = REPO_DIR / "var" / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Älvby kommun"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAIL_I18N_ENABLED = False
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
# No test searches Wagtail's index: leave it out of every save.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}
}

# The example site's login for residents (binding answers).
LOGIN_URL = "/konto/logga-in/"

EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEFAULT_FROM_EMAIL = "delaktighet@alvby.example"

# Tasks run where they are enqueued, so a test sees their effect at once.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

WAGTAIL_DELAKTIGHET = {
    "CONSULTATION_BLOCKS": [
        ("suggestion_box", "tests.testapp.blocks.SuggestionBoxBlock"),
        ("wish_list", "tests.testapp.blocks.WishListBlock"),
        ("notice_board", "tests.testapp.blocks.NoticeBoardBlock"),
    ],
}
