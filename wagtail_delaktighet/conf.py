"""The package's settings: the ``WAGTAIL_DELAKTIGHET`` dict in the host project.

Read values through ``delaktighet_settings.NAME``. Values are cached and
re-read whenever Django's ``setting_changed`` signal fires (for example under
``override_settings`` in tests).
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

SETTINGS_NAME = "WAGTAIL_DELAKTIGHET"

#: Every setting with its default. docs/configuration.md documents each one.
DEFAULTS = {
    # Template that every public template of the package extends. It must
    # define the blocks `title`, `extra_css` and `content`, as the base.html of a
    # project made by `wagtail start` does.
    "BASE_TEMPLATE": "base.html",
    # Whether the package's own small stylesheet is linked from its templates.
    "INCLUDE_CSS": True,
    # Number of dialogues per page on a dialogue index.
    "DIALOGUES_PER_PAGE": 12,
    # Extra consultation block types: a list of (name, dotted path to a
    # ConsultationBlock subclass). Read once, when the models load.
    "CONSULTATION_BLOCKS": [],
}


class DelaktighetSettings:
    def __init__(self):
        self._cache = None

    def _load(self):
        user_settings = getattr(settings, SETTINGS_NAME, None) or {}
        merged = dict(DEFAULTS)
        merged.update(user_settings)
        return merged

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in DEFAULTS:
            raise AttributeError(f"{SETTINGS_NAME} has no setting named {name!r}")
        if self._cache is None:
            self._cache = self._load()
        return self._cache[name]

    def reload(self):
        self._cache = None


delaktighet_settings = DelaktighetSettings()


@receiver(setting_changed)
def _reload_on_setting_changed(*, setting, **kwargs):
    if setting == SETTINGS_NAME:
        delaktighet_settings.reload()
