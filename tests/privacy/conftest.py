"""Fixtures for the rights to see and erase one's personal data."""

from types import SimpleNamespace

import pytest
from django.utils import timezone

from tests.participation.support import views
from tests.staff.contributions_support import send_views
from wagtail_delaktighet.models import Subscription


@pytest.fixture
def client(new_client):
    return new_client()


@pytest.fixture
def people(consultation_dialogue):
    """Karin's two contributions and a subscription, and Olle's contribution
    and subscription on the same dialogue, which Karin must never see."""
    dialogue = consultation_dialogue(body=[views()], title="Parken i Alvby")
    block = dialogue.block("views")
    karin = [
        send_views(
            block,
            "Fler bänkar vid dammen.",
            name="Karin Berg",
            email="Karin@Example.com",
            display_name="Karin B",
        ),
        send_views(
            block,
            "Och belysning på stigen.",
            name="Karin Berg",
            email="karin@example.com",
        ),
    ]
    olle = send_views(block, "Bygg en scen.", name="Olle Ek", email="olle@example.com")
    for email in ("karin@example.com", "olle@example.com"):
        Subscription.objects.create(
            page=dialogue.page, email=email, confirmed_at=timezone.now()
        )
    return SimpleNamespace(dialogue=dialogue, karin=karin, olle=olle)
