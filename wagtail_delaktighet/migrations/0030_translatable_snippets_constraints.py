"""Step three of three: ``locale`` and ``translation_key`` become required,
a translation key is unique within a locale, and a name that was unique is
now unique within its locale (a translation may keep the original's name).

Going back restores the old unique names, which fails if two locales share
a name: delete the translations first."""

import uuid

import django.db.models.deletion
from django.db import migrations, models

#: {model: whether its name is unique within a locale}.
TRANSLATABLE_SNIPPETS = {
    "area": True,
    "body": True,
    "contact": False,
    "influencelevel": True,
    "method": True,
    "strategicgoal": True,
    "targetgroup": True,
    "topic": True,
}


def required_translation_fields(model_name, unique_name):
    operations = [
        migrations.AlterField(
            model_name=model_name,
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterField(
            model_name=model_name,
            name="translation_key",
            field=models.UUIDField(default=uuid.uuid4, editable=False),
        ),
    ]
    if unique_name:
        operations.append(
            migrations.AlterField(
                model_name=model_name,
                name="name",
                field=models.CharField(
                    max_length=100 if model_name == "influencelevel" else 255,
                    verbose_name="name",
                ),
            )
        )
    unique_together = {("translation_key", "locale")}
    if unique_name:
        unique_together.add(("name", "locale"))
    operations.append(
        migrations.AlterUniqueTogether(
            name=model_name, unique_together=unique_together
        )
    )
    return operations


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_delaktighet", "0029_translatable_snippets_populate"),
    ]

    operations = [
        operation
        for model_name, unique_name in TRANSLATABLE_SNIPPETS.items()
        for operation in required_translation_fields(model_name, unique_name)
    ]
