"""The site's background questions, as an editor defines them in the
participation settings, for the background-question tests."""

from wagtail.models import Site

from wagtail_delaktighet.models import DelaktighetSettings
from wagtail_delaktighet.participation.background import (
    PREFER_NOT_TO_SAY,
    site_questions,
)

AGE = "Hur gammal är du?"
DISTRICT = "Var bor du?"


def define_questions(page):
    """Define an age and a district question on the site of ``page``;
    returns {question text: (field name, {option text: option id})}."""
    site = page.get_site() or Site.objects.get(is_default_site=True)
    site_settings = DelaktighetSettings.for_site(site)
    site_settings.background_questions = [
        (
            "question",
            {"question": AGE, "options": ["Under 20", "20–64", "65 år och äldre"]},
        ),
        ("question", {"question": DISTRICT, "options": ["Centrum", "Norrby"]}),
    ]
    site_settings.save()
    site_settings = DelaktighetSettings.for_site(site)
    return {
        question.text: (
            question.field_name,
            {text: option for option, text in question.options},
        )
        for question in site_questions(site_settings)
    }


def answers(questions, *, age=None, district=None):
    """Posted background fields: option texts, "Prefer not to say", or a raw
    value."""
    fields = {}
    for text, choice in ((AGE, age), (DISTRICT, district)):
        if choice is None:
            continue
        field, options = questions[text]
        options = {**options, "Prefer not to say": PREFER_NOT_TO_SAY}
        fields[field] = options.get(choice, choice)
    return fields
