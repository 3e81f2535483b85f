"""Rate limits through real HTTP: fair to a school class behind one address,
firm against a flood, and not fooled by a forged X-Forwarded-For."""

import pytest
from django.core.checks import run_checks

from wagtail_delaktighet.models import Contribution

from .support import error_summary, override_delaktighet, text_of, valid_fields

pytestmark = pytest.mark.django_db

#: The reverse proxy in front of the site, as the app server sees it.
PROXY = "10.0.0.1"
#: A school's one public address, behind which a whole class takes part.
SCHOOL = "203.0.113.7"
BEHIND_NGINX = {
    "CLIENT_ADDRESS_HEADER": "HTTP_X_FORWARDED_FOR",
    "TRUSTED_PROXY_COUNT": 1,
}


@pytest.fixture(autouse=True)
def _counts_in_one_window(rate_limit_window):
    pass


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue()


def views(client, dialogue, text="Fler bänkar vid dammen."):
    return dialogue.block("views").post(client, {"text": text})


def test_a_forged_forwarded_for_cannot_get_past_the_address_limit(new_client, dialogue):
    accepted = []
    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=3, **BEHIND_NGINX):
        for n in range(12):
            # A new browser each time, and a new address of its own choosing
            # at the left; nginx appends the address it really saw.
            bot = new_client(
                REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}, {SCHOOL}"
            )
            accepted.append(views(bot, dialogue, f"Nummer {n}").status_code)

    assert accepted == [302] * 3 + [429] * 9
    assert Contribution.objects.count() == 3


def test_thirty_pupils_behind_one_address_can_all_take_part(new_client, dialogue):
    poll = dialogue.block("poll")
    for pupil in range(30):
        browser = new_client(REMOTE_ADDR=SCHOOL)
        assert poll.post(browser, valid_fields(poll)).status_code == 302
        assert views(browser, dialogue, f"Elev {pupil}").status_code == 302

    assert poll.contributions().count() == 30
    assert dialogue.block("views").contributions().count() == 30


@override_delaktighet(RATE_LIMIT_PER_PARTICIPANT=3)
def test_one_participant_is_limited_per_dialogue(
    new_client, consultation_dialogue, dialogue
):
    keen = new_client(REMOTE_ADDR=SCHOOL)
    for n in range(3):
        assert views(keen, dialogue, f"Synpunkt {n}").status_code == 302

    refused = views(keen, dialogue, "En fjärde")

    assert refused.status_code == 429
    assert "many contributions in a short time" in text_of(
        error_summary(refused, dialogue.block("views"))
    )
    assert 0 < int(refused["Retry-After"]) <= 3600
    # Another dialogue, and another pupil at the same address, are not held up.
    other_dialogue = consultation_dialogue()
    assert views(keen, other_dialogue).status_code == 302
    assert views(new_client(REMOTE_ADDR=SCHOOL), dialogue).status_code == 302
    assert Contribution.objects.count() == 5


@override_delaktighet(RATE_LIMIT_PER_PARTICIPANT=2, RATE_LIMIT_PER_ADDRESS=2)
def test_posts_with_form_errors_use_up_nothing(new_client, dialogue):
    block = dialogue.block("views")
    unsure = new_client(REMOTE_ADDR=SCHOOL)
    for _n in range(12):
        response = block.post(unsure, {"text": ""})
        assert response.status_code == 200
        assert "This field is required" in text_of(error_summary(response, block))

    assert views(unsure, dialogue, "Till slut").status_code == 302
    assert views(unsure, dialogue, "En till").status_code == 302
    assert views(unsure, dialogue, "En tredje").status_code == 429
    assert Contribution.objects.count() == 2


@override_delaktighet(RATE_LIMIT_PER_ADDRESS=5)
def test_the_address_ceiling_stops_a_flood(new_client, dialogue):
    # A bot that drops its cookies is a new participant every time.
    statuses = [
        views(new_client(REMOTE_ADDR=SCHOOL), dialogue, f"Spam {n}").status_code
        for n in range(8)
    ]

    assert statuses == [302] * 5 + [429] * 3
    assert Contribution.objects.count() == 5
    # Another address is not held up.
    assert views(new_client(REMOTE_ADDR="192.0.2.99"), dialogue).status_code == 302


