"""Helpers for the public records tests: a dialogue with contributions to
several block types and official responses, and readers for the records
export."""

import csv
import io
import json

from django.urls import reverse

from tests.participation.support import submit
from wagtail_delaktighet.models import Contact, OfficialResponse

from .contributions_support import ask, fill_survey, send_views


def records_url(dialogue, **params):
    return reverse(
        "wagtail_delaktighet_admin:records_export", args=[dialogue.page.pk]
    ), params


def register_url(dialogue):
    return reverse("wagtail_delaktighet_admin:register", args=[dialogue.page.pk])


def fetch(client, dialogue, export_format, **params):
    """The streamed records export: (response, its bytes)."""
    url, query = records_url(dialogue, format=export_format, **params)
    response = client.get(url, query)
    assert response.status_code == 200, response.status_code
    assert response.streaming
    return response, b"".join(response.streaming_content)


def records_json(client, dialogue, **params):
    _response, content = fetch(client, dialogue, "json", **params)
    return json.loads(content.decode())


def records_csv(client, dialogue, **params):
    """The CSV as dicts by heading."""
    _response, content = fetch(client, dialogue, "csv", **params)
    headings, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return [dict(zip(headings, row, strict=True)) for row in rows]


def planner():
    return Contact.objects.create(
        name="Bo Berg", kind=Contact.Kind.OFFICIAL, title="Planarkitekt"
    )


def respond(contribution, contact, text, *, published_at=None):
    return OfficialResponse.objects.create(
        contribution=contribution,
        signed_by=contact,
        text=text,
        published_at=published_at,
    )


def fill_dialogue(dialogue, contact, *, copies=1):
    """Per copy: a survey answer with personal data, views with personal
    data and a question from the public with an official answer; the first
    question gets a second, unpublished answer too."""
    made = []
    for number in range(copies):
        survey = dialogue.block("survey")
        made.append(
            submit(
                survey,
                {
                    **fill_survey(survey),
                    "name": f"Karin Invånare {number}",
                    "email": f"karin{number}@example.com",
                    "consent": "on",
                },
            )
        )
        made.append(
            send_views(
                dialogue.block("views"),
                "Fler bänkar vid dammen.",
                name=f"Per Gående {number}",
                email=f"per{number}@example.com",
            )
        )
        question = ask(dialogue.block("question"), "När öppnar caféet?")
        respond(question, contact, "I maj.")
        if number == 0:
            respond(question, contact, "Utkast till svar.")
        made.append(question)
    return made
