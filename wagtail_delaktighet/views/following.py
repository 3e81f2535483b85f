"""Following a dialogue: the form on the dialogue page, confirming and
unsubscribing (P6).

The form posts to the dialogue's ``follow/`` route. Valid: the service
(following.py) queues a confirmation email and the browser is redirected back
to the form with a message that does not tell whether the address was already
known (post-redirect-get). Invalid: the dialogue page is rendered again with
an error summary and the address kept, as the consultation forms do.

The links in emails open a small page whose button POSTs: link scanners in
mail systems fetch every GET link, so a GET never changes anything.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters

from ..blocks.form_cache import fixed_form_cache_key
from ..conf import delaktighet_settings
from ..consultations import consultation_page
from ..following import subscriptions as following
from ..forms.follow import FollowForm
from ..models.following import Subscription
from ..models.site_settings import DelaktighetSettings
from ..models.status import DialogueStatus
from ..participation import ratelimit
from ..participation.participants import dialogue_participant_key, participant_token
from ..templatetags.delaktighet_tags import BLOCK_ANCHOR_PREFIX
from .common import base_context

#: The request attribute where the follow view leaves a rejected post.
REJECTED_FOLLOW_ATTRIBUTE = "_wagtail_delaktighet_rejected_follow"
#: The id of the follow section, which the form's redirect returns to.
FOLLOW_ANCHOR = "follow"
#: Messages about following carry this tag; the follow section shows them.
FOLLOW_MESSAGE_TAG = "dlk-follow"

SENT = _("If the address is right, we have sent you an email with a link to confirm.")
RATE_LIMITED = _(
    "You have asked many times in a short time. Please wait a while and try again."
)
NOTHING_LEFT_TO_FOLLOW = _(
    "The feedback on this dialogue has already been published, on this page."
)


@dataclass
class RejectedFollow:
    form: object
    #: A message for the whole post (the rate limit).
    message: str = ""


@dataclass
class FollowState:
    form: object
    action_url: str
    message: str = ""
    #: The anchor of the block showing a receipt for a contribution just
    #: sent; the offer to follow is shown there, next to the receipt.
    receipt_anchor: str = ""
    #: ... and its sender gave an email with consent, so they hear anyway.
    told_anyway: bool = False
    #: Where the rendered fields of the fresh form are cached
    #: (blocks/form_cache.py); None: render them each time.
    form_cache_key: str | None = None

    @property
    def purpose(self):
        """What following gives (the wording stored with the request)."""
        return following.FOLLOW_PURPOSE

    @property
    def use(self):
        """What the address is used for (stored with the request too)."""
        return following.FOLLOW_USE

    @property
    def after_contributing(self):
        return bool(self.receipt_anchor)

    @property
    def has_errors(self):
        return bool(self.message) or bool(self.form.errors)

    @property
    def form_with_receipt(self):
        """Whether the form is offered with the receipt, instead of in the
        section at the end of the page (so it is on the page once)."""
        return self.after_contributing and not self.told_anyway


def receipt_anchor(request):
    """The anchor of the block whose contribution was just accepted (the
    participate view leaves a success message addressed to it), or ""."""
    for message in messages.get_messages(request):
        if message.level != messages.SUCCESS:
            continue
        for tag in message.tags.split():
            if tag.startswith(BLOCK_ANCHOR_PREFIX):
                return tag
    return ""


def told_anyway(request, page):
    """Whether this browser's participant gave an email with consent in this
    dialogue (and has not unsubscribed from it): they hear at publication
    anyway (notifications.py)."""
    # Contributions and followers are the consultation's, in any language.
    page = consultation_page(page)
    session = getattr(request, "session", None)
    token = participant_token(request, create=False) if session is not None else None
    key = dialogue_participant_key(token, page)
    if not key:
        return False
    emails = following.consenting_contributor_emails(page, dialogue_participant_key=key)
    if not emails:
        return False
    stopped = set(
        Subscription.objects.filter(
            page_id=page.pk, email__in=emails, unsubscribed_at__isnull=False
        ).values_list("email", flat=True)
    )
    return bool(emails - stopped)


def follow_context(request, page, page_url):
    # Once the final feedback is out there is nothing left to follow.
    if page.status == DialogueStatus.FEEDBACK_PUBLISHED:
        return {"dlk_follow": None}
    rejected = getattr(request, REJECTED_FOLLOW_ATTRIBUTE, None)
    anchor = "" if rejected else receipt_anchor(request)
    state = FollowState(
        form=rejected.form if rejected else FollowForm(),
        message=rejected.message if rejected else "",
        action_url=page_url + page.reverse_subpage("follow"),
        receipt_anchor=anchor,
        told_anyway=bool(anchor) and told_anyway(request, page),
        form_cache_key=None if rejected else fixed_form_cache_key("follow"),
    )
    site_settings = settings_for(request)
    return {
        "dlk_follow": state,
        "dlk_follow_privacy_page": site_settings and site_settings.privacy_page,
        "dlk_follow_privacy_notice": site_settings and site_settings.privacy_notice,
    }


def settings_for(request):
    try:
        return DelaktighetSettings.for_request(request)
    except DelaktighetSettings.DoesNotExist:
        # No site answers this request (a preview on an unknown host).
        return None


# -- the form -----------------------------------------------------------------


@sensitive_post_parameters()  # the address stays out of error reports
def follow(request, page):
    page_url = page.get_url(request)
    if request.method != "POST":
        if request.method in ("GET", "HEAD"):
            return HttpResponseRedirect(f"{page_url}#{FOLLOW_ANCHOR}")
        return HttpResponseNotAllowed(["POST"])
    form = FollowForm(data=request.POST)
    client = ratelimit.client_key(ratelimit.client_address(request))
    if ratelimit.too_many_attempts(client):
        return rate_limited(request, page, form)
    if not form.is_valid():
        return rerender(request, page, form, "", 200)
    participant = participant_token(request, create=False)
    if not ratelimit.take(client, participant=participant, page=page, scope="follow"):
        return rate_limited(request, page, form)
    try:
        following.follow(page, form.cleaned_data["email"], request=request)
    except following.FeedbackAlreadyPublished:
        messages.info(request, NOTHING_LEFT_TO_FOLLOW)
        return HttpResponseRedirect(page_url)
    # The same words whether or not the address was known: the page must not
    # tell anyone who follows what.
    messages.success(request, SENT, extra_tags=FOLLOW_MESSAGE_TAG)
    return HttpResponseRedirect(f"{page_url}#{FOLLOW_ANCHOR}")


def rate_limited(request, page, form):
    response = rerender(request, page, form, RATE_LIMITED, 429)
    response["Retry-After"] = str(ratelimit.retry_after())
    return response


def rerender(request, page, form, message, status):
    setattr(request, REJECTED_FOLLOW_ATTRIBUTE, RejectedFollow(form, message))
    response = page.render(request)
    response.status_code = status
    return response


# -- the links in emails ------------------------------------------------------


def token_page(request, page, template, **context):
    # A password-protected or private dialogue's page is not in the context
    # (the site's base template may show its description): the unsubscribe
    # page reaches it without the password (one_click_unsubscribe).
    shown = {} if page.get_view_restrictions().exists() else {"page": page}
    response = render(
        request,
        f"wagtail_delaktighet/follow/{template}.html",
        {**base_context(), **shown, "dialogue": page, **context},
    )
    # The address holds a secret token: keep it out of search engines,
    # caches and the Referer header of links to other sites. (Not
    # "no-referrer": browsers then send "Origin: null" with the button's
    # POST, which Django's CSRF check refuses.)
    response["X-Robots-Tag"] = "noindex"
    response["Referrer-Policy"] = "same-origin"
    add_never_cache_headers(response)
    return response


def find_or_404(page, token):
    try:
        return following.find(page, token)
    except Subscription.DoesNotExist:
        raise Http404 from None


def confirm(request, page, token):
    subscription = find_or_404(page, token)
    if request.method == "POST":
        outcome = following.confirm(page, token)
        return confirm_page(request, page, outcome.value)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if subscription.unsubscribed_at is not None:
        state = following.Outcome.UNSUBSCRIBED.value
    elif subscription.confirmed_at is not None:
        state = following.Outcome.ALREADY_CONFIRMED.value
    elif following.link_expired(subscription):
        state = following.Outcome.EXPIRED.value
    else:
        state = "ask"
    return confirm_page(request, page, state)


def confirm_page(request, page, outcome):
    response = token_page(
        request,
        page,
        "confirm",
        outcome=outcome,
        dlk_link_max_age_days=delaktighet_settings.CONFIRMATION_LINK_MAX_AGE_DAYS,
    )
    if outcome == following.Outcome.EXPIRED.value:
        # Gone: the link worked once and never will again.
        response.status_code = 410
    return response


def unsubscribe(request, page, token):
    subscription = find_or_404(page, token)
    if request.method == "POST":
        return unsubscribe_now(request, page, token)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    state = (
        following.Outcome.ALREADY_UNSUBSCRIBED.value
        if subscription.unsubscribed_at is not None
        else "ask"
    )
    return token_page(request, page, "unsubscribe", outcome=state)


def unsubscribe_now(request, page, token):
    outcome = following.unsubscribe(page, token)
    return token_page(request, page, "unsubscribe", outcome=outcome.value)


# Mail programs offer "unsubscribe" from the List-Unsubscribe header and POST
# "List-Unsubscribe=One-Click" to it from their own servers (RFC 8058), with no
# cookie and so no CSRF token. The token in the address is the secret that
# proves the request comes from the email, so a CSRF check adds nothing here,
# and it would refuse every such request.
#
# Wagtail serves every page route through one view (wagtail.views.serve), and
# Django's CSRF middleware checks that view before the page's route runs, so a
# route of the page cannot be exempted. This view is therefore a plain URL of
# the package (wagtail_delaktighet/urls.py), still keyed by dialogue and token.
# It is also the page a person opens from the email (GET: the button; POST:
# unsubscribe): Wagtail asks for a protected dialogue's password before any
# route of the page runs, and stopping emails must never need it.
@csrf_exempt
def one_click_unsubscribe(request, page_id, token):
    from ..models.dialogue_page import DialoguePage

    page = DialoguePage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    return unsubscribe(request, page, token)
