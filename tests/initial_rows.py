"""What Wagtail's migrations create, put back after a transactional test's
flush removed it."""

from django.conf import settings


def restore_wagtail_initial_rows():
    """Put back what Wagtail's migrations create, where an earlier
    transactional test's flush removed it: the default locale, the root
    collection (documents need it) and the root page."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page

    if not Locale.objects.exists():
        Locale.objects.create(
            language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
        )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root"))
