"""The example site's addresses as the example site serves them, with its
languages on: English pages under ``/en/``. The test settings keep one
language, so ``example_site.urls`` has no prefixes there."""

from example_site.urls import language_patterns, site_patterns

urlpatterns = site_patterns + language_patterns(multilingual=True)
