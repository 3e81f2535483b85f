from django.db import migrations, models


def count_published_contributions(apps, schema_editor):
    # The new counters of published contributions start equal to the rows:
    # the same recount as the delaktighet_rebuild_counts command, on this
    # migration's models.
    from wagtail_delaktighet.participation.counters import rebuild

    rebuild(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("wagtail_delaktighet", "0013_dialogue_help_texts"),
    ]

    operations = [
        # The new index first: MariaDB keeps an index on the page's foreign
        # key at every moment, and both start with it.
        migrations.AddIndex(
            model_name="contribution",
            index=models.Index(
                fields=["page", "block_id", "status", "created_at", "id"],
                name="dlk_block_status_created",
            ),
        ),
        migrations.RemoveIndex(
            model_name="contribution",
            name="wagtail_del_page_id_61c062_idx",
        ),
        migrations.RunPython(count_published_contributions, migrations.RunPython.noop),
    ]
