"""With i18n on, the snippet listings offer Wagtail's locale filter and
list each locale's snippets apart; the choosers keep working."""

import pytest
from django.urls import reverse

from tests.translated_snippets.support import translate

pytestmark = pytest.mark.usefixtures("i18n")


@pytest.mark.django_db
def test_a_listing_filters_by_locale_and_the_chooser_lists(admin, english):
    from wagtail_delaktighet.models import Body, Topic

    topic = Topic.objects.create(name="Parker")
    translate(topic, english, "Parks")
    Body.objects.create(name="Kulturnämnden", kind=Body.Kind.COMMITTEE)
    listing = reverse(Topic.snippet_viewset.get_url_name("list"))

    all_locales = admin.get(listing).content.decode()
    in_english = admin.get(listing, {"locale": "en"}).content.decode()

    assert 'name="locale"' in all_locales
    assert "Parks" in in_english and "Parker" not in in_english

    chooser = reverse(Body.snippet_viewset.chooser_viewset.get_url_name("choose"))
    response = admin.get(chooser)
    assert response.status_code == 200
    assert "Kulturnämnden" in response.json()["html"]
