"""Error reports keep participants' names and emails out: when a request
that carries them fails, the report Django emails to the site's admins (with
its HTML version, which lists every frame's local variables) shows stars in
their place, in the POST data and in the participation service's frames.

The failure is made in the test only, by a signal receiver that raises while
the personal data is being saved.
"""

import logging

import pytest
from django.core import mail
from django.db.models.signals import post_init, post_save
from django.test import override_settings
from django.urls import reverse
from django.utils.log import AdminEmailHandler

from tests.following.support import follow
from wagtail_delaktighet.models import ContributionPersonalData, Subscription

from .support import views

pytestmark = pytest.mark.django_db

NAME = "Maria Ekström"
EMAIL = "maria.ekstrom@example.com"
STARS = "********************"


class Boom(Exception):
    pass


@pytest.fixture
def error_reports():
    """The reports emailed to the admins, as text and HTML, for each failed
    request; the site is set up as in production (DEBUG off, ADMINS set)."""
    handler = AdminEmailHandler(include_html=True)
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    try:
        with override_settings(ADMINS=[("Drift", "drift@alvby.example")]):
            yield lambda: [
                part
                for message in mail.outbox
                if message.to == ["drift@alvby.example"]
                for part in [message.body, *(a[0] for a in message.alternatives)]
            ]
    finally:
        logger.removeHandler(handler)


@pytest.fixture
def failing_save():
    """Make saving ``model`` fail, as a database error half way would (or,
    with ``signal=post_init``, making one in memory: bulk inserts send no
    ``post_save``)."""
    connected = []

    def fail(model, signal=post_save):
        def receiver(**kwargs):
            raise Boom("the database went away")

        signal.connect(receiver, sender=model, weak=False)
        connected.append((receiver, model, signal))

    yield fail
    for receiver, model, signal in connected:
        signal.disconnect(receiver, sender=model)


def failing_client(new_client, **kwargs):
    return new_client(raise_request_exception=False, **kwargs)


def assert_no_personal_data(reports, *, frame, hidden=(NAME, EMAIL)):
    everything = "\n".join(reports)
    # The reports are there, with the frame where it failed and its variables.
    assert "Boom at " in everything and "the database went away" in everything
    assert f"in {frame}" in everything and "Local Vars" in everything
    # The frame's ``email`` variable is listed, with stars for its value.
    assert "<td>email</td>" in everything
    for value in hidden:
        assert value not in everything
    assert all(STARS in report for report in reports)


def test_a_failed_contribution_reports_no_name_or_email(
    new_client, consultation_dialogue, error_reports, failing_save
):
    block = consultation_dialogue(body=[views()]).block("views")
    failing_save(ContributionPersonalData)
    fields = {"text": "Fler bänkar.", "name": NAME, "email": EMAIL, "consent": "on"}

    response = block.post(failing_client(new_client), fields)

    assert response.status_code == 500
    assert_no_personal_data(error_reports(), frame="_store")


def test_a_failed_follow_reports_no_email(
    new_client, make_dialogue, error_reports, failing_save
):
    dialogue = make_dialogue()
    failing_save(Subscription, signal=post_init)

    response = follow(failing_client(new_client), dialogue, EMAIL)

    assert response.status_code == 500
    assert_no_personal_data(error_reports(), frame="follow", hidden=[EMAIL])


def test_failed_offline_input_reports_no_name_or_email(
    new_client, consultation_dialogue, editor, error_reports, failing_save
):
    block = consultation_dialogue(body=[views()]).block("views")
    client = failing_client(new_client)
    client.force_login(editor)
    failing_save(ContributionPersonalData)

    response = client.post(
        reverse("wagtail_delaktighet_admin:offline", args=[block.page.pk]),
        {
            "block": block.id,
            "channel": "meeting",
            "given_at": "2026-01-14T18:30",
            **block.form_data(
                {"text": "Fler bänkar.", "name": NAME, "email": EMAIL, "consent": "on"}
            ),
        },
    )

    assert response.status_code == 500
    assert_no_personal_data(error_reports(), frame="_store")
