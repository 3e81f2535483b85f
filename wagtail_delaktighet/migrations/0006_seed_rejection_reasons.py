"""Seed reasons for rejection with a common netiquette, in plain Swedish.

A municipality edits the list under the admin's Participation menu; this
migration only adds reasons whose names are not there yet.
"""

from django.db import migrations

REASONS = [
    (
        "Kränkande innehåll",
        "Inlägget innehåller personangrepp, hot eller kränkande uttryck om "
        "personer eller grupper. Kritik mot beslut och förslag är välkommen, men "
        "den ska riktas mot sakfrågan.",
    ),
    (
        "Personuppgifter om andra",
        "Inlägget innehåller uppgifter som kan identifiera andra personer, till "
        "exempel namn, adresser eller telefonnummer. Skriv gärna igen utan dem.",
    ),
    (
        "Reklam eller spam",
        "Inlägget innehåller reklam, länkar till försäljning eller samma text "
        "flera gånger.",
    ),
    (
        "Hör inte till dialogen",
        "Inlägget handlar inte om frågan som dialogen gäller. Du kan lämna "
        "synpunkter om annat till kommunens kundtjänst.",
    ),
    (
        "Olagligt innehåll",
        "Inlägget innehåller sådant som är olagligt att sprida, till exempel "
        "hets mot folkgrupp eller upphovsrättsskyddat material.",
    ),
]


def seed(apps, schema_editor):
    RejectionReason = apps.get_model("wagtail_delaktighet", "RejectionReason")
    for order, (name, explanation) in enumerate(REASONS, start=1):
        RejectionReason.objects.get_or_create(
            name=name, defaults={"explanation": explanation, "sort_order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("wagtail_delaktighet", "0005_moderation")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
