from django.db import transaction
from wagtail.models import Page, Site

from ..models import HomePage

HOME_SLUG = "alvby"
HOME_INTRO = (
    "<p>Välkommen till Älvby kommun. Här kan du läsa om kommunens "
    "medborgardialoger, lämna synpunkter och se vad som blev av dem.</p>"
)


@transaction.atomic
def build_home_page():
    """Make the municipality's home page the root of the default site."""
    root = Page.get_first_root_node()
    home = HomePage.objects.filter(slug=HOME_SLUG).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title="Älvby kommun", slug=HOME_SLUG, intro=HOME_INTRO)
        )
    elif home.intro != HOME_INTRO or home.title != "Älvby kommun":
        home.title = "Älvby kommun"
        home.intro = HOME_INTRO
        home.save_revision().publish()

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(is_default_site=True, hostname="localhost", port=80)
    if site.pk is None or (site.root_page_id, site.site_name) != (
        home.pk,
        "Älvby kommun",
    ):
        # Saving a site empties Wagtail's cache of site root paths: only
        # when something changed.
        site.root_page = home
        site.site_name = "Älvby kommun"
        site.save()

    # Wagtail's own "Welcome" page is no longer reachable; remove it.
    for page in root.get_children().exclude(pk=home.pk).specific():
        if not isinstance(page, HomePage):
            page.delete()
    return home


def set_site_address(hostname, port):
    """Give the default site the address the demo serves on, so that the
    links in its emails (and every full URL) lead back to the running demo."""
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname = hostname
        site.port = port
        site.save()
    return site
