import importlib
import os
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core.cache import cache
from django.test import Client
from django.utils import timezone, translation
from hypothesis import settings as hypothesis_settings

from tests.initial_rows import restore_wagtail_initial_rows

# Property-based tests (Hypothesis): a modest number of examples keeps the
# suite fast; HYPOTHESIS_PROFILE=thorough searches much longer. No deadline:
# an example touches the database, whose speed varies.
hypothesis_settings.register_profile("delaktighet", max_examples=60, deadline=None)
hypothesis_settings.register_profile("thorough", max_examples=1000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "delaktighet"))


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Tests read English source text. Requests still choose their language
    (LocaleMiddleware; the example site defaults to Swedish)."""
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """The rate limits count in Django's cache (which the browser tests' live
    server shares): counts must not leak from one test to the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def rate_limit_window():
    """The rate limits count in fixed windows of an hour, starting on the hour:
    a test that counts runs just after one begins, so that its counts never
    straddle two windows."""
    import time_machine

    start = timezone.now().replace(minute=0, second=5, microsecond=0)
    with time_machine.travel(start, tick=True):
        yield


@pytest.fixture
def new_client():
    """Make a browser of its own (its own session, so its own participant),
    reading English source text whatever the translations say."""
    return lambda **kwargs: Client(headers={"Accept-Language": "en"}, **kwargs)


@pytest.fixture
def home_page(db):
    """The example site's home page as the demo builds it."""
    from example_site.home.demo.site import build_home_page

    restore_wagtail_initial_rows()
    return build_home_page()


@pytest.fixture
def ladder(db):
    """The seeded influence ladder, in order.

    Seeded by a migration; transactional tests flush the database, so the
    fixture runs the same seed function again where the rows are gone.
    """
    from wagtail_delaktighet.models import InfluenceLevel

    if not InfluenceLevel.objects.exists():
        migration = importlib.import_module(
            "wagtail_delaktighet.migrations.0003_seed_influence_ladder"
        )
        migration.seed(django_apps, None)
    return list(InfluenceLevel.objects.order_by("sort_order"))


@pytest.fixture
def level(ladder):
    """Look up a ladder step by name: ``level("Konsultation")``."""
    by_name = {lvl.name: lvl for lvl in ladder}
    return by_name.__getitem__


@pytest.fixture
def body_factory(db):
    from wagtail_delaktighet.models import Body

    def make(name="Stadsbyggnadsnämnden", kind=Body.Kind.COMMITTEE, **kwargs):
        return Body.objects.get_or_create(name=name, defaults={"kind": kind, **kwargs})[
            0
        ]

    return make


@pytest.fixture
def dialogue_index(home_page):
    from wagtail_delaktighet.models import DialogueIndexPage

    index = DialogueIndexPage(title="Medborgardialoger", slug="dialoger")
    home_page.add_child(instance=index)
    return index


@pytest.fixture
def make_dialogue(dialogue_index, level, body_factory):
    """Create and publish a valid dialogue; keyword arguments override fields.

    By default it is open (opened a day ago, closes in two weeks) at the
    Konsultation level with a promised feedback date. ``rules_checked=False``
    stores a state the publish rules refuse today (a mistaken feedback date, a
    level changed after publishing) without publishing it through them.
    """
    from wagtail_delaktighet.models import DialoguePage

    counter = {"n": 0}

    def make(parent=None, rules_checked=True, **fields):
        counter["n"] += 1
        now = timezone.now()
        values = {
            "title": f"Dialog {counter['n']}",
            "slug": f"dialog-{counter['n']}",
            "summary": "En kort sammanfattning.",
            "purpose": "Att ta reda på vad invånarna behöver.",
            "influence_level": level("Konsultation"),
            "can_influence": "<p>Utformningen av platsen.</p>",
            "input_handling": "<p>Tjänstepersoner sammanställer synpunkterna.</p>",
            "responsible_body": body_factory(),
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=14),
            "feedback_promised_on": (now + timedelta(days=60)).date(),
        }
        m2m = {
            name: fields.pop(name)
            for name in list(fields)
            if name
            in {
                "topics",
                "areas",
                "target_groups",
                "methods",
                "strategic_goals",
                "coordinating_bodies",
            }
        }
        values.update(fields)
        if "feedback_promised_on" not in fields and values["closes_at"]:
            # Valid: the promised feedback date comes after the closing day.
            values["feedback_promised_on"] = (
                timezone.localtime(values["closes_at"]) + timedelta(days=46)
            ).date()
        page = DialoguePage(**values)
        for name, objects in m2m.items():
            getattr(page, name).set(objects)
        if rules_checked:
            (parent or dialogue_index).add_child(instance=page)
            page.save_revision().publish()
        else:
            # A live page that breaks today's publish rules, as one published
            # before a rule (or its level) changed.
            page.live = False
            (parent or dialogue_index).add_child(instance=page)
            page.live_revision = page.save_revision(clean=False)
            page.live = True
            page.has_unpublished_changes = False
            page.save(clean=False)
        return DialoguePage.objects.get(pk=page.pk)

    return make


@pytest.fixture
def editor(django_user_model):
    """A superuser whose admin speaks English, so assertions can read the
    English source text whatever translations exist."""
    from wagtail.users.models import UserProfile

    user = django_user_model.objects.create_superuser(
        username="redaktor", email="redaktor@alvby.example", password="secret"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def admin(client, editor):
    """The test client, logged in to the Wagtail admin as ``editor``.

    It asks for English, so the language each request activates (and leaves
    active in the thread) is the one the assertions read."""
    client.force_login(editor)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client
