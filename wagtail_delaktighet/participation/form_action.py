"""Where a consultation block's form posts: the package's participation URL
(views/participation_endpoint.py), or the page's own ``participate`` route
where the project does not include the package's URLs."""

from urllib.parse import urljoin

from django.urls import NoReverseMatch, reverse

#: The URL name of the participation endpoint (wagtail_delaktighet/urls.py).
URL_NAME = "wagtail_delaktighet:participate"


def participation_url(page, block_id, page_url):
    """Where the form of ``block_id`` on ``page`` (whose URL is ``page_url``)
    posts: the package's endpoint, on the page's own host when its URL names
    one."""
    try:
        path = reverse(URL_NAME, args=(page.pk, block_id))
    except NoReverseMatch:
        return page_url + page.reverse_subpage("participate", args=(block_id,))
    return urljoin(page_url, path)
