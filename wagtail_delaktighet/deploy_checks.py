"""Checks for ``manage.py check --deploy``: set-ups that work on a laptop but
not in production (docs/configuration.md lists them with what to do)."""

import importlib
import json

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.checks import Tags, Warning, register
from django.db.backends.sqlite3.creation import DatabaseCreation

from .conf import delaktighet_settings

RATE_LIMITS_DOC = "See docs/configuration.md, section Rate limits."
PROXY_DOC = "See docs/configuration.md, section Behind a reverse proxy."
TASKS_HINT = (
    "Configure TASKS with a backend that a worker runs, such as "
    "django_tasks_db.DatabaseBackend. See docs/installation.md, section "
    "Background tasks."
)


@register(Tags.security, deploy=True)
def check_rate_limit_cache(app_configs, **kwargs):
    alias = delaktighet_settings.RATE_LIMIT_CACHE
    try:
        cache = caches[alias]
    except InvalidCacheBackendError:
        return [
            Warning(
                f"The rate-limit cache {alias!r} is not in CACHES: every "
                "contribution will fail.",
                hint="Add it to CACHES or set RATE_LIMIT_CACHE. " + RATE_LIMITS_DOC,
                id="wagtail_delaktighet.W010",
            )
        ]
    if isinstance(cache, DummyCache):
        return [
            Warning(
                f"The rate-limit cache {alias!r} is a DummyCache, which counts "
                "nothing: there is no rate limit.",
                hint="Use a shared cache such as Redis. " + RATE_LIMITS_DOC,
                id="wagtail_delaktighet.W011",
            )
        ]
    if isinstance(cache, LocMemCache):
        return [
            Warning(
                f"The rate-limit cache {alias!r} is a LocMemCache: each process "
                "counts on its own, so the limits multiply with the number of "
                "processes and reset when they restart.",
                hint="Use a cache that all processes share, such as Redis. "
                + RATE_LIMITS_DOC,
                id="wagtail_delaktighet.W012",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def check_client_address_header(app_configs, **kwargs):
    header = delaktighet_settings.CLIENT_ADDRESS_HEADER
    count = delaktighet_settings.TRUSTED_PROXY_COUNT
    if header and count is None:
        return [
            Warning(
                "CLIENT_ADDRESS_HEADER is set but TRUSTED_PROXY_COUNT is not: the "
                "right-most address in the header is taken, as if there were one "
                "proxy.",
                hint="Set TRUSTED_PROXY_COUNT to the number of proxies in front "
                "of the site that append to the header. " + PROXY_DOC,
                id="wagtail_delaktighet.W013",
            )
        ]
    if count is not None and not header:
        return [
            Warning(
                "TRUSTED_PROXY_COUNT is set but CLIENT_ADDRESS_HEADER is not: the "
                "count is ignored, and every client behind the proxy shares the "
                "proxy's address and its rate limit.",
                hint='Set CLIENT_ADDRESS_HEADER, usually to "HTTP_X_FORWARDED_FOR". '
                + PROXY_DOC,
                id="wagtail_delaktighet.W017",
            )
        ]
    return []


@register(deploy=True)
def check_task_backend(app_configs, **kwargs):
    backend = default_task_backend()
    if backend is None:
        return []
    name = type(backend).__name__
    if isinstance(backend, in_process_backends("immediate", "ImmediateBackend")):
        return [
            Warning(
                f"Background tasks run inside the web request ({name}): a slow "
                "or failing mail server slows down or breaks the pages that "
                "queue email.",
                hint=TASKS_HINT,
                id="wagtail_delaktighet.W014",
            )
        ]
    if isinstance(backend, in_process_backends("dummy", "DummyBackend")):
        return [
            Warning(
                f"Background tasks are never run ({name}): what they do, such "
                "as sending email, happens late or not at all.",
                hint=TASKS_HINT,
                id="wagtail_delaktighet.W016",
            )
        ]
    return []


#: The SQLite options docs/installation.md ("SQLite") recommends: a write
#: transaction takes the write lock when it begins, and waits up to
#: ``timeout`` seconds for another writer instead of failing.
RECOMMENDED_SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL",
}
#: Shortest wait for the write lock, in seconds, that the check accepts.
MIN_SQLITE_TIMEOUT = 10


@register(deploy=True)
def check_sqlite_concurrency(app_configs, **kwargs):
    return sqlite_concurrency_warnings(settings.DATABASES)


def sqlite_concurrency_warnings(databases):
    """Warn when the default database is an SQLite file whose concurrent
    writers can fail with "database is locked" (a 500 for the citizen)."""
    database = databases.get("default", {})
    if database.get("ENGINE") != "django.db.backends.sqlite3":
        return []
    if DatabaseCreation.is_in_memory_db(database.get("NAME", "")):
        # One process's private database (tests): no other writer to wait for.
        return []
    options = database.get("OPTIONS", {})
    immediate = str(options.get("transaction_mode", "")).upper() == "IMMEDIATE"
    # Python's sqlite3 waits 5 seconds unless told otherwise.
    timeout = options.get("timeout", 5)
    waits = isinstance(timeout, int | float) and timeout >= MIN_SQLITE_TIMEOUT
    if immediate and waits:
        return []
    return [
        Warning(
            "The default database is SQLite without "
            '"transaction_mode": "IMMEDIATE" and a timeout of at least '
            f"{MIN_SQLITE_TIMEOUT} seconds: contributions sent at the same "
            'time can fail with "database is locked".',
            hint=(
                'Set DATABASES["default"]["OPTIONS"] = '
                f"{json.dumps(RECOMMENDED_SQLITE_OPTIONS)}. PostgreSQL is the "
                'production database; see docs/installation.md, "SQLite".'
            ),
            id="wagtail_delaktighet.W018",
        )
    ]


def default_task_backend():
    """The backend the package's tasks are enqueued on (django_tasks reads
    Django's ``TASKS`` setting), or None when it cannot be loaded (django_tasks
    reports that itself)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

    try:
        return task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    except Exception:  # a broken TASKS is reported elsewhere
        return None


def in_process_backends(module, name):
    """The class ``name`` of django_tasks and, on Django 6, of django.tasks."""
    classes = []
    for package in ("django_tasks", "django.tasks"):
        try:
            imported = importlib.import_module(f"{package}.backends.{module}")
        except ImportError:
            continue
        classes.append(getattr(imported, name))
    return tuple(classes)
