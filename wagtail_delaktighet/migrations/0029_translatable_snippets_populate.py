"""Step two of three: every existing snippet, contact and influence level is
put in the default locale, each with a translation key of its own (it has no
translations yet). The default locale is created from LANGUAGE_CODE if it does
not exist, as wagtailcore's 0054_initial_locale does."""

import uuid

from django.conf import settings
from django.db import migrations

TRANSLATABLE_SNIPPETS = (
    "Area",
    "Body",
    "Contact",
    "InfluenceLevel",
    "Method",
    "StrategicGoal",
    "TargetGroup",
    "Topic",
)


def default_language_code():
    from wagtail.coreutils import get_supported_content_language_variant

    try:
        return get_supported_content_language_variant(settings.LANGUAGE_CODE)
    except LookupError:
        # LANGUAGE_CODE is not among WAGTAIL_CONTENT_LANGUAGES.
        return settings.LANGUAGE_CODE


def populate(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code=default_language_code()).first()
    if locale is None:
        locale = Locale.objects.order_by("pk").first() or Locale.objects.create(
            language_code=default_language_code()
        )
    for model_name in TRANSLATABLE_SNIPPETS:
        model = apps.get_model("wagtail_delaktighet", model_name)
        pks = model.objects.filter(translation_key__isnull=True).values_list(
            "pk", flat=True
        )
        for pk in list(pks):
            model.objects.filter(pk=pk).update(
                locale=locale, translation_key=uuid.uuid4()
            )


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_delaktighet", "0028_translatable_snippets_fields"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
