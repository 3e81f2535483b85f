"""Staff answer a request by letter or phone in the admin: look up an
address, download what is stored, erase it; only with the permission to
export personal data, and logged with the staff member."""

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.staff.contributions_support import assert_denied, logged_in, messages_of
from wagtail_delaktighet import log_actions, permissions
from wagtail_delaktighet.models import (
    Contribution,
    ContributionPersonalData,
    Subscription,
)

from .support import soup_of, text_of

pytestmark = pytest.mark.django_db


def url():
    return reverse("wagtail_delaktighet_admin:personal_data")


@pytest.fixture
def registrar(make_staff_user):
    return make_staff_user(
        "registrator", permissions=[permissions.EXPORT_PERSONAL_DATA]
    )


def test_the_view_needs_the_permission(make_staff_user, people):
    moderator = logged_in(
        make_staff_user("moderator", permissions=[permissions.MODERATE])
    )

    assert_denied(moderator.get(url()))
    assert_denied(
        moderator.post(
            url(),
            {"email": "karin@example.com", "action": "erase", "confirm_erasure": "on"},
        )
    )
    assert ContributionPersonalData.objects.filter(email="karin@example.com")


def test_the_menu_offers_it_to_those_with_the_permission(registrar, make_staff_user):
    reports = soup_of(logged_in(registrar).get(reverse("wagtailadmin_home")))
    assert "personal-data-requests" in str(reports)
    other = logged_in(make_staff_user("other"))
    assert "personal-data-requests" not in str(
        soup_of(other.get(reverse("wagtailadmin_home")))
    )


def test_staff_see_one_persons_data(registrar, people):
    client = logged_in(registrar)

    response = client.post(url(), {"email": "Karin@example.com", "action": "show"})

    assert response.status_code == 200
    text = text_of(response)
    for contribution in people.karin:
        assert contribution.receipt in text
    assert "Fler bänkar vid dammen." in text
    assert "Bygg en scen." not in text
    assert people.olle.receipt not in text
    entry = ModelLogEntry.objects.get(action=log_actions.SEE_PERSONAL_DATA)
    assert entry.user == registrar
    assert "karin" not in json.dumps(entry.data).lower()


def test_staff_download_the_data(registrar, people):
    response = logged_in(registrar).post(
        url(), {"email": "karin@example.com", "action": "download"}
    )

    assert response.status_code == 200
    data = json.loads(response.content)
    assert len(data["contributions"]) == 2
    assert "olle" not in response.content.decode()


def test_erasing_needs_the_box_ticked(registrar, people):
    response = logged_in(registrar).post(
        url(), {"email": "karin@example.com", "action": "erase"}
    )

    assert response.status_code == 200
    assert "Tick the box" in text_of(response)
    assert ContributionPersonalData.objects.filter(email__iexact="karin@example.com")


def test_staff_erase_the_data(registrar, people):
    counted_before = Contribution.objects.count()
    client = logged_in(registrar)

    response = client.post(
        url(),
        {"email": "karin@example.com", "action": "erase", "confirm_erasure": "on"},
    )

    assert response.status_code == 200
    assert any(
        "Personal data erased: 2 contributions" in m for m in messages_of(response)
    )
    assert not ContributionPersonalData.objects.filter(
        email__iexact="karin@example.com"
    )
    assert not Subscription.objects.filter(email="karin@example.com").exists()
    assert Contribution.objects.count() == counted_before
    for contribution in people.karin:
        contribution.refresh_from_db()
        assert contribution.content["text"]
    assert people.olle.personal_data.email == "olle@example.com"
    entry = ModelLogEntry.objects.get(action=log_actions.ERASE_PERSONAL_DATA)
    assert entry.user == registrar
    assert entry.data["contributions"] == 2
    assert "karin" not in json.dumps(entry.data).lower()
