"""The migrations that make the snippets translatable keep the rows that
already exist: each lands in the default locale with a translation key of
its own, and migrating back and forth again keeps them."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

FIRST = ("wagtail_delaktighet", "0028_translatable_snippets_fields")

pytestmark = pytest.mark.django_db(transaction=True)


def migrate(target):
    """Migrate to ``target`` (a list of nodes); the apps of that state."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    return executor.loader.project_state(target).apps


def before_and_latest():
    graph = MigrationExecutor(connection).loader.graph
    before = sorted(graph.node_map[FIRST].parents)[0].key
    return [before], graph.leaf_nodes("wagtail_delaktighet")


def make_rows(apps):
    """One of each snippet, as the models were before: no locale."""
    Body = apps.get_model("wagtail_delaktighet", "Body")
    body = Body.objects.create(name="Kulturnämnden", kind="committee")
    apps.get_model("wagtail_delaktighet", "Contact").objects.create(
        name="Anna Andersson", kind="elected", body=body
    )
    for model_name in ("TargetGroup", "Area", "Topic", "Method", "StrategicGoal"):
        apps.get_model("wagtail_delaktighet", model_name).objects.create(
            name=f"Ett {model_name}"
        )
    apps.get_model("wagtail_delaktighet", "InfluenceLevel").objects.create(
        name="Eget steg", promise="Ett löfte", explanation="En förklaring"
    )


def translatable_models():
    from wagtail_delaktighet import models

    return [
        models.Area,
        models.Body,
        models.Contact,
        models.InfluenceLevel,
        models.Method,
        models.StrategicGoal,
        models.TargetGroup,
        models.Topic,
    ]


def assert_rows_in_default_locale():
    from wagtail.models import Locale

    default = Locale.get_default()
    keys = []
    for model in translatable_models():
        rows = list(model.objects.all())
        assert rows, model
        for row in rows:
            assert row.locale_id == default.pk
            assert row.translation_key is not None
            keys.append(row.translation_key)
    assert len(keys) == len(set(keys)), "each row has a translation key of its own"


def test_existing_rows_survive_migrating_back_and_forth():
    from wagtail_delaktighet.models import Body, Contact, InfluenceLevel

    before, latest = before_and_latest()
    try:
        make_rows(migrate(before))
        migrate(latest)
        assert_rows_in_default_locale()
        assert Contact.objects.get(name="Anna Andersson").body.name == "Kulturnämnden"
        kept_key = Body.objects.get(name="Kulturnämnden").translation_key

        migrate(before)
        migrate(latest)
        assert_rows_in_default_locale()
        # Going back drops the keys; forward again gives new ones.
        assert Body.objects.get(name="Kulturnämnden").translation_key != kept_key
        assert InfluenceLevel.objects.filter(name="Eget steg").exists()
    finally:
        migrate(latest)


def test_a_name_is_unique_within_its_locale_only():
    from wagtail.models import Locale

    from tests.fixtures.initial_rows import restore_wagtail_initial_rows
    from wagtail_delaktighet.models import Body

    restore_wagtail_initial_rows()
    english = Locale.objects.create(language_code="en")
    body = Body.objects.create(name="Kulturnämnden", kind="committee")
    translation = body.copy_for_translation(english)
    translation.save()
    assert translation.translation_key == body.translation_key
    assert translation.name == body.name

    with pytest.raises(IntegrityError), transaction.atomic():
        Body.objects.create(name="Kulturnämnden", kind="committee")
