"""The RSS feed of an index's dialogues (P1: easy to find dialogues)."""

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from .index import listed_dialogues, subpage_url

#: Feed readers only need the recent dialogues; older ones stay on the index.
FEED_LENGTH = 50


class DialogueFeed(Feed):
    """Newest dialogues first. One instance serves one request (it keeps the
    request to build each item's link)."""

    def get_object(self, request, index_page):
        self.request = request
        return index_page

    def title(self, index_page):
        return index_page.title

    def link(self, index_page):
        return index_page.get_url(self.request)

    def feed_url(self, index_page):
        return subpage_url(self.request, index_page, "rss")

    def description(self, index_page):
        return index_page.search_description or _(
            "New citizen dialogues where you can take part."
        )

    def items(self, index_page):
        dialogues = listed_dialogues(index_page).annotate(
            feed_date=Coalesce("first_published_at", "opens_at")
        )
        return dialogues.order_by(
            F("feed_date").desc(nulls_last=True), "-pk"
        ).prefetch_related("topics")[:FEED_LENGTH]

    def item_title(self, dialogue):
        return dialogue.title

    def item_description(self, dialogue):
        return dialogue.summary or dialogue.purpose

    def item_link(self, dialogue):
        return dialogue.get_url(self.request)

    def item_pubdate(self, dialogue):
        return dialogue.feed_date

    def item_categories(self, dialogue):
        return [topic.name for topic in dialogue.topics.all()]


def dialogue_rss(request, index_page):
    return DialogueFeed()(request, index_page=index_page)
