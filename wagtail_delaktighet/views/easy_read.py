"""The dialogue in easy-read Swedish (lättläst), a route of the dialogue page
(P4: forms adapted to the target groups' conditions).

It shows the editor's easy-read summary first, then how to take part, with a
link to the forms on the full page. A dialogue without a summary has no such
page (404), and its page shows no link to one.
"""

from django.http import Http404
from django.template.response import TemplateResponse

from ..blocks.consultation import block_anchor, page_accepts_input
from .common import base_context

TEMPLATE = "wagtail_delaktighet/dialogue_easy_read.html"


def take_part_url(page, page_url):
    """Where the forms are: the first consultation block on the full page
    while the dialogue takes input, else the full page itself."""
    if page_accepts_input(page):
        for block_id, _block, _value in page.consultation_blocks():
            return f"{page_url}#{block_anchor(block_id)}"
    return page_url


def easy_read_context(request, page):
    page_url = page.get_url(request) or ""
    return {
        **base_context(),
        "page": page,
        "self": page,
        "status": page.status,
        "dlk_dialogue_url": page_url,
        "dlk_take_part_url": take_part_url(page, page_url),
        "dlk_accepting": page_accepts_input(page),
        # The summary is written in the page's language, whatever language
        # the visitor reads the rest of the site in.
        "dlk_easy_read_lang": page.locale.language_code,
    }


def easy_read(request, page):
    if not page.has_easy_read_summary:
        raise Http404
    return TemplateResponse(request, TEMPLATE, easy_read_context(request, page))
