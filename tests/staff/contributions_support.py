"""Fixtures and helpers for the contribution listing, moderation inbox and
export tests: two committees with a dialogue each, staff with different
rights, and readers for the admin's pages and exported files.

The fixtures live in tests/fixtures/staff.py.
"""

import csv
import io

import openpyxl
from bs4 import BeautifulSoup
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from tests.participation.support import submit, text_of
from wagtail_delaktighet.models import Contribution


def url(view_name, *args):
    return reverse(f"wagtail_delaktighet_admin:{view_name}", args=args)


def listing_url(dialogue):
    return url("dialogue", dialogue.page.pk)


def detail_url(contribution):
    return url("detail", contribution.pk)


def logged_in(user):
    client = Client(headers={"Accept-Language": "en"})
    client.force_login(user)
    return client


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def rows(response):
    """The listing's rows as {column heading: cell text}."""
    table = soup(response).select_one("table.listing")
    if table is None:
        return []
    headings = [text_of(th) for th in table.select("thead th")]
    return [
        dict(zip(headings, (text_of(td) for td in tr.find_all("td")), strict=True))
        for tr in table.select("tbody tr")
    ]


def receipts(response):
    return sorted(row["Receipt"] for row in rows(response))


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def assert_denied(response):
    """Wagtail's answer to a denied admin request: back to the dashboard with
    an error message."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert any(
        "you do not have permission" in message for message in messages_of(response)
    )


def assert_sent_to_login(response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def reload(contribution):
    return Contribution.objects.get(pk=contribution.pk)


# -- exported files


def export(client, dialogue, export_format, **params):
    response = client.get(listing_url(dialogue), {"export": export_format, **params})
    assert response.status_code == 200, response.status_code
    content = (
        b"".join(response.streaming_content)
        if response.streaming
        else response.getvalue()
    )
    return response, content


def csv_table(client, dialogue, **params):
    """The CSV export as a list of rows, the headings first."""
    response, content = export(client, dialogue, "csv", **params)
    assert response["Content-Type"].startswith("text/csv")
    # utf-8-sig: the export starts with a byte order mark for spreadsheets.
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def xlsx_table(client, dialogue, **params):
    """The XLSX export, read with openpyxl, as a list of rows of values."""
    _response, content = export(client, dialogue, "xlsx", **params)
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [
        ["" if value is None else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def as_dicts(table):
    headings, *body = table
    return [dict(zip(headings, row, strict=True)) for row in body]


# -- the setting


def send_views(block, text, *, name="", email="", display_name="", **kwargs):
    """Views from the public; with ``email`` the author consents to be told."""
    fields = {"text": text, "display_name": display_name}
    if name or email:
        fields.update(name=name, email=email, consent="on")
    return submit(block, fields, **kwargs)


def fill_survey(block, **overrides):
    """A survey answer: a text, the second entrance, two activities."""
    _field, _id, entrances = block.question("single_choice")
    _field, _id, activities = block.question("multiple_choice")
    fields = {
        block.question("long_text")[0]: "Mörk om kvällarna.",
        block.question("single_choice")[0]: entrances[1],
        block.question("multiple_choice")[0]: [activities[0], activities[1]],
        block.question("scale")[0]: "4",
        block.question("yes_no")[0]: "yes",
    }
    fields.update(overrides)
    return fields


def ask(block, text, **kwargs):
    return submit(block, {"question": text}, **kwargs)
