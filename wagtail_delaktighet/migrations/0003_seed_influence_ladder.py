"""Seed the influence ladder with SKR's delaktighetstrappa, in our own words.

The municipality may rename, re-describe and reorder the steps afterwards;
this migration only adds steps whose names are not there yet.
"""

from django.db import migrations

LADDER = [
    {
        "name": "Information",
        "promise": "Vi berättar vad som händer och varför, så att du kan följa arbetet.",
        "explanation": (
            "På den här nivån samlar kommunen inte in synpunkter. Du får veta vad "
            "som planeras, vad som redan är bestämt och när beslut fattas, så att "
            "du kan följa frågan och vet vart du kan vända dig med frågor."
        ),
        "accepts_input": False,
        "requires_feedback_date": False,
    },
    {
        "name": "Konsultation",
        "promise": (
            "Vi frågar vad du tycker och berättar sedan vad dina synpunkter ledde till."
        ),
        "explanation": (
            "Kommunen samlar in synpunkter på en fråga eller ett förslag, till "
            "exempel genom en enkät eller ett samråd. De som beslutar tar del av "
            "det som kommit in innan de bestämmer sig, och du får veta vad som kom "
            "in och hur det påverkade beslutet."
        ),
        "accepts_input": True,
        "requires_feedback_date": True,
    },
    {
        "name": "Dialog",
        "promise": (
            "Vi samtalar med dig för att förstå frågan tillsammans innan förslaget "
            "är klart."
        ),
        "explanation": (
            "Invånare, förtroendevalda och tjänstepersoner möts och utbyter "
            "erfarenheter och argument, ofta i flera steg. Målet är att förstå "
            "varandras perspektiv och låta det forma förslaget. Beslutet fattas "
            "fortfarande av de förtroendevalda."
        ),
        "accepts_input": True,
        "requires_feedback_date": True,
    },
    {
        "name": "Inflytande",
        "promise": (
            "Du är med och tar fram förslaget, och det du bidrar med väger tungt i "
            "beslutet."
        ),
        "explanation": (
            "Invånare deltar under en längre tid och i flera skeden, från att "
            "beskriva problemet till att ta fram lösningar. Kommunen lovar att "
            "förslagen får stor betydelse när beslutet fattas, och att förklara "
            "varför om de inte följs."
        ),
        "accepts_input": True,
        "requires_feedback_date": True,
    },
    {
        "name": "Medbestämmande",
        "promise": "Du är med och bestämmer, inom de ramar som kommunen har satt.",
        "explanation": (
            "Kommunen lämnar över beslutet, eller en del av det, till deltagarna "
            "inom en given ram, till exempel en budget. Kommunen lovar att "
            "genomföra det deltagarna bestämmer, så länge det ryms inom ramen och "
            "lagen."
        ),
        "accepts_input": True,
        "requires_feedback_date": True,
    },
]


def seed(apps, schema_editor):
    InfluenceLevel = apps.get_model("wagtail_delaktighet", "InfluenceLevel")
    for step, level in enumerate(LADDER, start=1):
        if not InfluenceLevel.objects.filter(name=level["name"]).exists():
            InfluenceLevel.objects.create(sort_order=step, **level)


class Migration(migrations.Migration):
    dependencies = [("wagtail_delaktighet", "0002_dialogues")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
