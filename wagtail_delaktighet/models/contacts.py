from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index


class Contact(TranslatableMixin, index.Indexed, models.Model):
    """A person who listens in dialogues and answers: P8's role division.

    An elected representative takes part on behalf of the body they represent,
    to listen; an official takes part in their professional role.
    """

    class Kind(models.TextChoices):
        ELECTED = "elected", _("Elected representative (förtroendevald)")
        OFFICIAL = "official", _("Official (tjänsteperson)")

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    title = models.CharField(
        pgettext_lazy("job title", "title"),
        max_length=255,
        blank=True,
        help_text=_("For example “Chair” or “Urban planner”."),
    )
    body = models.ForeignKey(
        "wagtail_delaktighet.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="contacts",
        help_text=_(
            "For an elected representative: the body they represent (required). "
            "For an official: the administration they work in."
        ),
    )
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("title")]),
        FieldPanel("body"),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("title"),
        index.FilterField("locale"),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name

    @property
    def is_elected(self):
        return self.kind == self.Kind.ELECTED

    def clean(self):
        super().clean()
        if self.is_elected and not self.body_id:
            raise ValidationError(
                {
                    "body": _(
                        "An elected representative takes part on behalf of a "
                        "body: choose the body they represent."
                    )
                }
            )
