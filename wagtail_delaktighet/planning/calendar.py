"""The dialogue plan as an iCalendar file: each dialogue's participation
window as an all-day event, so a coordinator's calendar shows who asks whom,
and when."""

from datetime import UTC, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Event

from ..ical import line, text
from ..views.calendar import calendar_host, calendar_response


def plan_event(dialogue, *, url, host):
    """One all-day VEVENT from the day the dialogue opens to the day it
    closes (DTEND is the day after, RFC 5545 §3.6.1). ``dialogue`` has been
    through ``planning.describe.describe()``."""
    event = Event()
    event.add("uid", line(f"dialogue-{dialogue.pk}@{host}"))
    stamp = dialogue.last_published_at or dialogue.latest_revision_created_at
    event.add("dtstamp", (stamp or timezone.now()).astimezone(UTC))
    event.add("dtstart", dialogue.opens_on)
    event.add("dtend", dialogue.closes_on + timedelta(days=1))
    summary = dialogue.title
    if dialogue.responsible_body_name:
        summary = f"{summary} – {dialogue.responsible_body_name}"
    event.add("summary", line(summary))
    event.add("description", text(plan_description(dialogue)))
    if url:
        event.add("url", url)
    return event


def plan_description(dialogue):
    lines = [_("Status: %(status)s") % {"status": dialogue.plan_status}]
    if dialogue.level_name:
        lines.append(_("Influence level: %(level)s") % {"level": dialogue.level_name})
    if dialogue.target_group_names:
        lines.append(
            _("Target groups: %(groups)s") % {"groups": dialogue.target_group_names}
        )
    if dialogue.area_names:
        lines.append(_("Areas: %(areas)s") % {"areas": dialogue.area_names})
    if dialogue.council_decision:
        lines.append(dialogue.council_decision)
    if dialogue.overlap_text:
        lines.append(dialogue.overlap_text)
    return "\n".join(lines)


def plan_calendar_response(request, dialogues, *, name, url_of):
    """The plan's dialogues (described) as a downloadable calendar."""
    host = calendar_host(request)
    events = [
        plan_event(dialogue, url=url_of(dialogue), host=host) for dialogue in dialogues
    ]
    return calendar_response(name, events, "dialogue-plan.ics")
