"""Snippets that classify dialogues: bodies, target groups, areas, topics,
methods and strategic goals. Each is translatable (Wagtail's i18n): a
translation shares its original's ``translation_key`` in another locale, and
a name is unique within its locale."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class NamedSnippet(TranslatableMixin, index.Indexed, models.Model):
    """A named, described thing that dialogues are tagged with."""

    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    api_fields = ["id", "name", "description"]

    class Meta(TranslatableMixin.Meta):
        abstract = True
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("name", "locale")]

    def __str__(self):
        return self.name


class Body(NamedSnippet):
    """A body of the municipality (organ): council, board, committee and so on."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Municipal council (kommunfullmäktige)")
        EXECUTIVE_BOARD = "executive_board", _("Executive board (kommunstyrelsen)")
        COMMITTEE = "committee", _("Committee (nämnd)")
        ADMINISTRATION = "administration", _("Administration (förvaltning)")
        COMPANY = "company", _("Municipal company (kommunalt bolag)")

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    url = models.URLField(_("web page"), blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("url"),
    ]
    api_fields = ["id", "name", "kind", "description", "url"]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("body")
        verbose_name_plural = _("bodies")


class TargetGroup(NamedSnippet):
    class Meta(NamedSnippet.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class Area(NamedSnippet):
    class Meta(NamedSnippet.Meta):
        verbose_name = _("area")
        verbose_name_plural = _("areas")


class Topic(NamedSnippet):
    class Meta(NamedSnippet.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Method(NamedSnippet):
    class Meta(NamedSnippet.Meta):
        verbose_name = _("method")
        verbose_name_plural = _("methods")


class StrategicGoal(NamedSnippet):
    url = models.URLField(_("web page"), blank=True)

    panels = NamedSnippet.panels + [FieldPanel("url")]
    api_fields = ["id", "name", "description", "url"]

    class Meta(NamedSnippet.Meta):
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")
