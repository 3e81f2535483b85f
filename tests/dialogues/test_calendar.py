"""iCalendar files: one activity, one dialogue, and an index's feed. Every file
is fetched through the test client and parsed with the icalendar package."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client
from django.utils import timezone
from icalendar import Calendar
from wagtail.models import PageViewRestriction

from tests.dialogues.dialogue_parts import add_parts
from wagtail_delaktighet.models import DialogueActivity, DialogueIndexPage, Method


@pytest.fixture
def client():
    return Client(headers={"Accept-Language": "en"})


def fetch_calendar(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    content = response.content
    # RFC 5545: every line ends with CRLF, never a bare LF.
    assert content.endswith(b"\r\n")
    assert b"\n" not in content.replace(b"\r\n", b"")
    return response, Calendar.from_ical(content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def activity_url(page, activity):
    return page.url + page.reverse_subpage("activity_ical", args=(activity.pk,))


def publish_activities(page, activities):
    page.activities = activities
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def meeting(title, starts_in, hours=2, **fields):
    starts_at = timezone.now() + starts_in
    return DialogueActivity(
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=hours) if hours else None,
        place=fields.pop("place", "Medborgarhuset"),
        **fields,
    )


@pytest.mark.django_db
def test_activity_file_has_every_property(client, make_dialogue):
    method = Method.objects.create(name="Dialogpromenad")
    page = publish_activities(
        make_dialogue(title="Stadsparken"),
        [
            meeting(
                "Promenad i parken",
                timedelta(days=5),
                method=method,
                address="Parkvägen 2, Älvby",
                description="Vi går runt i parken, med fika efteråt.",
                hearing_loop=True,
                interpreter="Svenskt teckenspråk",
                step_free_access=True,
                easy_read=True,
                accessibility_notes="Ledsagare finns på plats.",
                registration_url="https://example.org/anmalan",
            )
        ],
    )
    activity = page.activities.get()

    response, calendar = fetch_calendar(client, activity_url(page, activity))

    assert response["Content-Disposition"] == (
        f'attachment; filename="{page.slug}-activity-{activity.pk}.ics"'
    )
    assert str(calendar["VERSION"]) == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"activity-{activity.pk}@localhost"
    assert event["DTSTAMP"].dt == page.last_published_at.replace(microsecond=0)
    assert event["DTSTART"].dt == activity.starts_at.replace(microsecond=0)
    assert event["DTEND"].dt == activity.ends_at.replace(microsecond=0)
    assert event["DTSTART"].dt.utcoffset() == timedelta(0)
    assert b"DTSTART:" in response.content  # UTC form, no TZID parameter
    assert event["DTSTART"].to_ical().endswith(b"Z")
    assert str(event["SUMMARY"]) == "Promenad i parken – Stadsparken"
    assert str(event["LOCATION"]) == "Medborgarhuset, Parkvägen 2, Älvby"
    assert str(event["URL"]) == (f"http://localhost{page.url}#activity-{activity.pk}")
    description = str(event["DESCRIPTION"])
    for expected in [
        "Part of the dialogue “Stadsparken”.",
        "Method: Dialogpromenad",
        "Vi går runt i parken, med fika efteråt.",
        "- Hearing loop",
        "- Interpreter: Svenskt teckenspråk",
        "- Step-free access",
        "- Easy-read material",
        "- Ledsagare finns på plats.",
        "Registration: https://example.org/anmalan",
    ]:
        assert expected in description, expected


@pytest.mark.django_db
def test_activity_without_end_or_accessibility_information(client, make_dialogue):
    page = publish_activities(
        make_dialogue(), [meeting("Öppet hus", timedelta(days=2), hours=None)]
    )
    activity = page.activities.get()
    _, calendar = fetch_calendar(client, activity_url(page, activity))
    (event,) = calendar.walk("VEVENT")
    assert "DTEND" not in event
    assert "Accessibility: no information given." in str(event["DESCRIPTION"])


@pytest.mark.django_db
def test_uid_is_stable_between_downloads(client, make_dialogue):
    page = add_parts(make_dialogue(), 1)
    url = page.url + page.reverse_subpage("ical")
    _, first = fetch_calendar(client, url)
    _, second = fetch_calendar(client, url)
    assert events_by_uid(first).keys() == events_by_uid(second).keys()


@pytest.mark.django_db
def test_dialogue_file_holds_all_of_its_activities_and_no_others(client, make_dialogue):
    page = add_parts(make_dialogue(title="Stadsparken"), 3)
    other = add_parts(make_dialogue(), 2)

    response, calendar = fetch_calendar(client, page.url + page.reverse_subpage("ical"))

    assert response["Content-Disposition"] == (
        f'attachment; filename="{page.slug}.ics"'
    )
    assert str(calendar["X-WR-CALNAME"]) == "Stadsparken"
    expected = {f"activity-{a.pk}@localhost" for a in page.activities.all()}
    assert set(events_by_uid(calendar)) == expected
    starts = [event["DTSTART"].dt for event in calendar.walk("VEVENT")]
    assert starts == sorted(starts)
    other_uids = {f"activity-{a.pk}@localhost" for a in other.activities.all()}
    assert not other_uids & set(events_by_uid(calendar))


@pytest.mark.django_db
def test_activity_of_another_dialogue_is_not_found(client, make_dialogue):
    page = add_parts(make_dialogue(), 1)
    other = add_parts(make_dialogue(), 1)
    foreign = other.activities.get()

    assert client.get(activity_url(page, foreign)).status_code == 404
    assert client.get(activity_url(other, foreign)).status_code == 200
    missing = page.url + page.reverse_subpage("activity_ical", args=(999999,))
    assert client.get(missing).status_code == 404


@pytest.mark.django_db
def test_index_feed_holds_upcoming_activities_of_live_public_dialogues(
    client, make_dialogue, dialogue_index, home_page
):
    park = publish_activities(
        make_dialogue(title="Stadsparken"),
        [
            meeting("Parkträff", timedelta(days=3)),
            meeting("Gammal parkträff", timedelta(days=-10)),
            # Started an hour ago and still going on.
            meeting("Pågående träff", timedelta(hours=-1), hours=3),
        ],
    )
    school = publish_activities(
        make_dialogue(title="Skolvägen"), [meeting("Skolträff", timedelta(days=8))]
    )
    withdrawn = publish_activities(
        make_dialogue(title="Indragen"), [meeting("Indragen träff", timedelta(days=4))]
    )
    withdrawn.unpublish()
    restricted = publish_activities(
        make_dialogue(title="Intern"), [meeting("Intern träff", timedelta(days=4))]
    )
    PageViewRestriction.objects.create(
        page=restricted, restriction_type="password", password="hemligt"
    )
    elsewhere_index = DialogueIndexPage(title="Andra dialoger", slug="andra")
    home_page.add_child(instance=elsewhere_index)
    publish_activities(
        make_dialogue(parent=elsewhere_index, title="Annan"),
        [meeting("Annan träff", timedelta(days=2))],
    )

    url = dialogue_index.url + dialogue_index.reverse_subpage("activities_ical")
    response, calendar = fetch_calendar(client, url)

    assert response["Content-Disposition"] == (
        f'attachment; filename="{dialogue_index.slug}-activities.ics"'
    )
    assert str(calendar["X-WR-CALNAME"]) == f"Activities: {dialogue_index.title}"
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert summaries == [
        "Pågående träff – Stadsparken",
        "Parkträff – Stadsparken",
        "Skolträff – Skolvägen",
    ]
    urls = {str(event["URL"]).split("#")[0] for event in calendar.walk("VEVENT")}
    assert urls == {f"http://localhost{park.url}", f"http://localhost{school.url}"}


@pytest.mark.django_db
def test_index_feed_query_count_does_not_grow_with_activities(
    client, make_dialogue, dialogue_index, django_assert_max_num_queries
):
    for _ in range(5):
        add_parts(make_dialogue(), 4)
    url = dialogue_index.url + dialogue_index.reverse_subpage("activities_ical")
    client.get(url)  # warm the site caches
    with django_assert_max_num_queries(12):
        _, calendar = fetch_calendar(client, url)
    assert len(calendar.walk("VEVENT")) == 20


def test_times_are_converted_to_utc():
    from wagtail_delaktighet.ical import activity_event

    stockholm_evening = datetime(
        2026, 6, 1, 18, 30, tzinfo=timezone.get_fixed_timezone(120)
    )
    activity = DialogueActivity(
        pk=7, title="Kvällsmöte", starts_at=stockholm_evening, place="Rådhuset"
    )
    event = activity_event(
        activity, dialogue_title="Torget", url="https://example.org/", host="h"
    )
    assert event["DTSTART"].dt == datetime(2026, 6, 1, 16, 30, tzinfo=UTC)
    assert event["DTSTART"].to_ical() == b"20260601T163000Z"


# -- text typed by editors --------------------------------------------------------


@pytest.mark.django_db
def test_line_breaks_and_control_characters_in_titles_make_a_valid_file(
    client, make_dialogue, dialogue_index
):
    """A title with a line break used to break the whole file (500)."""
    page = publish_activities(
        make_dialogue(title="Parken\r\noch\tbadet\x1b"),
        [
            meeting(
                "Promenad\ni parken\x07",
                timedelta(days=5),
                place="Parkvägen\n2",
                address="Älvby\r",
                description="Vi går runt.\nSedan fika.\x0b",
                accessibility_notes="Ledsagare\nfinns.",
            )
        ],
    )
    activity = page.activities.get()
    urls = {
        "activity": activity_url(page, activity),
        "dialogue": page.url + page.reverse_subpage("ical"),
        "index": dialogue_index.url + dialogue_index.reverse_subpage("activities_ical"),
    }

    for name, url in urls.items():
        response, calendar = fetch_calendar(client, url)
        assert b"\x1b" not in response.content
        assert b"\x07" not in response.content
        assert b"\x0b" not in response.content
        (event,) = calendar.walk("VEVENT")
        # One-line properties: line breaks become spaces.
        assert str(event["SUMMARY"]) == "Promenad i parken – Parken och badet", name
        assert str(event["LOCATION"]) == "Parkvägen 2, Älvby", name
        # The description keeps its line breaks, escaped.
        description = str(event["DESCRIPTION"])
        assert "Part of the dialogue “Parken och badet”." in description
        assert "Vi går runt.\nSedan fika." in description
        assert "Ledsagare\nfinns." in description

    _, calendar = fetch_calendar(client, urls["activity"])
    assert str(calendar["X-WR-CALNAME"]) == "Promenad i parken"
    _, calendar = fetch_calendar(client, urls["dialogue"])
    assert str(calendar["X-WR-CALNAME"]) == "Parken och badet"


@pytest.mark.django_db
def test_a_huge_activity_id_is_not_found(client, make_dialogue):
    page = add_parts(make_dialogue(), 1)

    for activity_id in ("9" * 18, "9" * 25):
        url = page.url + f"activities/{activity_id}/calendar/"
        assert client.get(url).status_code == 404
