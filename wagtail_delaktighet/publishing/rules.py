"""The rules a dialogue must meet to be published (P5, P6), in one place.

The admin form applies them when an editor publishes; the API and management
commands can call the same functions. Every rule answers with a message in
plain words that says what to do, keyed by the field it belongs to.

Rules about the order of dates hold for drafts too (an impossible window is
wrong in any state); the others only apply when publishing, so that an editor
can save unfinished work.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..blocks.consultation import consultation_blocks_in

#: The fields a published dialogue must have, with what to tell the editor.
REQUIRED_TO_PUBLISH = {
    "purpose": _(
        "Write the purpose: why the municipality holds this dialogue. "
        "A dialogue cannot be published without it."
    ),
    "influence_level": _(
        "Choose an influence level, so participants know how much they can "
        "influence. A dialogue cannot be published without it."
    ),
    "can_influence": _(
        "Describe what participants can influence. A dialogue cannot be "
        "published without it."
    ),
    "input_handling": _(
        "Describe how the participants' input is handled: who reads it and how "
        "it reaches the decision-makers. A dialogue cannot be published without it."
    ),
    "responsible_body": _(
        "Choose the body responsible for the dialogue. A dialogue cannot be "
        "published without it."
    ),
    "opens_at": _(
        "Set when participation opens. A dialogue cannot be published without it."
    ),
    "closes_at": _(
        "Set when participation closes. A dialogue cannot be published without it."
    ),
}

#: Every value the rules read; ``publish_rule_errors`` takes a mapping of these.
RULE_FIELDS = (
    *REQUIRED_TO_PUBLISH,
    "feedback_promised_on",
    "body",
    "involvement_assessment",
)


def publish_rule_errors(values, *, publishing=True, assessment_required=False):
    """Check a dialogue's values; return ``{field name: message}``.

    ``values`` maps the names in ``RULE_FIELDS`` to cleaned values (a missing
    name counts as empty). With ``publishing=False`` (a draft save) only the
    rules about the order of dates apply. ``assessment_required``: the site
    asks for an involvement assessment that decided to involve residents
    (``assessment_required_on()``).
    """
    errors = {}
    if publishing:
        for name, message in REQUIRED_TO_PUBLISH.items():
            if is_blank(values.get(name)):
                errors[name] = str(message)
        if assessment_required:
            message = assessment_rule_error(values.get("involvement_assessment"))
            if message:
                errors["involvement_assessment"] = message

    opens_at = values.get("opens_at")
    closes_at = values.get("closes_at")
    feedback_on = values.get("feedback_promised_on")
    level = values.get("influence_level")

    if opens_at and closes_at and closes_at <= opens_at:
        errors["closes_at"] = str(
            _(
                "The dialogue must close after it opens. Choose a closing time "
                "after %(opens)s."
            )
            % {"opens": _format_datetime(opens_at)}
        )

    if feedback_on and closes_at and feedback_on <= _local_date(closes_at):
        errors["feedback_promised_on"] = str(
            _(
                "The feedback date must be after the dialogue closes on "
                "%(closes)s. Choose a later date."
            )
            % {"closes": date_format(_local_date(closes_at), "DATE_FORMAT")}
        )

    if publishing and level is not None:
        if level.requires_feedback_date and not feedback_on:
            errors["feedback_promised_on"] = str(
                _(
                    "The level “%(level)s” promises participants that they hear "
                    "what came of their input. Set the date by which they will "
                    "(after the dialogue closes), or choose another level."
                )
                % {"level": level.name}
            )
        if not level.accepts_input:
            labels = consultation_block_labels(values.get("body"))
            if labels:
                errors["body"] = ngettext(
                    "The level “%(level)s” does not accept input, so this "
                    "dialogue cannot contain consultation blocks. Remove the "
                    "%(blocks)s block or choose another level.",
                    "The level “%(level)s” does not accept input, so this "
                    "dialogue cannot contain consultation blocks. Remove the "
                    "%(blocks)s blocks or choose another level.",
                    len(labels),
                ) % {
                    "level": level.name,
                    "blocks": ", ".join(f"“{label}”" for label in labels),
                }
    return errors


def publish_rule_errors_for_page(page, *, publishing=True):
    """The same rules, read from a ``DialoguePage`` instance."""
    values = {}
    for name in RULE_FIELDS:
        # Foreign keys: read the id first so that a missing row is not a query.
        if getattr(page, f"{name}_id", True) is None:
            values[name] = None
        else:
            values[name] = getattr(page, name, None)
    return publish_rule_errors(
        values,
        publishing=publishing,
        assessment_required=publishing and assessment_required_on(page.get_site()),
    )


def assessment_required_on(site):
    """Whether ``site`` asks dialogues for an involvement assessment: its
    setting, on unless an administrator turned it off (and on for a page that
    is not under any site yet)."""
    from ..models import DelaktighetSettings

    if site is None:
        return True
    return DelaktighetSettings.for_site(site).require_involvement_assessment


def assessment_rule_error(assessment):
    """What stops a dialogue linked to ``assessment`` (or to none) going
    live, or ``None``."""
    if assessment is None:
        return str(
            _(
                "Link the involvement assessment that decided to involve "
                "residents in this matter. If the matter has none yet, make "
                "one in the register first (Participation → Involvement "
                "assessments)."
            )
        )
    if not assessment.decided_to_involve:
        return str(
            _(
                "The assessment “%(assessment)s” decided not to involve "
                "residents. Link an assessment that decided to involve them."
            )
            % {"assessment": assessment}
        )
    if not assessment.live:
        return str(
            _(
                "Publish the assessment “%(assessment)s” first, so the register "
                "shows why residents are involved."
            )
            % {"assessment": assessment}
        )
    return None


def feedback_rule_errors(dialogue, going_live_with=()):
    """The rule of a feedback page on ``dialogue``: the dialogue is published
    first (or in the same action, ``going_live_with`` holding the ids of the
    pages going live)."""
    if dialogue is None or dialogue.live or dialogue.pk in going_live_with:
        return {}
    return {
        None: str(
            _(
                "Publish the dialogue “%(dialogue)s” first: feedback on a "
                "dialogue that is not published cannot be published."
            )
            % {"dialogue": dialogue.get_admin_display_title()}
        )
    }


def consultation_block_labels(stream_value):
    """The labels of the consultation block types in a body, each once."""
    labels = []
    for _block_id, block, _value in consultation_blocks_in(stream_value):
        label = str(block.label)
        if label not in labels:
            labels.append(label)
    return labels


def is_blank(value):
    """Empty, or rich text with no text in it (an emptied editor keeps markup)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not strip_tags(value).strip()
    return False


def _local_date(moment):
    # Dates are compared with the closing time as the municipality's calendar
    # shows it, not as UTC.
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.date()


def _format_datetime(moment):
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return date_format(moment, "DATETIME_FORMAT")
