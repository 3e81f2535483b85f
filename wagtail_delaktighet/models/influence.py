from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class InfluenceLevel(TranslatableMixin, index.Indexed, models.Model):
    """One step of the influence ladder (delaktighetstrappan), P5.

    The ladder is ordered by ``sort_order``; a dialogue's step is its level's
    position in that order. A migration seeds the SKR ladder; a municipality
    may rename, re-describe and reorder the steps.
    """

    name = models.CharField(_("name"), max_length=100)
    promise = models.CharField(
        _("promise to participants"),
        max_length=255,
        help_text=_(
            "One sentence, in plain words, that tells participants what taking part"
            " at this level gives them."
        ),
    )
    explanation = models.TextField(
        _("explanation"),
        help_text=_("A longer explanation, shown when a reader opens the badge."),
    )
    accepts_input = models.BooleanField(
        _("accepts input"),
        default=True,
        help_text=_(
            "Whether dialogues at this level collect views from participants. A "
            "level that does not may not carry consultation blocks."
        ),
    )
    requires_feedback_date = models.BooleanField(
        _("requires a promised feedback date"),
        default=True,
        help_text=_(
            "Whether dialogues at this level must promise a date by which "
            "participants hear back."
        ),
    )
    sort_order = models.PositiveIntegerField(_("step"), default=0, db_index=True)

    sort_order_field = "sort_order"

    panels = [
        FieldPanel("name"),
        FieldPanel("promise"),
        FieldPanel("explanation"),
        MultiFieldPanel(
            [FieldPanel("accepts_input"), FieldPanel("requires_feedback_date")],
            heading=_("Rules for dialogues at this level"),
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("locale"),
    ]
    api_fields = ["id", "name", "promise", "explanation", "accepts_input"]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "pk"]
        unique_together = [("translation_key", "locale"), ("name", "locale")]
        verbose_name = _("influence level")
        verbose_name_plural = _("influence levels")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # A new level goes to the top of the ladder unless placed explicitly.
        if self._state.adding and not self.sort_order:
            highest = InfluenceLevel.objects.aggregate(models.Max("sort_order"))
            self.sort_order = (highest["sort_order__max"] or 0) + 1
        super().save(*args, **kwargs)


LADDER_CACHE_ATTRIBUTE = "_wagtail_delaktighet_ladder"


def ladder_rows(context):
    """Every level of every locale, loaded once per request however many
    badges show (``context`` holds the request: a template's or a
    serializer's), and kept in the default cache until a level or anything
    else a page shows changes (content_generation.py)."""
    from .. import content_generation

    request = context.get("request")
    ladder = getattr(request, LADDER_CACHE_ATTRIBUTE, None)
    if ladder is None:
        ladder = content_generation.cached(
            request,
            ("ladder",),
            lambda: list(InfluenceLevel.objects.order_by("sort_order", "pk")),
        )
        if request is not None:
            setattr(request, LADDER_CACHE_ATTRIBUTE, ladder)
    return ladder


def context_locale_id(context):
    """The locale of the page a template or serializer shows, if any."""
    from ..localized_snippets import page_locale_id

    return page_locale_id(context.get("page") or context.get("self"))


def ladder_for(context, locale_id=None):
    """The ordered ladder, one level a step, each in the locale of the
    context's page (or ``locale_id``) where translated."""
    from ..localized_snippets import localize_ladder

    if locale_id is None:
        locale_id = context_locale_id(context)
    return localize_ladder(ladder_rows(context), locale_id)


def shown_levels(rows, ladder):
    """{pk of a level in any locale: the ladder's level of its step}."""
    by_key = {level.translation_key: level for level in ladder}
    return {row.pk: by_key.get(row.translation_key, row) for row in rows}
