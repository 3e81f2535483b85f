"""The draft a quick start makes: the editor's few answers, and starter
content chosen by the influence level so the draft meets the publish rules
(publishing/rules.py) as it stands. The editor reviews and rewrites the
starter texts before publishing; the guide says so.

- A level that requires a feedback date gets one, ``FEEDBACK_AFTER_CLOSING``
  after the closing day.
- A level that takes input gets a survey with the question as its one text
  question; a level that takes none gets no consultation block.
- Purpose, what participants can influence and how their input is handled
  (required to publish) get one plain sentence each, built from the answers.

The texts are written in the language of the index's locale: they are the
public page's content, whatever language the editor's admin speaks.
"""

import json
import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext
from wagtail import hooks
from wagtail.coreutils import find_available_slug
from wagtail.models import PageSubscription

from ..blocks.survey import QuestionKind
from ..models import DialoguePage

#: How long after the closing day participants are promised feedback.
FEEDBACK_AFTER_CLOSING = timedelta(weeks=6)
#: The body's block type the starter survey uses.
SURVEY_BLOCK = "survey"


def starter_dialogue(
    *,
    index,
    title,
    question,
    responsible_body,
    influence_level,
    opens_at,
    closes_at,
    involvement_assessment=None,
    owner=None,
):
    """An unsaved ``DialoguePage`` for ``index``, filled in from the answers."""
    feedback_on = starter_feedback_date(influence_level, closes_at)
    with translation.override(index.locale.language_code):
        texts = starter_texts(question, responsible_body, influence_level, feedback_on)
        body = starter_body(influence_level, question)
    return DialoguePage(
        title=title,
        slug=find_available_slug(index, slug_for(title)),
        owner=owner,
        question=question,
        responsible_body=responsible_body,
        involvement_assessment=involvement_assessment,
        influence_level=influence_level,
        opens_at=opens_at,
        closes_at=closes_at,
        feedback_promised_on=feedback_on,
        body=body,
        **texts,
    )


def slug_for(title):
    allow_unicode = getattr(settings, "WAGTAIL_ALLOW_UNICODE_SLUGS", True)
    return slugify(title, allow_unicode=allow_unicode)[:200] or "dialog"


def starter_feedback_date(level, closes_at):
    """A date after the closing day for a level that requires one, else None."""
    if not level.requires_feedback_date:
        return None
    return timezone.localtime(closes_at).date() + FEEDBACK_AFTER_CLOSING


def starter_texts(question, body, level, feedback_on):
    """Purpose, what participants can influence and how input is handled."""
    if not level.accepts_input:
        return {
            "purpose": gettext(
                "%(body)s tells residents what is planned and why: %(question)s"
            )
            % {"body": body.name, "question": question},
            "can_influence": format_html(
                "<p>{}</p>",
                gettext(
                    "This dialogue informs about what is planned and decided; "
                    "it does not collect views."
                ),
            ),
            "input_handling": format_html(
                "<p>{}</p>",
                gettext(
                    "This dialogue does not collect input. Questions can be "
                    "sent to %(body)s."
                )
                % {"body": body.name},
            ),
        }
    handling = [
        gettext(
            "%(body)s reads every contribution, compiles them and presents them "
            "to the decision-makers before the decision is taken."
        )
        % {"body": body.name}
    ]
    if feedback_on:
        handling.append(
            gettext("By %(date)s you hear what came of your input.")
            % {"date": date_format(feedback_on, "DATE_FORMAT")}
        )
    return {
        "purpose": gettext(
            "%(body)s wants to hear what residents think before the decision "
            "is prepared: %(question)s"
        )
        % {"body": body.name, "question": question},
        "can_influence": format_html(
            "<p>{}</p>",
            gettext("Your answers to the question “%(question)s”.")
            % {"question": question},
        ),
        "input_handling": format_html("<p>{}</p>", " ".join(handling)),
    }


def starter_body(level, question):
    """A survey with the question as one long-text question, for a level
    that takes input (and a body that offers the survey block); else empty."""
    block_types = DialoguePage._meta.get_field("body").stream_block.child_blocks
    if not level.accepts_input or SURVEY_BLOCK not in block_types:
        return json.dumps([])
    survey = {
        "heading": gettext("Tell us what you think"),
        "introduction": "",
        "questions": [
            {
                "type": "item",
                "id": str(uuid.uuid4()),
                "value": {
                    "question": question,
                    "kind": QuestionKind.LONG_TEXT,
                    "options": [],
                    "required": True,
                    "help_text": "",
                },
            }
        ],
    }
    return json.dumps(
        [{"type": SURVEY_BLOCK, "id": str(uuid.uuid4()), "value": survey}]
    )


@transaction.atomic
def create_draft(page, *, index, request):
    """Save ``page`` under ``index`` as a draft, as Wagtail's "Add child
    page" does: the page (logged as created), its first revision (logged as
    an edit, so the history shows who wrote it), the creator's subscription
    to comments, then the ``after_create_page`` hooks. Returns a hook's
    response, if one gives one."""
    page.live = False
    index.add_child(instance=page)
    page.save_revision(user=request.user, log_action=True, clean=False)
    PageSubscription.objects.update_or_create(
        page=page, user=request.user, defaults={"comment_notifications": True}
    )
    for hook in hooks.get_hooks("after_create_page"):
        response = hook(request, page)
        if hasattr(response, "status_code"):
            return response
    return None
