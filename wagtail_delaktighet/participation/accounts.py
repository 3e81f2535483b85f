"""Binding answers: blocks that only logged-in residents can answer, once
per account.

The site's own authentication says who is logged in (Django's, or an OpenID
Connect login for e-legitimation: docs/configuration.md). A binding answer
stores the account (``Contribution.account``), on which the database allows
one answer per block.
"""

from urllib.parse import quote

from django.conf import settings
from django.shortcuts import resolve_url

from ..consultations import consultation_page

#: Where a page view keeps what it found (asked by the page's results and by
#: the block's state).
ANSWERED_ATTRIBUTE = "_wagtail_delaktighet_answered_by_account"


def is_logged_in(user):
    return user is not None and user.is_authenticated


def login_url(next_url):
    """The site's login page (``settings.LOGIN_URL``), coming back to
    ``next_url`` after logging in."""
    return f"{resolve_url(settings.LOGIN_URL)}?next={quote(next_url, safe='/')}"


def account_has_answered(request, page, block_id):
    """Whether the request's logged-in user has answered the block."""
    from ..models.contributions import Contribution

    # Answered in any language version of the dialogue.
    page = consultation_page(page)

    user = getattr(request, "user", None) if request else None
    if not is_logged_in(user):
        return False
    # Kept for a page view only: a post may answer in between.
    viewing = request.method in ("GET", "HEAD")
    known = getattr(request, ANSWERED_ATTRIBUTE, None) if viewing else None
    if known is None:
        known = {}
        if viewing:
            setattr(request, ANSWERED_ATTRIBUTE, known)
    key = (page.pk, block_id, user.pk)
    if key not in known:
        known[key] = Contribution.objects.filter(
            page=page, block_id=block_id, account=user
        ).exists()
    return known[key]
