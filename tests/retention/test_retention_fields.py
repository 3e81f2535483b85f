"""Editors set the retention period: on a dialogue, and the site's standard
in the participation settings."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.models import Site

from wagtail_delaktighet.models import DelaktighetSettings

pytestmark = pytest.mark.django_db

FIELD = "personal_data_retention_months"


def field_label(response):
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.find(attrs={"name": FIELD})
    assert field is not None, f"no {FIELD} in the form"
    return soup.find("label", attrs={"for": field["id"]}).get_text(" ", strip=True)


def test_the_dialogue_edit_form_offers_the_period(admin, make_dialogue):
    page = make_dialogue()

    response = admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert response.status_code == 200
    assert "Keep personal data for (months)" in field_label(response)


def test_the_participation_settings_offer_the_standard_period(admin):
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit",
        args=["wagtail_delaktighet", "delaktighetsettings", site.pk],
    )

    response = admin.get(url)

    assert response.status_code == 200
    assert "Keep personal data for (months)" in field_label(response)
    assert DelaktighetSettings.for_site(site).personal_data_retention_months == 12
