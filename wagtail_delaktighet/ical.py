"""iCalendar (RFC 5545) text for a dialogue's activities.

Built with the ``icalendar`` package, which writes CRLF line endings, folds
long lines and escapes text values as RFC 5545 demands. Every text property
goes through ``text`` or ``line`` first: titles and places are typed by
editors and may hold line breaks or control characters.
"""

import unicodedata
from datetime import UTC

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, vText

PRODID = "-//wagtail-delaktighet//Dialogue activities//EN"
CONTENT_TYPE = "text/calendar; charset=utf-8"


def printable(value):
    """``value`` without the control characters a TEXT value may not hold
    (RFC 5545 §3.3.11); tabs and line breaks stay."""
    value = str(value).replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char for char in value if char in "\t\n" or unicodedata.category(char) != "Cc"
    )


def text(value):
    """A TEXT value of several lines: its line breaks are escaped as ``\\n``.
    (Explicitly ``vText``: the package leaves unknown X- properties raw, and
    a raw line break there breaks the whole file.)"""
    return vText(printable(value))


def line(value):
    """A TEXT value of one line, such as a title: line breaks become spaces."""
    return vText(" ".join(printable(value).split()))


def activity_uid(activity, host):
    """A UID that stays the same every time the file is downloaded, so a
    calendar updates the event instead of adding a copy."""
    return line(f"activity-{activity.pk}@{host}")


def accessibility_lines(activity):
    """What is available at the activity, one short line each."""
    lines = []
    if activity.hearing_loop:
        lines.append(str(_("Hearing loop")))
    if activity.interpreter:
        lines.append(
            str(_("Interpreter: %(languages)s") % {"languages": activity.interpreter})
        )
    if activity.step_free_access:
        lines.append(str(_("Step-free access")))
    if activity.easy_read:
        lines.append(str(_("Easy-read material")))
    if activity.accessibility_notes:
        lines.append(activity.accessibility_notes)
    return lines


def activity_location(activity):
    return ", ".join(part for part in (activity.place, activity.address) if part)


def activity_description(activity, dialogue_title):
    """Plain text for DESCRIPTION: what, how, accessibility and registration."""
    paragraphs = [
        str(
            _("Part of the dialogue “%(title)s”.")
            % {"title": " ".join(dialogue_title.split())}
        )
    ]
    if activity.method_id:
        paragraphs.append(
            str(_("Method: %(method)s") % {"method": activity.method.name})
        )
    if activity.description:
        paragraphs.append(activity.description)
    accessibility = accessibility_lines(activity)
    if accessibility:
        paragraphs.append(
            "\n".join(
                [str(_("Accessibility:"))] + [f"- {line}" for line in accessibility]
            )
        )
    else:
        paragraphs.append(str(_("Accessibility: no information given.")))
    if activity.registration_url:
        paragraphs.append(
            str(_("Registration: %(url)s") % {"url": activity.registration_url})
        )
    return "\n\n".join(paragraphs)


def activity_event(activity, *, dialogue_title, url, host, stamp=None):
    """One VEVENT for an activity; times are written in UTC."""
    event = Event()
    event.add("uid", activity_uid(activity, host))
    event.add("dtstamp", (stamp or timezone.now()).astimezone(UTC))
    event.add("dtstart", activity.starts_at.astimezone(UTC))
    # Without a known end the event is a point in time (RFC 5545 §3.6.1).
    if activity.ends_at:
        event.add("dtend", activity.ends_at.astimezone(UTC))
    event.add("summary", line(f"{activity.title} – {dialogue_title}"))
    event.add("location", line(activity_location(activity)))
    event.add("description", text(activity_description(activity, dialogue_title)))
    event.add("url", url)
    return event


def build_calendar(name, events):
    """A VCALENDAR holding ``events``, as bytes ready to send."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    # The name calendar programs show for a subscribed or imported file.
    calendar.add("x-wr-calname", line(name))
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
