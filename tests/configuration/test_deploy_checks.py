"""The checks ``manage.py check --deploy`` adds: set-ups that work on a
laptop but not in production."""

import pytest
from django.core.checks import run_checks
from django.test import override_settings

from tests.participation.support import override_delaktighet

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
REDIS = {
    "BACKEND": "django.core.cache.backends.redis.RedisCache",
    "LOCATION": "redis://127.0.0.1:6379",
}
WORKER = {"default": {"BACKEND": "tests.testapp.tasks.WorkerBackend"}}


def deploy_messages(**settings):
    """Our messages from every check, the deploy checks included."""
    with override_settings(**settings):
        messages = run_checks(include_deployment_checks=True, databases=[])
    return {m.id: m for m in messages if m.id.startswith("wagtail_delaktighet.")}


def production(**overrides):
    """Settings of a production site: a shared cache, a task worker."""
    return {"CACHES": {"default": REDIS}, "TASKS": WORKER, **overrides}


def test_a_production_set_up_passes():
    assert deploy_messages(**production()) == {}


def test_deploy_checks_run_only_with_deploy():
    with override_settings(CACHES={"default": {"BACKEND": LOCMEM}}):
        ids = {m.id for m in run_checks(databases=[])}

    assert "wagtail_delaktighet.W012" not in ids


@pytest.mark.parametrize(
    ("backend", "check_id", "words"),
    [
        (LOCMEM, "wagtail_delaktighet.W012", "each process counts on its own"),
        (
            "django.core.cache.backends.dummy.DummyCache",
            "wagtail_delaktighet.W011",
            "counts nothing",
        ),
    ],
)
def test_a_process_local_rate_limit_cache_is_flagged(backend, check_id, words):
    messages = deploy_messages(
        **production(CACHES={"default": REDIS, "limits": {"BACKEND": backend}})
    )
    assert messages == {}

    with override_delaktighet(RATE_LIMIT_CACHE="limits"):
        messages = deploy_messages(
            **production(CACHES={"default": REDIS, "limits": {"BACKEND": backend}})
        )

    assert set(messages) == {check_id}
    assert words in messages[check_id].msg
    assert "'limits'" in messages[check_id].msg
    assert "Redis" in messages[check_id].hint


def test_a_rate_limit_cache_missing_from_caches_is_flagged():
    with override_delaktighet(RATE_LIMIT_CACHE="nowhere"):
        messages = deploy_messages(**production())

    assert set(messages) == {"wagtail_delaktighet.W010"}
    assert "'nowhere'" in messages["wagtail_delaktighet.W010"].msg


@pytest.mark.parametrize(
    ("backend", "check_id", "words"),
    [
        (
            "django_tasks.backends.immediate.ImmediateBackend",
            "wagtail_delaktighet.W014",
            "run inside the web request",
        ),
        (
            "django_tasks.backends.dummy.DummyBackend",
            "wagtail_delaktighet.W016",
            "never run",
        ),
    ],
)
def test_tasks_run_in_process_are_flagged(backend, check_id, words):
    messages = deploy_messages(**production(TASKS={"default": {"BACKEND": backend}}))

    assert set(messages) == {check_id}
    assert words in messages[check_id].msg
    assert "TASKS" in messages[check_id].hint


def test_a_proxy_header_without_a_proxy_count_is_flagged():
    with override_delaktighet(CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR"):
        messages = deploy_messages(**production())
    with override_delaktighet(
        CLIENT_ADDRESS_HEADER="HTTP_X_FORWARDED_FOR", TRUSTED_PROXY_COUNT=2
    ):
        counted = deploy_messages(**production())

    assert set(messages) == {"wagtail_delaktighet.W013"}
    assert "TRUSTED_PROXY_COUNT" in messages["wagtail_delaktighet.W013"].hint
    assert counted == {}


def test_a_proxy_count_without_a_header_is_flagged():
    with override_delaktighet(TRUSTED_PROXY_COUNT=1):
        messages = deploy_messages(**production())

    assert set(messages) == {"wagtail_delaktighet.W017"}
    assert "HTTP_X_FORWARDED_FOR" in messages["wagtail_delaktighet.W017"].hint


@pytest.mark.parametrize("count", [0, -1, "2", True])
def test_the_proxy_count_is_a_positive_integer_or_none(count):
    with override_delaktighet(TRUSTED_PROXY_COUNT=count):
        ids = {m.id for m in run_checks(databases=[])}

    assert "wagtail_delaktighet.E002" in ids
