"""iCalendar downloads: one activity, one dialogue's activities, and the
upcoming activities of every dialogue under an index."""

from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from ..ical import CONTENT_TYPE, activity_event, build_calendar
from ..models import DialogueActivity
from .index import listed_dialogues


def calendar_host(request):
    """The host part of event UIDs: the Wagtail site's hostname, so UIDs do not
    change with the address or port a file happens to be fetched from."""
    site = Site.find_for_request(request)
    if site is not None and site.hostname:
        return site.hostname
    return request.get_host().split(":")[0]


def activity_url(request, dialogue, activity):
    return f"{dialogue.get_full_url(request)}#activity-{activity.pk}"


def calendar_response(name, events, filename):
    response = HttpResponse(build_calendar(name, events), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def events_for(request, activities, dialogue_of):
    """VEVENTs for ``activities``; ``dialogue_of(activity)`` gives its page."""
    host = calendar_host(request)
    events = []
    for activity in activities:
        dialogue = dialogue_of(activity)
        events.append(
            activity_event(
                activity,
                dialogue_title=dialogue.title,
                url=activity_url(request, dialogue, activity),
                host=host,
                # When the information was last revised: last published.
                stamp=dialogue.last_published_at,
            )
        )
    return events


def activity_calendar(request, page, activity_id):
    activity = page.activities.filter(pk=activity_id).select_related("method").first()
    if activity is None:
        raise Http404("No such activity in this dialogue.")
    return calendar_response(
        activity.title,
        events_for(request, [activity], lambda activity: page),
        f"{page.slug}-activity-{activity.pk}.ics",
    )


def dialogue_calendar(request, page):
    activities = page.activities.select_related("method").order_by("starts_at", "pk")
    return calendar_response(
        page.title,
        events_for(request, activities, lambda activity: page),
        f"{page.slug}.ics",
    )


def index_calendar(request, index_page):
    """Upcoming and ongoing activities of the dialogues the index lists (live
    and public), in one query whatever their number."""
    activities = (
        DialogueActivity.objects.filter(page__in=listed_dialogues(index_page))
        .annotate(finishes_at=Coalesce("ends_at", "starts_at"))
        .filter(finishes_at__gte=timezone.now())
        .select_related("page", "method")
        .order_by("starts_at", "pk")
    )
    name = _("Activities: %(title)s") % {"title": index_page.title}
    return calendar_response(
        name,
        events_for(request, activities, lambda activity: activity.page),
        f"{index_page.slug}-activities.ics",
    )
