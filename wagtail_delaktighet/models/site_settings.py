import swapper
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField

from ..blocks.background import BackgroundQuestionsBlock

#: OpenStreetMap's standard tiles: free to use within its tile usage policy.
DEFAULT_MAP_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_MAP_ATTRIBUTION = "© OpenStreetMap contributors"
MAX_MAP_ZOOM = 19


@register_setting(icon="group")
class DelaktighetSettings(BaseSiteSetting):
    """Per-site settings that editors, not developers, look after."""

    public_records_notice = models.TextField(
        _("public records notice"),
        blank=True,
        help_text=_(
            "Shown before anyone submits a contribution, so nobody shares more than"
            " they mean to. Leave empty to use the standard text: contributions to "
            "a municipality are public records."
        ),
    )
    privacy_page = models.ForeignKey(
        swapper.get_model_name("wagtailcore", "Page"),
        verbose_name=_("privacy page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "The page that explains how the municipality handles personal data."
        ),
    )
    privacy_notice = RichTextField(
        _("privacy notice"),
        features=["bold", "italic", "link"],
        blank=True,
        help_text=_(
            "A short notice shown where participants give personal data (their "
            "name and email with a contribution, their email to follow a "
            "dialogue): who is responsible, why the data is kept and for how "
            "long. It links to the privacy page for the full notice."
        ),
    )

    notification_from_email = models.EmailField(
        _("sender of notifications"),
        blank=True,
        help_text=_(
            "The address emails to participants come from. Leave empty to use "
            "the site's default sender."
        ),
    )

    personal_data_retention_months = models.PositiveSmallIntegerField(
        _("keep personal data for (months)"),
        default=12,
        help_text=_(
            "How many months after a dialogue closes its participants' names, "
            "email addresses and other personal data are kept, unless the "
            "dialogue sets its own period. Then they are removed; what was said "
            "and the results stay."
        ),
    )

    require_involvement_assessment = models.BooleanField(
        _("dialogues need an involvement assessment"),
        default=True,
        help_text=_(
            "A dialogue can only be published when it links to an assessment "
            "in the register that decided to involve residents, so the need "
            "to involve them is always considered first."
        ),
    )
    background_questions = StreamField(
        BackgroundQuestionsBlock(),
        verbose_name=_("background questions"),
        blank=True,
        help_text=_(
            "Voluntary questions about the participant (such as age band, "
            "gender or district) that dialogues can ask, to see whether they "
            "reach everyone. Every dialogue that asks them asks these. The "
            "answers are never shown publicly."
        ),
    )
    # The maps of map blocks (blocks/map.py). Tiles come from the tile
    # server named here; the site's Content-Security-Policy must allow its
    # host in img-src (docs/security.md).
    map_tile_url = models.CharField(
        _("map tile address"),
        max_length=500,
        default=DEFAULT_MAP_TILE_URL,
        help_text=_(
            "The address of the map's image tiles, with {z}, {x} and {y} where "
            "the zoom level and the tile's column and row go. The default is "
            "OpenStreetMap; a municipality may use Lantmäteriet's or its own."
        ),
    )
    map_attribution = models.CharField(
        _("map attribution"),
        max_length=255,
        default=DEFAULT_MAP_ATTRIBUTION,
        help_text=_(
            "Whose map it is, as the tile server's terms ask: shown in the "
            "corner of every map, as plain text."
        ),
    )
    map_centre_latitude = models.FloatField(
        _("map centre latitude"),
        default=62.0,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
        help_text=_("Where maps are centred unless a block says otherwise."),
    )
    map_centre_longitude = models.FloatField(
        _("map centre longitude"),
        default=15.0,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    map_zoom = models.PositiveSmallIntegerField(
        _("map zoom level"),
        default=5,
        validators=[MaxValueValidator(MAX_MAP_ZOOM)],
        help_text=_(
            "From 0 (the whole world) to 19 (a few houses); 5 shows Sweden, 12 a town."
        ),
    )

    panels = [
        FieldPanel("require_involvement_assessment"),
        FieldPanel("public_records_notice"),
        FieldPanel("privacy_page"),
        FieldPanel("privacy_notice"),
        FieldPanel("notification_from_email"),
        FieldPanel("personal_data_retention_months"),
        FieldPanel("background_questions"),
        MultiFieldPanel(
            [
                FieldPanel("map_tile_url"),
                FieldPanel("map_attribution"),
                FieldPanel("map_centre_latitude"),
                FieldPanel("map_centre_longitude"),
                FieldPanel("map_zoom"),
            ],
            heading=_("Maps"),
        ),
    ]

    class Meta:
        verbose_name = _("Participation settings")

    @classmethod
    def for_request(cls, request):
        """Wagtail's ``for_request``, with the instance (and its privacy
        page) kept in the default cache under the content generation, which
        saving the settings renews: public pages read them on every view.
        The admin's edit view reads ``for_site``, never a cached copy."""
        attr_name = cls.get_cache_attr_name()
        if hasattr(request, attr_name):
            return getattr(request, attr_name)
        from wagtail.models import Site

        from .. import content_generation

        site = Site.find_for_request(request)
        if site is None:
            return super().for_request(request)

        def read():
            site_settings = cls.for_site(site)
            # Read now, so that the cached copy holds it.
            site_settings.privacy_page  # noqa: B018
            return site_settings

        site_settings = content_generation.cached(
            request, ("site-settings", site.pk), read
        )
        site_settings._request = request
        setattr(request, attr_name, site_settings)
        return site_settings

    @property
    def effective_from_email(self):
        from django.conf import settings

        return self.notification_from_email or settings.DEFAULT_FROM_EMAIL

    @classmethod
    def sender_for(cls, page, request=None):
        """The sender of emails about ``page``: its site's setting (or, for a
        page outside every site, the requested site's); "" means Django's
        default sender."""
        site = page.get_site()
        if site is not None:
            return cls.for_site(site).effective_from_email
        if request is not None:
            return cls.for_request(request).effective_from_email
        return ""

    @property
    def effective_public_records_notice(self):
        return self.public_records_notice or _(
            "What you send to the municipality becomes a public record (allmän "
            "handling), which anyone may ask to read. Do not write anything you "
            "do not want others to see."
        )
