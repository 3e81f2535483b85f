"""Asking for the link to one's data over HTTP and reading the email, as a
browser and a mail program do."""

import io
import re

from bs4 import BeautifulSoup
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

LINK = re.compile(r"https?://\S+")


def ask_url():
    return reverse("wagtail_delaktighet:data_request")


def ask(client, capture, email, **extra):
    """Post the form, run the background task it queues, and send the
    outbox with the command cron runs."""
    with capture() as callbacks:
        response = client.post(
            ask_url(), {"dlk-data-email": email, "dlk-data-website": "", **extra}
        )
    for callback in callbacks:
        callback()
    call_command("delaktighet_send_pending_emails", stdout=io.StringIO())
    return response


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def link_path(message):
    [link] = LINK.findall(message.body)
    return re.sub(r"^https?://[^/]+", "", link)


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(response):
    return " ".join(soup_of(response).get_text(" ").split())
