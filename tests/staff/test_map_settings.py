"""The site's map settings: editors set the tiles, attribution, centre and
zoom of every map in Participation settings; OpenStreetMap by default."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Site

from wagtail_delaktighet.models import DelaktighetSettings

pytestmark = pytest.mark.django_db

MAP_FIELDS = [
    "map_tile_url",
    "map_attribution",
    "map_centre_latitude",
    "map_centre_longitude",
    "map_zoom",
]


def test_the_participation_settings_offer_the_maps(admin):
    site = Site.objects.get(is_default_site=True)
    url = reverse(
        "wagtailsettings:edit",
        args=["wagtail_delaktighet", "delaktighetsettings", site.pk],
    )

    response = admin.get(url)

    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    for name in MAP_FIELDS:
        assert soup.find(attrs={"name": name}) is not None, name
    stored = DelaktighetSettings.for_site(site)
    assert stored.map_tile_url == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert stored.map_attribution == "© OpenStreetMap contributors"
    assert (stored.map_centre_latitude, stored.map_centre_longitude) == (62.0, 15.0)
    assert stored.map_zoom == 5


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("map_zoom", 20),
        ("map_centre_latitude", 90.5),
        ("map_centre_longitude", -181),
    ],
)
def test_a_centre_or_zoom_off_the_earth_is_refused(field, value):
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    setattr(site_settings, field, value)

    with pytest.raises(ValidationError) as refused:
        site_settings.full_clean()

    assert list(refused.value.message_dict) == [field]
