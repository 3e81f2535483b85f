"""A front-end cache backend that records what it is asked to purge: it
stands in for Cloudflare or Varnish in tests (WAGTAILFRONTENDCACHE)."""

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

#: Every URL purged, in order, across backend instances.
PURGED = []


class RecordingBackend(BaseBackend):
    def purge(self, url):
        PURGED.append(url)
