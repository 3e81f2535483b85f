"""The "Representativeness" report (P4, P7): whom the period's dialogues
reached, by their background answers beside the residents' shares from the
participation settings, in total and by channel. Groups under five are
hidden in the page and in the CSV and XLSX alike (suppression.py)."""

from django.utils.translation import gettext_lazy as _

from ..admin.export import exported_as_text
from ..admin.links import url_name
from ..consultations import only_consultation_pages
from ..models import DialoguePage
from ..permissions import editable_dialogues
from .representativeness import GROUP_LABELS, GROUPS, representativeness
from .suppression import MIN_GROUP
from .views import (
    IdChoiceFilter,
    PeriodAndBodyFilterSet,
    ScopedReportView,
)


def dialogue_choices(request):
    # Only the dialogues the user may edit are offered, or even named.
    if request is None:
        return DialoguePage.objects.none()
    # A dialogue in several languages is offered once, as its consultation.
    return only_consultation_pages(editable_dialogues(request.user)).order_by(
        "title", "pk"
    )


class RepresentativenessFilterSet(PeriodAndBodyFilterSet):
    dialogue = IdChoiceFilter(
        label=_("Dialogue"), queryset=dialogue_choices, method="keep"
    )


def export_columns():
    """(attribute, heading) of every exported column."""
    columns = [
        ("question", _("Question")),
        ("label", _("Answer")),
        ("reference_share", _("Share of the population (%)")),
    ]
    for group in GROUPS:
        name = GROUP_LABELS[group]
        columns += [
            (f"{group}_count", _("%(channel)s: answers") % {"channel": name}),
            (f"{group}_share", _("%(channel)s: share (%%)") % {"channel": name}),
            (
                f"{group}_difference",
                _("%(channel)s: difference (percentage points)") % {"channel": name},
            ),
        ]
    columns.append(("source", _("Source of the population shares")))
    return columns


TEXT_COLUMNS = ["question", "label", "source"]


class RepresentativenessView(ScopedReportView):
    page_title = _("Representativeness")
    header_icon = "group"
    results_template_name = (
        "wagtail_delaktighet/admin/reports/representativeness_results.html"
    )
    index_url_name = url_name("representativeness")
    index_results_url_name = url_name("representativeness_results")
    filterset_class = RepresentativenessFilterSet
    filename_prefix = "representativeness"
    # One table of a few rows per question: nothing to page through.
    paginate_by = None
    custom_field_preprocess = exported_as_text(TEXT_COLUMNS)

    @property
    def list_export(self):
        return [name for name, _heading in export_columns()]

    @property
    def export_headings(self):
        return dict(export_columns())

    def get_base_queryset(self):
        return DialoguePage.objects.none()

    def report_dialogues(self):
        """The period's dialogues of the body; or, when one is chosen, that
        dialogue whatever its dates: all within what the user may edit."""
        chosen = self.filter_values().get("dialogue")
        if chosen is not None:
            return editable_dialogues(self.request.user).filter(pk=chosen.pk)
        return super().report_dialogues()

    def get_filtered_queryset(self):
        # The rows are the report's own, not a queryset: the filters only
        # choose the dialogues they are counted over.
        self.questions = representativeness(self.report_dialogues())
        return [row for question in self.questions for row in question.rows]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        start, end = self.report_period()
        context.update(
            questions=self.questions,
            groups=[(group, GROUP_LABELS[group]) for group in GROUPS],
            period_start=start,
            period_end=end,
            chosen_dialogue=self.filter_values().get("dialogue"),
            min_group=MIN_GROUP,
        )
        return context
