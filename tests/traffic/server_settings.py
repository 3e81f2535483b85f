"""Settings of the example site as the traffic tests serve it: in separate
server processes, against a database of the test's own, read from the
environment the harness (harness.py) sets.

- ``TRAFFIC_DATABASE_URL``: the database (SQLite file, PostgreSQL, MariaDB);
- ``TRAFFIC_REDIS_URL`` and ``TRAFFIC_CACHE_PREFIX``: a shared Redis cache, as
  several app servers use in production; unset, each process has its own cache;
- ``TRAFFIC_RATE_LIMIT``: the rate limit; unset, so high that it never
  interferes.
"""

import os

from example_site.settings import *  # noqa: F403
from example_site.settings import database_from_url

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

DATABASES = {"default": database_from_url(os.environ["TRAFFIC_DATABASE_URL"])}
# A site in one language, as the visitors ask in English on unprefixed
# addresses (the example site itself is in two, English under /en/).
WAGTAIL_I18N_ENABLED = False
EXAMPLE_SITE_LANGUAGE_PREFIXES = False

if os.environ.get("TRAFFIC_REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["TRAFFIC_REDIS_URL"],
            # Keys of their own: other test runs may share the Redis server.
            "KEY_PREFIX": os.environ["TRAFFIC_CACHE_PREFIX"],
        }
    }


def rate_limit_settings(limit):
    """The package's rate-limit settings (docs/configuration.md): accepted
    posts limited to ``limit`` per participant and per address, every post
    to ten times that. The one place to adapt when those settings change."""
    return {
        "RATE_LIMIT_PER_PARTICIPANT": limit,
        "RATE_LIMIT_PER_ADDRESS": limit,
        "RATE_LIMIT_ATTEMPTS_PER_ADDRESS": 10 * limit,
        "RATE_LIMIT_WINDOW": 3600,
    }


WAGTAIL_DELAKTIGHET = rate_limit_settings(
    int(os.environ.get("TRAFFIC_RATE_LIMIT", 100_000_000))
)

# A server error's traceback goes to the server's log file, which a failing
# test shows.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR"}},
}
