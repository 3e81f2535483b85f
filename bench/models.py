"""The baselines' models. The app has no migrations: a benchmark run creates
its tables in the run's own database (``migrate --run-syncdb``)."""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField


class BenchFormPage(AbstractForm):
    """Wagtail's own form page, with the fields of the benchmark's survey."""

    intro = RichTextField(blank=True)
    template = "bench/form_page.html"
    landing_page_template = "bench/form_page_landing.html"


class BenchFormField(AbstractFormField):
    page = ParentalKey(
        BenchFormPage, on_delete=models.CASCADE, related_name="form_fields"
    )


class BareSubmission(models.Model):
    """The row the bare Django view inserts."""

    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"#{self.pk}"
