"""Settings of the example site: the fictional municipality of Älvby.

The database comes from ``DATABASE_URL`` (SQLite in the repository when unset).
"""

import os
from importlib.util import find_spec
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
REPO_DIR = BASE_DIR.parent

SECRET_KEY = os.environ.get("SECRET_KEY", "example-site-not-secret")
DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(
    ","
)

INSTALLED_APPS = [
    "example_site.home",
    "wagtail_delaktighet",
    "wagtail.api.v2",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    # The admin's list of the site's languages (Settings → Locales).
    "wagtail.locales",
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
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "example_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
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

WSGI_APPLICATION = "example_site.wsgi.application"

#: SQLite for more than one visitor at a time (docs/installation.md, "SQLite"):
#: a write transaction takes the write lock when it begins, so two writers
#: queue for up to ``timeout`` seconds instead of failing with "database is
#: locked"; WAL lets readers go on while one writes.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}


def database_from_url(url):
    """A ``DATABASES`` entry for a database URL, with each engine's options."""
    database = dj_database_url.parse(url)
    options = database.setdefault("OPTIONS", {})
    if database["ENGINE"] == "django.db.backends.sqlite3":
        options.update(SQLITE_OPTIONS)
    if database["ENGINE"] == "django.db.backends.mysql":
        options["charset"] = "utf8mb4"
    return database


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL")
        or f"sqlite:///{REPO_DIR / 'example_site.sqlite3'}"
    )
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

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
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = REPO_DIR / "var" / "media"

WAGTAIL_SITE_NAME = "Älvby kommun"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# One dialogue of the demo is in English too (home/demo/english.py): English
# pages live under /en/, Swedish ones keep their addresses (urls.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
EXAMPLE_SITE_LANGUAGE_PREFIXES = True
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = "delaktighet@alvby.example"

# Tasks run in the request in the demo; production sites configure a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Residents log in with the site's own accounts to give binding answers
# (docs/configuration.md, "Binding answers: logged-in residents"); a
# municipality points this at its e-legitimation login.
LOGIN_URL = "/konto/logga-in/"
LOGIN_REDIRECT_URL = "/"

WAGTAIL_DELAKTIGHET = {}

# A Content-Security-Policy, on Django 6.0 and later (docs/security.md): the
# package's pages need nothing but the site itself. Wagtail's admin gets the
# same policy as a report only (example_site/content_security_policy.py).
# Before Django 6.0, send the header from the web server instead.
if find_spec("django.middleware.csp"):
    from django.utils.csp import CSP

    MIDDLEWARE += [
        "example_site.content_security_policy.ReportOnlyPolicyInAdminMiddleware",
        "django.middleware.csp.ContentSecurityPolicyMiddleware",
    ]
    # The demo's map block shows OpenStreetMap's tiles (the site's default
    # Participation settings): the one host beyond the site's own.
    SECURE_CSP = {
        "default-src": [CSP.SELF],
        "img-src": [CSP.SELF, "https://tile.openstreetmap.org"],
    }

# Nothing in the admin reaches other sites: no avatars from Gravatar (which
# would learn a hash of each staff member's email address) and no check for a
# new Wagtail release.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
