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
    # Longest text a participant may send in one answer, in characters.
    "MAX_TEXT_LENGTH": 5000,
    # Rate limits, per window of RATE_LIMIT_WINDOW seconds (docs/configuration.md
    # gives the reasons for the numbers): accepted posts per participant and
    # dialogue ...
    "RATE_LIMIT_PER_PARTICIPANT": 20,
    # ... accepted posts per client address (a school class on one address) ...
    "RATE_LIMIT_PER_ADDRESS": 300,
    # ... and every post per client address, valid or not (against hammering).
    "RATE_LIMIT_ATTEMPTS_PER_ADDRESS": 1000,
    # The window, in seconds. Counted in Django's cache (use Redis in
    # production), keyed by a hash, never by a stored IP address.
    "RATE_LIMIT_WINDOW": 3600,
    # The request header (a META key such as "HTTP_X_FORWARDED_FOR") holding
    # the client's address when the site runs behind trusted reverse proxies.
    # None: REMOTE_ADDR.
    "CLIENT_ADDRESS_HEADER": None,
    # How many trusted proxies append to that header: the client's address is
    # the entry this far from the right. None with a header: 1 (and the deploy
    # checks warn).
    "TRUSTED_PROXY_COUNT": None,
    # Cache alias for the rate limit.
    "RATE_LIMIT_CACHE": "default",
    # Seconds the rendered fields of a consultation block's fresh form stay
    # in Django's default cache (blocks/form_cache.py); 0 renders them on
    # every request.
    "FORM_CACHE_TIMEOUT": 3600,
    # Seconds that what public pages read only an editor's action changes
    # stays in Django's default cache (content_generation.py): a dialogue
    # page's phases, activities, contacts, documents, decisions and named
    # snippets, the influence ladder, the site's settings and each index's
    # filter choices. Any such change renews them at once where the cache is
    # shared; a cache of each process's own sees it within this time. 0 reads
    # them on every request.
    "CONTENT_CACHE_TIMEOUT": 300,
    # Public contributions (views, answered questions) per page under a block.
    "CONTRIBUTIONS_PER_PAGE": 10,
    # Days before a dialogue's promised feedback date that the
    # delaktighet_send_reminders command first reminds its contacts (P6).
    "FEEDBACK_REMINDER_DAYS": 14,
    "EVALUATION_REMINDER_DAYS": 30,
    # Outbox: an email that fails is tried at most this many times in all,
    # then given up as failed (shown in the Outgoing email report) ...
    "OUTBOX_MAX_ATTEMPTS": 12,
    # ... waiting this many seconds after the first failure, twice as long
    # after each further one ...
    "OUTBOX_RETRY_DELAY": 300,
    # ... but never longer than this (12 hours): about two and a half days
    # of retries in all with the defaults.
    "OUTBOX_RETRY_DELAY_MAX": 43200,
    # Seconds a sender holds its claim on an email while sending it; longer
    # than the mail server's timeout (EMAIL_TIMEOUT), so that a claim only
    # expires when its sender died.
    "OUTBOX_CLAIM_SECONDS": 600,
    # Hours that the emailed link to see (and erase) one's personal data
    # works (data_requests/links.py). Erasing uses it up at once.
    "DATA_REQUEST_LINK_MAX_AGE_HOURS": 24,
    # Links sent to one address within an hour at most: asking again and
    # again cannot flood somebody's mailbox.
    "DATA_REQUEST_LINKS_PER_HOUR": 3,
    # Days a link to confirm following a dialogue works; an older one is
    # refused, and the delaktighet_anonymise command deletes the unconfirmed
    # subscription.
    "CONFIRMATION_LINK_MAX_AGE_DAYS": 7,
    # Days an email that was sent (or given up) keeps its recipient, body
    # and error in the outbox; delaktighet_anonymise then blanks them.
    "OUTBOX_RETENTION_DAYS": 30,
    # Whether the REST API (``<package URLs>/api/v1/``, docs/api.md) answers;
    # off, each of its URLs is a 404.
    "REST_API": True,
}

#: Old setting names and the setting that now takes their value.
RENAMED = {
    # Was one limit on every post per address; its value now goes to the
    # per-address limit on accepted posts.
    "RATE_LIMIT_COUNT": "RATE_LIMIT_PER_ADDRESS",
}


class PackageSettings:
    """The ``WAGTAIL_DELAKTIGHET`` setting merged over the defaults, read
    when first used and again after the setting changes. (Not the site
    settings editors change in the admin: that is the ``DelaktighetSettings``
    model.)"""

    def __init__(self):
        self._cache = None

    def _load(self):
        user_settings = getattr(settings, SETTINGS_NAME, None) or {}
        merged = dict(DEFAULTS)
        merged.update(user_settings)
        for old, new in RENAMED.items():
            if old in user_settings and new not in user_settings:
                merged[new] = user_settings[old]
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


delaktighet_settings = PackageSettings()


@receiver(setting_changed)
def _reload_on_setting_changed(*, setting, **kwargs):
    if setting == SETTINGS_NAME:
        delaktighet_settings.reload()
