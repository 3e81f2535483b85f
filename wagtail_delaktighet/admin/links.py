"""The addresses of the package's admin views, by their names in
admin/urls.py (one namespace). Every view, panel and email that links into
the staff workspace asks here."""

from django.urls import reverse
from django.utils.http import urlencode

#: The namespace of every admin URL of the package.
NAMESPACE = "wagtail_delaktighet_admin"


def url_name(view_name):
    return f"{NAMESPACE}:{view_name}"


def set_next(url, next_url):
    """``url`` with the way back to ``next_url``."""
    return f"{url}?{urlencode({'next': next_url})}"


def dialogue_contributions_url(page):
    return reverse(url_name("dialogue"), args=[page.pk])


def inbox_url(page=None):
    """The moderation inbox, showing one dialogue's contributions if
    ``page`` is given."""
    url = reverse(url_name("inbox"))
    return f"{url}?{urlencode({'page': page.pk})}" if page else url


def detail_url(contribution):
    return reverse(url_name("detail"), args=[contribution.pk])


def respond_url(contribution):
    return reverse(url_name("respond"), args=[contribution.pk])


def outbox_report_url():
    return reverse(url_name("outbox"))


def overdue_report_url():
    return reverse(url_name("overdue_feedback"))


def dialogue_plan_url():
    return reverse(url_name("dialogue_plan"))


def representativeness_report_url():
    return reverse(url_name("representativeness"))


def quick_start_url(index=None):
    """The quick start ("New dialogue"), under ``index`` if given."""
    url = reverse(url_name("quick_start"))
    return f"{url}?{urlencode({'index': index.pk})}" if index else url


def records_export_url(page, export_format, *, personal_data=False):
    """The export of ``page``'s public records as "csv" or "json"."""
    params = {"format": export_format}
    if personal_data:
        params["personal_data"] = "1"
    url = reverse(url_name("records_export"), args=[page.pk])
    return f"{url}?{urlencode(params)}"


#: Query parameters of a contribution listing that do not choose rows.
NOT_FILTERS = ("export", "p", "_w_filter_fragment", "next")


def listing_query(query):
    """The filters and search of a listing, from the QueryDict ``query``."""
    query = query.copy()
    for key in NOT_FILTERS:
        query.pop(key, None)
    return query


def register_url(page, query=None):
    """Registering in the records system what the dialogue's listing shows
    with ``query`` (its filters and search)."""
    url = reverse(url_name("register"), args=[page.pk])
    query = listing_query(query) if query is not None else None
    return f"{url}?{query.urlencode()}" if query else url


def personal_data_url():
    """Where staff answer a person's request to see or erase their data."""
    return reverse(url_name("personal_data"))


def dialogues_report_url():
    return reverse(url_name("dialogues_report"))


def annual_summary_url():
    return reverse(url_name("annual_summary"))


def methods_report_url():
    return reverse(url_name("methods_report"))


def assessment_register_url():
    return reverse(url_name("assessment_register"))
