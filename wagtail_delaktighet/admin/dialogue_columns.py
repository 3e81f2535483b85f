"""Columns that reports over dialogues share."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import TitleColumn


def dialogue_title_column(**options):
    """The dialogue's title, linking to its page editor: the first column of
    every report that lists dialogues."""
    return TitleColumn(
        "title",
        label=_("Dialogue"),
        accessor="get_admin_display_title",
        url_name="wagtailadmin_pages:edit",
        **options,
    )
