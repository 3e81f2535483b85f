"""What each consultation block on a dialogue page needs to render: its form
(fresh, or the one just posted with its errors), its results and where to post.

Queries per block are fixed (results aggregate in the database), so the page
costs the same whatever the number of contributions.
"""

from dataclasses import dataclass

from ..blocks.consultation import ConsultationState, page_accepts_input
from ..models.site_settings import DelaktighetSettings
from ..participation import background

__all__ = ["ConsultationState", "RejectedSubmission", "consultation_context"]

#: The request attribute where the participate view leaves a rejected post.
REJECTED_SUBMISSION_ATTRIBUTE = "_wagtail_delaktighet_rejected_submission"


@dataclass
class RejectedSubmission:
    block_id: str
    form: object
    #: A message for the whole submission (dialogue closed, rate limit…).
    message: str = ""


def consultation_context(request, page, page_url):
    rejected = getattr(request, REJECTED_SUBMISSION_ATTRIBUTE, None)
    accepting = page_accepts_input(page)
    states = {}
    questions = None
    for block_id, block, value in page.consultation_blocks():
        kept = rejected is not None and rejected.block_id == block_id
        states[block_id] = block.state(
            value,
            block_id=block_id,
            page=page,
            page_url=page_url,
            request=request,
            accepting=accepting,
            form=rejected.form if kept else None,
            message=rejected.message if kept else "",
        )
        if questions is None:
            questions = background.questions_for(page, request=request)
        form = states[block_id].form
        if not getattr(form, "background_questions", None):
            background.add_questions(form, questions)
    if not states:
        return {"dlk_consultation": states}
    site_settings = DelaktighetSettings.for_request(request)
    return {
        "dlk_consultation": states,
        "dlk_public_records_notice": site_settings.effective_public_records_notice,
        "dlk_privacy_page": site_settings.privacy_page,
        "dlk_privacy_notice": site_settings.privacy_notice,
    }
