"""The Swedish admin's page editor speaks Swedish in Wagtail's autosave and
editing-session messages, which Wagtail's own Swedish catalogue lacks
(wagtail_delaktighet/admin/wagtail_translation_gaps.py)."""

import pytest
import wagtail
from django.urls import reverse
from django.utils.translation import gettext, override
from wagtail.users.models import UserProfile

from wagtail_delaktighet.admin.wagtail_translation_gaps import WAGTAIL_EDITOR_STRINGS


def test_every_listed_string_has_swedish():
    with override("sv"):
        untranslated = [s for s in WAGTAIL_EDITOR_STRINGS if gettext(s) == s]
    assert not untranslated


def test_the_dialog_of_a_version_saved_elsewhere_is_swedish():
    with override("sv"):
        assert (
            gettext("You saved a new version in another window")
            == "Du sparade en ny version i ett annat fönster"
        )


@pytest.mark.django_db
@pytest.mark.skipif(wagtail.VERSION < (8,), reason="autosave is new in Wagtail 8")
def test_the_swedish_edit_view_shows_the_autosave_state_in_swedish(
    client, editor, make_dialogue
):
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(editor)
    page = make_dialogue()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Spara utkast" in content  # the admin is Swedish
    assert "Automatisk sparning är <span>pausad</span>" in content
    assert "Autosave is" not in content
