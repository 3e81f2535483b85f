"""Settings of a benchmark run: the example site, its database options, a
database of the run's own, and no rate limits (one client posts many times).

``BENCH_DATABASE_URL`` names the server (PostgreSQL/MariaDB) or is empty for
SQLite; the run creates a database of its own beside it (``bench_<pid>``, or
a file in the run's working directory) and drops it at the end;
``BENCH_DATABASE_NAME`` names that database for the run's child processes.
"""

import os

from example_site.settings import *  # noqa: F403
from example_site.settings import INSTALLED_APPS, database_from_url

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
INSTALLED_APPS = ["bench", *INSTALLED_APPS]
ROOT_URLCONF = "bench.urls"
LOGGING_CONFIG = None
# The API listing of 100 dialogues in one response.
WAGTAILAPI_LIMIT_MAX = 100

_workdir = os.environ.get("BENCH_WORKDIR", ".")
_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{_workdir}/bench.sqlite3"
DATABASES = {"default": database_from_url(_url)}
_name = f"bench_{os.getpid()}"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    _name = os.path.join(_workdir, f"{_name}.sqlite3")
DATABASES["default"]["TEST"] = {"NAME": _name}
# A run's child process (bench/rss.py) uses the run's database, named by the run.
if os.environ.get("BENCH_DATABASE_NAME"):
    DATABASES["default"]["NAME"] = os.environ["BENCH_DATABASE_NAME"]

_unlimited = 10**9
WAGTAIL_DELAKTIGHET = {
    "RATE_LIMIT_PER_PARTICIPANT": _unlimited,
    "RATE_LIMIT_PER_ADDRESS": _unlimited,
    "RATE_LIMIT_ATTEMPTS_PER_ADDRESS": _unlimited,
}

# Measured as a site in one language, the package's default (the example
# site is in two): a translated dialogue costs queries of its own.
WAGTAIL_I18N_ENABLED = False
EXAMPLE_SITE_LANGUAGE_PREFIXES = False
