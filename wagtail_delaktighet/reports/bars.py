"""Accessible bars for the reports, on the pattern of the public feedback
page's charts: the figures are always said as text beside the bar, and the
bar (a ``<meter>``) is only a visual aid, hidden from assistive technology."""

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.ui.tables import Column


def format_mean(value):
    """A mean as the user's language writes it, with up to two decimals."""
    return number_format(value, decimal_pos=2 if value % 1 else 0)


class RatingColumn(Column):
    """A mean on the 1–5 scale (a ``Rating``) as a bar, with the mean and
    how many it is the mean of as text beside it."""

    cell_template_name = "wagtail_delaktighet/admin/reports/rating_cell.html"

    def __init__(self, name, *, counted, **kwargs):
        # ``counted`` says what was counted: "answers" or "evaluations".
        self.counted = counted
        super().__init__(name, **kwargs)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        rating = context["raw_value"]
        context["rating"] = rating
        if rating is not None and rating.mean is not None:
            context["mean_text"] = format_mean(rating.mean)
            context["count_text"] = self.count_text(rating.answers)
        return context

    def count_text(self, count):
        if self.counted == "evaluations":
            return ngettext("%(count)s evaluation", "%(count)s evaluations", count) % {
                "count": count
            }
        return ngettext("%(count)s answer", "%(count)s answers", count) % {
            "count": count
        }


class SharesColumn(Column):
    """Yes, partly and no as percentages of the evaluated dialogues."""

    def get_value(self, instance):
        shares = super().get_value(instance)
        if shares is None or shares.yes is None:
            return ""
        return _("Yes %(yes)s %%, partly %(partly)s %%, no %(no)s %%") % {
            "yes": shares.yes,
            "partly": shares.partly,
            "no": shares.no,
        }
