"""Demo step: the short privacy notice shown where participants give
personal data (the participation settings).

The demo has no privacy page of its own (its home page lists every page
under it as a place to take part), so the notice is shown without the link
to the full notice that a municipality's site gives.
"""

from django.db import transaction
from wagtail.models import Site

from wagtail_delaktighet.models import DelaktighetSettings

PRIVACY_NOTICE = (
    "<p>Kommunstyrelsen i Älvby kommun ansvarar för dina personuppgifter. "
    "Vi använder ditt namn och din e-postadress bara för att berätta vad som "
    "blev av dialogen, och tar bort dem när dialogens gallringstid har gått "
    "ut. Du har rätt att få veta vilka uppgifter vi har om dig och att få dem "
    "rättade eller raderade.</p>"
)


@transaction.atomic
def build_privacy(home):
    """The privacy notice."""
    site_settings = DelaktighetSettings.for_site(Site.objects.get(is_default_site=True))
    # Saved only when changed: saving renews every cached public page.
    if site_settings.privacy_notice != PRIVACY_NOTICE:
        site_settings.privacy_notice = PRIVACY_NOTICE
        site_settings.save()
    return site_settings