@override_delaktighet(RATE_LIMIT_ATTEMPTS_PER_ADDRESS=5)
def test_hammering_with_bad_posts_is_stopped_too(new_client, dialogue):
    block = dialogue.block("views")
    hammer = new_client(REMOTE_ADDR=SCHOOL)

    statuses = [block.post(hammer, {"text": ""}).status_code for _n in range(7)]

    assert statuses == [200] * 5 + [429] * 2
    assert views(hammer, dialogue).status_code == 429
    assert not Contribution.objects.exists()


def test_addresses_in_one_ipv6_network_count_as_one_client(new_client, dialogue):
    household = "2001:db8:aa:bb:"
    with override_delaktighet(RATE_LIMIT_PER_ADDRESS=2):
        statuses = [
            views(new_client(REMOTE_ADDR=f"{household}:{n}"), dialogue).status_code
            for n in range(1, 4)
        ]
        neighbour = new_client(REMOTE_ADDR="2001:db8:aa:cc::1")
        assert views(neighbour, dialogue).status_code == 302

    assert statuses == [302, 302, 429]


def test_the_old_setting_name_still_limits_and_is_flagged(new_client, dialogue):
    with override_delaktighet(RATE_LIMIT_COUNT=1):
        assert views(new_client(REMOTE_ADDR=SCHOOL), dialogue).status_code == 302
        assert views(new_client(REMOTE_ADDR=SCHOOL), dialogue).status_code == 429
        warnings = [m for m in run_checks() if m.id == "wagtail_delaktighet.W015"]

    [warning] = warnings
    assert "'RATE_LIMIT_COUNT'" in warning.msg
    assert "'RATE_LIMIT_PER_ADDRESS'" in warning.msg


def test_concurrent_posts_never_take_more_than_the_limit(dialogue):
    """Counting and checking are one atomic step (``incr``), so posts that
    arrive at once cannot all slip under the limit."""
    from concurrent.futures import ThreadPoolExecutor
    from threading import Barrier

    from wagtail_delaktighet.participation import ratelimit

    school = ratelimit.client_key(SCHOOL)
    start = Barrier(16)

    def post(n):
        start.wait()
        return ratelimit.take(school, participant=f"pupil-{n}", page=dialogue.page)

    with (
        override_delaktighet(RATE_LIMIT_PER_ADDRESS=5),
        ThreadPoolExecutor(max_workers=16) as pool,
    ):
        taken = list(pool.map(post, range(16)))

    assert taken.count(True) == 5


@override_delaktighet(RATE_LIMIT_PER_PARTICIPANT=3, RATE_LIMIT_PER_ADDRESS=3)
def test_repeated_posts_use_up_nothing(new_client, dialogue):
    # The database refuses the repeats; what they counted is given back.
    block, poll = dialogue.block("views"), dialogue.block("poll")
    keen = new_client(REMOTE_ADDR=SCHOOL)
    assert poll.post(keen, valid_fields(poll)).status_code == 302
    for _n in range(5):
        # A double click on the same form, and a second vote on the poll.
        again = block.post(keen, {"text": "En gång"}, submission_key="a" * 32)
        assert again.status_code == 302
        assert poll.post(keen, valid_fields(poll)).status_code == 409

    assert block.contributions().count() == 1
    assert poll.contributions().count() == 1
    assert views(keen, dialogue, "En tredje").status_code == 302
    assert views(keen, dialogue, "En fjärde").status_code == 429


@override_delaktighet(RATE_LIMIT_PER_PARTICIPANT=1)
def test_a_double_click_on_the_last_post_allowed_still_gets_its_receipt(
    new_client, dialogue
):
    block = dialogue.block("views")
    keen = new_client(REMOTE_ADDR=SCHOOL)
    first = block.post(keen, {"text": "Sista"}, submission_key="b" * 32)
    second = block.post(keen, {"text": "Sista"}, submission_key="b" * 32)

    assert first.status_code == second.status_code == 302
    assert block.contributions().count() == 1
    assert views(keen, dialogue, "En till").status_code == 429
