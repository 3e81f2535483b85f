"""What each consultation block on a dialogue page needs to render: its form
(fresh, or the one just posted with its errors), its results and where to post.

Queries per block are fixed (results aggregate in the database), so the page
costs the same whatever the number of contributions.
"""

from dataclasses import dataclass

from ..blocks.consultation import is_consultation_block
from ..models.site_settings import DelaktighetSettings
from ..models.status import DialogueStatus
from ..participation.service import level_accepts_input

#: The request attribute where the participate view leaves a rejected post.
REJECTED_SUBMISSION_ATTRIBUTE = "_wagtail_delaktighet_rejected_submission"


@dataclass
class RejectedSubmission:
    block_id: str
    form: object
    #: A message for the whole submission (dialogue closed, rate limit…).
    message: str = ""


@dataclass
class ConsultationState:
    form: object
    action_url: str
    accepting: bool
    results: object = None
    message: str = ""

    @property
    def has_errors(self):
        return bool(self.message) or bool(self.form.errors)


def consultation_context(request, page, page_url):
    rejected = getattr(request, REJECTED_SUBMISSION_ATTRIBUTE, None)
    accepting = page.status == DialogueStatus.OPEN and level_accepts_input(page)
    states = {}
    for child in page.body:
        if not is_consultation_block(child.block):
            continue
        if rejected is not None and rejected.block_id == child.id:
            form, message = rejected.form, rejected.message
        else:
            form = child.block.build_form(child.value, block_id=child.id)
            message = ""
        states[child.id] = ConsultationState(
            form=form,
            message=message,
            accepting=accepting,
            action_url=page_url + page.reverse_subpage("participate", args=(child.id,)),
            results=child.block.results(
                child.value, page=page, block_id=child.id, request=request
            ),
        )
    if not states:
        return {"dlk_consultation": states}
    site_settings = DelaktighetSettings.for_request(request)
    return {
        "dlk_consultation": states,
        "dlk_public_records_notice": site_settings.effective_public_records_notice,
        "dlk_privacy_page": site_settings.privacy_page,
    }
