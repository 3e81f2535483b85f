from django.apps import apps
from django.core.checks import run_checks
from django.test import override_settings
from django.utils import translation

from wagtail_delaktighet.conf import DEFAULTS, delaktighet_settings


def test_the_app_is_named_in_the_language_of_the_request():
    # The name the admin shows (in permission lists, for example) is
    # translated when it is shown, not when the app loads.
    config = apps.get_app_config("wagtail_delaktighet")
    with translation.override("en"):
        assert str(config.verbose_name) == "Citizen participation"
    with translation.override("sv"):
        assert str(config.verbose_name) == "Medborgardialog"


def test_defaults_apply_when_nothing_is_configured():
    with override_settings(WAGTAIL_DELAKTIGHET={}):
        for name, default in DEFAULTS.items():
            assert getattr(delaktighet_settings, name) == default


def test_settings_are_reloaded_when_changed():
    with override_settings(WAGTAIL_DELAKTIGHET={"DIALOGUES_PER_PAGE": 3}):
        assert delaktighet_settings.DIALOGUES_PER_PAGE == 3
    assert DEFAULTS["DIALOGUES_PER_PAGE"] == delaktighet_settings.DIALOGUES_PER_PAGE


def test_unknown_setting_name_is_an_attribute_error():
    try:
        delaktighet_settings.NO_SUCH_SETTING  # noqa: B018
    except AttributeError as error:
        assert "NO_SUCH_SETTING" in str(error)
    else:
        raise AssertionError("expected AttributeError")


def _check_ids():
    return {message.id for message in run_checks(databases=[])}


def test_checks_flag_unknown_keys_and_wrong_types():
    with override_settings(WAGTAIL_DELAKTIGHET={"TYPO": 1}):
        assert "wagtail_delaktighet.W001" in _check_ids()
    with override_settings(WAGTAIL_DELAKTIGHET={"DIALOGUES_PER_PAGE": "ten"}):
        assert "wagtail_delaktighet.E002" in _check_ids()
    with override_settings(WAGTAIL_DELAKTIGHET={"DIALOGUES_PER_PAGE": 0}):
        assert "wagtail_delaktighet.E002" in _check_ids()
    with override_settings(WAGTAIL_DELAKTIGHET=["not", "a", "dict"]):
        assert "wagtail_delaktighet.E001" in _check_ids()
    with override_settings(WAGTAIL_DELAKTIGHET={"DIALOGUES_PER_PAGE": 5}):
        assert not {i for i in _check_ids() if i.startswith("wagtail_delaktighet")}


def test_check_names_a_missing_required_app():
    from django.conf import settings

    from wagtail_delaktighet.checks import check_required_apps, missing_app_errors

    without = [a for a in settings.INSTALLED_APPS if a != "wagtail.contrib.settings"]
    assert [m.id for m in missing_app_errors(without)] == ["wagtail_delaktighet.E003"]
    assert check_required_apps(None) == []


def test_client_address_header_accepts_a_header_name_or_none():
    with override_settings(WAGTAIL_DELAKTIGHET={"CLIENT_ADDRESS_HEADER": 3}):
        assert "wagtail_delaktighet.E002" in _check_ids()
    for ok in ("HTTP_X_FORWARDED_FOR", None):
        with override_settings(WAGTAIL_DELAKTIGHET={"CLIENT_ADDRESS_HEADER": ok}):
            assert "wagtail_delaktighet.E002" not in _check_ids()


def test_every_routable_page_has_its_resolver_before_the_first_request():
    # Built lazily, a resolver was stored on the class during a request, and
    # two first requests at once in a threaded server failed with a 500.
    from wagtail.contrib.routable_page.models import RoutablePageMixin
    from wagtail.models import get_page_models

    routable = [m for m in get_page_models() if issubclass(m, RoutablePageMixin)]
    assert {m.__name__ for m in routable} >= {"DialogueIndexPage", "DialoguePage"}
    for model in routable:
        assert "_routablepage_urlresolver" in model.__dict__, model
