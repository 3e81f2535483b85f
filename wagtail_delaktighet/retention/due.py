"""When a dialogue's personal data is due for removal: its closing time plus
its retention period in months (the dialogue's own, or its site's standard
from ``DelaktighetSettings``)."""

import calendar


def add_months(moment, months):
    """``moment`` that many calendar months later; the 31st becomes the last
    day of a shorter month."""
    month_index = moment.month - 1 + months
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


class SiteRetention:
    """The standard retention period of each site, read once per run and
    never written (``for_site`` would create a missing settings row)."""

    def __init__(self):
        from ..models.site_settings import DelaktighetSettings

        self._settings = DelaktighetSettings
        self._months = {}
        self.default = DelaktighetSettings._meta.get_field(
            "personal_data_retention_months"
        ).default

    def months_for(self, page):
        site = page.get_site()
        if site is None:
            return self.default
        if site.pk not in self._months:
            stored = (
                self._settings.objects.filter(site=site)
                .values_list("personal_data_retention_months", flat=True)
                .first()
            )
            self._months[site.pk] = self.default if stored is None else stored
        return self._months[site.pk]


def removal_due(page, site_retention):
    """When ``page``'s personal data is due for removal; None while it has
    no closing time."""
    if page.closes_at is None:
        return None
    months = page.personal_data_retention_months
    if months is None:
        months = site_retention.months_for(page)
    return add_months(page.closes_at, months)


def dialogues_due(now):
    """The dialogues whose retention period has ended at ``now``, in tree
    order: only closed ones are read, and their periods computed here."""
    from ..models.dialogue_page import DialoguePage

    site_retention = SiteRetention()
    # Not the body, which can be long and is not needed here.
    closed = (
        DialoguePage.objects.filter(closes_at__lt=now).defer("body").order_by("path")
    )
    return [
        page
        for page in closed
        if (due := removal_due(page, site_retention)) is not None and due <= now
    ]
