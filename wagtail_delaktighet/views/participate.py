"""The HTML path for taking part: POST a block's form, get redirected back.

Valid: the participation service stores it, and the browser is redirected to
the block's success message with the receipt (post-redirect-get); the
redirect's fragment names the message, so the browser focuses it.
Invalid: the page is rendered again with the citizen's input kept and an error
summary at the top of the block, focused the same way (the form posts to its
id). Works without JavaScript; static/wagtail_delaktighet/js/focus.js only
makes sure of the focus where a browser does not move it to the fragment.
"""

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.views.decorators.debug import sensitive_post_parameters

from ..blocks.consultation import block_anchor, receipt_anchor
from ..participation import service
from ..participation.forms import posted_submission_key
from ..participation.participants import participant_token
from ..participation.ratelimit import client_address, client_key, retry_after
from .consultation import REJECTED_SUBMISSION_ATTRIBUTE, RejectedSubmission


# Error reports never show what a citizen posted: names, emails and free text
# (the field names carry the block's prefix, so all of them are hidden).
@sensitive_post_parameters()
def participate(request, page, block_id):
    if request.method != "POST":
        if request.method in ("GET", "HEAD"):
            return HttpResponseRedirect(page.get_url(request))
        return HttpResponseNotAllowed(["POST"])
    try:
        submission = service.submit(
            page,
            block_id,
            request.POST,
            client=client_key(client_address(request)),
            # A first post has no token yet: the form's own key gives one,
            # so a first-visit double click is one participant.
            participant=participant_token(
                request, form_key=posted_submission_key(request.POST, block_id)
            ),
            # Binding answers, where the block asks for a logged-in resident.
            account=getattr(request, "user", None),
        )
    except service.BlockNotFound as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(page.get_url(request))
    except service.ParticipationError as error:
        form = service.build_form(page, block_id, data=request.POST)
        response = rerender(
            request, page, block_id, form, error.message, error.http_status
        )
        if isinstance(error, service.RateLimited):
            response["Retry-After"] = str(retry_after())
        return response

    if not submission.accepted:
        return rerender(request, page, block_id, submission.form, "", 200)

    block, value = service.find_consultation_block(page, block_id)
    messages.success(
        request,
        block.success_message(value, submission.contribution),
        extra_tags=block_anchor(block_id),
    )
    # To the receipt itself, which the browser then focuses: a screen reader
    # reads it, and the next Tab goes on from there.
    return HttpResponseRedirect(f"{page.get_url(request)}#{receipt_anchor(block_id)}")


def rerender(request, page, block_id, form, message, status):
    setattr(
        request,
        REJECTED_SUBMISSION_ATTRIBUTE,
        RejectedSubmission(block_id=block_id, form=form, message=message),
    )
    response = page.render(request)
    response.status_code = status
    return response
