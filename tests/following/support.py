"""Following a dialogue through the test client, as a browser and a mail
program do: post the form, read the email, open its links."""

import re
from collections import Counter

from bs4 import BeautifulSoup
from django.core import mail

from wagtail_delaktighet.models import Subscription

#: The absolute links in an email's body.
LINK = re.compile(r"https?://\S+")


def follow_url(page):
    return page.url + page.reverse_subpage("follow")


def confirm_path(page, token):
    return page.url + page.reverse_subpage("follow_confirm", args=(token,))


def unsubscribe_path(page, token):
    return page.url + page.reverse_subpage("follow_unsubscribe", args=(token,))


def follow(client, page, email, **extra):
    """Post the follow form, as the browser does."""
    return client.post(
        follow_url(page), {"dlk-follow-email": email, "dlk-follow-website": "", **extra}
    )


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def text_of(element):
    return " ".join(element.get_text(" ").split())


def local_path(url):
    """The path of an absolute link, for the test client."""
    return re.sub(r"^https?://[^/]+", "", url)


def links_in(message):
    return LINK.findall(message.body)


def emails_to(address):
    return [message for message in mail.outbox if address in message.to]


def recipients():
    """How many emails each address got."""
    return Counter(address for message in mail.outbox for address in message.to)


def subscription(page, email):
    return Subscription.objects.get(page=page, email=email)
