"""The taxonomy snippets, contacts and influence levels become translatable
(Wagtail's TranslatableMixin), step one of three: the ``locale`` and
``translation_key`` columns, nullable until 0029 fills them for the rows that
already exist."""

import django.db.models.deletion
from django.db import migrations, models

#: The models that become translatable, by their lower-case names.
TRANSLATABLE_SNIPPETS = (
    "area",
    "body",
    "contact",
    "influencelevel",
    "method",
    "strategicgoal",
    "targetgroup",
    "topic",
)


def nullable_translation_fields(model_name):
    return [
        migrations.AddField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AddField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_delaktighet", "0027_dialogue_easy_read_summary"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [
        operation
        for model_name in TRANSLATABLE_SNIPPETS
        for operation in nullable_translation_fields(model_name)
    ]
