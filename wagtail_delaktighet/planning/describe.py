"""Words for one dialogue of the plan: its status, tags, council decision and
overlaps, as the staff report, its export and the calendar show them."""

from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import DialoguePage, DialogueStatus


def describe(dialogue, overlaps):
    """Set the plan's text attributes on ``dialogue``."""
    dialogue.plan_status = (
        DialogueStatus(dialogue.status).label if dialogue.live else _("Draft")
    )
    dialogue.opens_on = timezone.localdate(dialogue.opens_at)
    dialogue.closes_on = timezone.localdate(dialogue.closes_at)
    body = dialogue.responsible_body
    dialogue.responsible_body_name = body.name if body else ""
    level = dialogue.influence_level
    dialogue.level_name = level.name if level else ""
    dialogue.target_group_names = ", ".join(
        group.name for group in dialogue.target_groups.all()
    )
    dialogue.area_names = ", ".join(area.name for area in dialogue.areas.all())
    dialogue.council_decision = council_decision(dialogue)
    dialogue.overlap_text = overlap_text(overlaps)
    return dialogue


def council_decision(dialogue):
    """For a municipality-wide dialogue: who decided it, and the reference
    of the decision (from its involvement assessment)."""
    if dialogue.scope != DialoguePage.Scope.MUNICIPALITY_WIDE:
        return ""
    decided_by = dialogue.scope_decided_by
    assessment = dialogue.involvement_assessment
    reference = ""
    if assessment is not None:
        reference = ", ".join(
            part for part in (assessment.decided_by, assessment.case_number) if part
        )
    if decided_by is None:
        return _("Municipality-wide, no deciding body given")
    if reference:
        return _("Decided by %(body)s (%(reference)s)") % {
            "body": decided_by.name,
            "reference": reference,
        }
    return _("Decided by %(body)s") % {"body": decided_by.name}


def overlap_text(overlaps):
    """ "Overlaps “X” (Unga, Centrum); …", or ``""``."""
    return "; ".join(
        _("Overlaps “%(title)s” (%(shared)s)")
        % {
            "title": overlap.other.title,
            "shared": ", ".join(item.name for item in overlap.shared),
        }
        for overlap in overlaps
    )
