"""Test settings: the example site, plus fast hashing and in-memory mail."""

import os

from example_site.settings import *  # noqa: F403
from example_site.settings import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DEBUG = False

if not os.environ.get("DATABASE_URL"):
    # SQLite in memory for speed; the browser tests' live server shares it.
    DATABASES["default"] = {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}

# The front-end cache is installed (as a site behind a CDN has it) but has no
# backend unless a test configures one (WAGTAILFRONTENDCACHE): it then purges.
INSTALLED_APPS = [
    *INSTALLED_APPS,  # noqa: F405
    "wagtail.contrib.frontend_cache",
    "tests.testapp",
]
WAGTAIL_DELAKTIGHET = {
    "CONSULTATION_BLOCKS": [
        ("suggestion_box", "tests.testapp.blocks.SuggestionBoxBlock"),
        ("wish_list", "tests.testapp.blocks.WishListBlock"),
        ("notice_board", "tests.testapp.blocks.NoticeBoardBlock"),
    ],
}
