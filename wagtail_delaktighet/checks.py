"""System checks that turn a mistyped setting into a clear message at start-up."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .conf import DEFAULTS, SETTINGS_NAME

EXPECTED_TYPES = {
    "BASE_TEMPLATE": str,
    "INCLUDE_CSS": bool,
    "DIALOGUES_PER_PAGE": int,
    "CONSULTATION_BLOCKS": list,
    "MAX_TEXT_LENGTH": int,
    "RATE_LIMIT_COUNT": int,
    "RATE_LIMIT_WINDOW": int,
    "RATE_LIMIT_CACHE": str,
    "CLIENT_ADDRESS_HEADER": (str, type(None)),
    "CONTRIBUTIONS_PER_PAGE": int,
    "FEEDBACK_REMINDER_DAYS": int,
    "OUTBOX_MAX_ATTEMPTS": int,
    "OUTBOX_RETRY_DELAY": int,
    "OUTBOX_RETRY_DELAY_MAX": int,
    "OUTBOX_CLAIM_SECONDS": int,
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
        if key not in DEFAULTS:
            messages.append(
                Warning(
                    f"{SETTINGS_NAME} has an unknown key {key!r}; it is ignored.",
                    hint="Known keys: " + ", ".join(sorted(DEFAULTS)),
                    id="wagtail_delaktighet.W001",
                )
            )
            continue
        expected = EXPECTED_TYPES[key]
        wrong_type = not isinstance(value, expected) or (
            expected is int and isinstance(value, bool)
        )
        if wrong_type or (expected is int and value < 1):
            messages.append(
                Error(
                    f"{SETTINGS_NAME}[{key!r}] must be {describe_type(expected)}"
                    f", not {value!r}.",
                    id="wagtail_delaktighet.E002",
                )
            )
    return messages


def describe_type(expected):
    if expected is int:
        return "a positive integer"
    if isinstance(expected, tuple):
        return " or ".join("None" if t is type(None) else t.__name__ for t in expected)
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
