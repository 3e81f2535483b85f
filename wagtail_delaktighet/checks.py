"""System checks that turn a mistyped setting into a clear message at start-up."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import DEFAULTS, RENAMED, SETTINGS_NAME

EXPECTED_TYPES = {
    "BASE_TEMPLATE": str,
    "INCLUDE_CSS": bool,
    "DIALOGUES_PER_PAGE": int,
    "CONSULTATION_BLOCKS": list,
    "MAX_TEXT_LENGTH": int,
    "RATE_LIMIT_PER_PARTICIPANT": int,
    "RATE_LIMIT_PER_ADDRESS": int,
    "RATE_LIMIT_ATTEMPTS_PER_ADDRESS": int,
    "RATE_LIMIT_WINDOW": int,
    "RATE_LIMIT_CACHE": str,
    "CLIENT_ADDRESS_HEADER": (str, type(None)),
    "TRUSTED_PROXY_COUNT": (int, type(None)),
    "CONTRIBUTIONS_PER_PAGE": int,
    "FEEDBACK_REMINDER_DAYS": int,
    "EVALUATION_REMINDER_DAYS": int,
    "OUTBOX_MAX_ATTEMPTS": int,
    "OUTBOX_RETRY_DELAY": int,
    "OUTBOX_RETRY_DELAY_MAX": int,
    "OUTBOX_CLAIM_SECONDS": int,
    "DATA_REQUEST_LINK_MAX_AGE_HOURS": int,
    "DATA_REQUEST_LINKS_PER_HOUR": int,
    "CONFIRMATION_LINK_MAX_AGE_DAYS": int,
    "OUTBOX_RETENTION_DAYS": int,
    "REST_API": bool,
}


@register(Tags.compatibility)
def check_settings(app_configs, **kwargs):
    user_settings = getattr(settings, SETTINGS_NAME, None)
    if user_settings is None:
        return []
    if not isinstance(user_settings, dict):
        return [
            Error(
                f"{SETTINGS_NAME} must be a dict.",
                hint="See docs/configuration.md for the available keys.",
                id="wagtail_delaktighet.E001",
            )
        ]
    messages = []
    for key, value in user_settings.items():
        if key in RENAMED:
            messages.append(renamed_warning(key, user_settings))
            messages.extend(type_errors(RENAMED[key], value, name=key))
        elif key not in DEFAULTS:
            messages.append(
                Warning(
                    f"{SETTINGS_NAME} has an unknown key {key!r}; it is ignored.",
                    hint="Known keys: " + ", ".join(sorted(DEFAULTS)),
                    id="wagtail_delaktighet.W001",
                )
            )
        else:
            messages.extend(type_errors(key, value))
    return messages


def renamed_warning(old, user_settings):
    new = RENAMED[old]
    if new in user_settings:
        what = f"it is ignored, as {new!r} is set"
    else:
        what = f"its value is used as {new!r}"
    return Warning(
        f"{SETTINGS_NAME}[{old!r}] is an old name: {what}.",
        hint=f"Rename it to {new!r}; docs/configuration.md explains the rate limits.",
        id="wagtail_delaktighet.W015",
    )


def type_errors(key, value, *, name=None):
    """An E002 error when ``value`` is not what setting ``key`` takes."""
    expected = EXPECTED_TYPES[key]
    types = expected if isinstance(expected, tuple) else (expected,)
    is_int = isinstance(value, int) and not isinstance(value, bool)
    wrong_type = not isinstance(value, expected) or (
        int in types and isinstance(value, bool)
    )
    if wrong_type or (int in types and is_int and value < 1):
        return [
            Error(
                f"{SETTINGS_NAME}[{name or key!r}] must be {describe_type(expected)}"
                f", not {value!r}.",
                id="wagtail_delaktighet.E002",
            )
        ]
    return []


def describe_type(expected):
    if expected is int:
        return "a positive integer"
    if isinstance(expected, tuple):
        return " or ".join(
            "None" if t is type(None) else describe_type(t) for t in expected
        )
    return expected.__name__


#: Apps the package builds on, beyond those every Wagtail project has.
REQUIRED_APPS = ["wagtail.contrib.settings"]


@register(Tags.compatibility)
def check_required_apps(app_configs, **kwargs):
    return missing_app_errors(settings.INSTALLED_APPS)


def missing_app_errors(installed_apps):
    return [
        Error(
            f"wagtail_delaktighet needs {name!r} in INSTALLED_APPS.",
            hint="See docs/installation.md, step 2.",
            id="wagtail_delaktighet.E003",
        )
        for name in REQUIRED_APPS
        if name not in installed_apps
    ]


#: The app whose static files the REST API's documentation page loads.
API_DOCS_APP = "drf_spectacular_sidecar"


@register(Tags.compatibility)
def check_api_docs_app(app_configs, **kwargs):
    return api_docs_warnings(settings.INSTALLED_APPS)


def api_docs_warnings(installed_apps):
    # Read as written: check_settings reports a setting that is not a dict.
    user_settings = getattr(settings, SETTINGS_NAME, None)
    if not isinstance(user_settings, dict):
        user_settings = {}
    enabled = user_settings.get("REST_API", DEFAULTS["REST_API"])
    if not enabled or API_DOCS_APP in installed_apps:
        return []
    return [
        Warning(
            f"The REST API's documentation page needs {API_DOCS_APP!r} in "
            "INSTALLED_APPS for its static files.",
            hint="See docs/api.md, or set WAGTAIL_DELAKTIGHET['REST_API'] = False.",
            id="wagtail_delaktighet.W030",
        )
    ]
