"""Prioritisation blocks (P4): participants weigh the editor's options
against each other instead of picking one.

Three block types, each with only the settings its method needs, so that an
editor never sees a field that does nothing:

- ``PointsBlock`` — distribute a number of points (the editor sets it) over
  the options;
- ``RankingBlock`` — give every option a rank, each rank once (a select per
  option: no JavaScript needed);
- ``BudgetBlock`` — participatory budget: choose options, each with a cost,
  within a total the editor sets.

Every total is checked on the server, in the block's form (the one
validation the participation service runs): a post over the limit, with a
rank given twice, an unknown option or a value that is not a whole number is
a form error and nothing is stored.

What is counted (``ContributionData.answers``, kept as counters): for points
``("points:<option id>", "<points>")``, for ranks ``("rank:<option id>",
"<rank>")`` and for a budget ``("chosen", "<option id>")``. The values are a
small bounded set (0 to the points, 1 to the number of options), so totals,
averages and Borda scores are sums of value × count over the counters: one
query, however many took part.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import get_format, number_format
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from ..models.contributions import ContributionStatus
from ..participation import counters
from ..participation.forms import ContributionForm, OptionsField, form_prefix
from .charts import Chart, ChartRow, percent_of
from .choices import option_items, options_block
from .consultation import ConsultationBlock, ContributionData
from .poll import results_public

#: The most options a ranking offers: every rank is a choice in a select.
MAX_RANKED_OPTIONS = 10
CHOSEN_KEY = "chosen"


def amount(number):
    """A sum of money as the participant reads it: "500 000 kr"."""
    return gettext("%(amount)s kr") % {
        "amount": number_format(number, force_grouping=True)
    }


def amount_template():
    """The sum of money with "{n}" for the number, for the script."""
    return gettext("%(amount)s kr") % {"amount": "{n}"}


def decimal(number):
    """An average with one decimal, in the language's format."""
    return number_format(round(number, 1), decimal_pos=1)


class PrioritisationForm(ContributionForm):
    """The form of a prioritisation block: its fields plus the check of the
    whole (totals, ranks given once), which no single field can make."""

    #: Set on each form class by ``PrioritisationBlock.build_form``.
    block = None
    block_value = None

    def clean(self):
        cleaned_data = super().clean()
        self.block.check_whole(self, self.block_value, cleaned_data)
        return cleaned_data


@dataclass
class OptionResult:
    """One option's counted answers, read from the counters."""

    option_id: str
    text: str
    #: {stored value: number of contributions that gave it}
    counts: dict

    @property
    def respondents(self):
        return sum(self.counts.values())

    def weighted(self, weight=int):
        """Σ weight(value) × count over the stored values, skipping any
        value that is not a whole number (none the form stores)."""
        total = 0
        for value, count in self.counts.items():
            try:
                total += weight(int(value)) * count
            except ValueError:
                continue
        return total


class PrioritisationBlock(ConsultationBlock):
    """What the three prioritisation blocks share: heading, introduction,
    one answer per participant, results after answering and for everyone
    once the dialogue closes (as a poll with results after voting)."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255)
    introduction = blocks.TextBlock(label=_("Introduction"), required=False)

    one_answer_per_participant = True
    collects_identity = False
    #: The button's text.
    submit_label = _("Send")

    class Meta:
        icon = "order"
        template = "wagtail_delaktighet/blocks/prioritisation.html"
        preview_template = "wagtail_delaktighet/blocks/preview.html"

    # -- what the block asks ------------------------------------------------

    def option_list(self, value):
        """(option id, text) of each option, in the editor's order."""
        return option_items(value["options"])

    def instructions(self, value):
        """The rule of the block, in a sentence shown over the form."""
        raise NotImplementedError

    def check_whole(self, form, value, cleaned_data):
        """Add form errors for rules about several fields at once."""

    def build_form(self, value, *, block_id, data=None, page=None):
        form_class = type(
            f"{type(self).__name__}Form",
            (PrioritisationForm,),
            {
                **self.form_fields(value),
                "collects_identity": self.collects_identity,
                "block": self,
                "block_value": value,
            },
        )
        return form_class(data=data, prefix=form_prefix(block_id))

    def initial_status(self, value):
        # Counted, never shown one by one.
        return ContributionStatus.PRIVATE

    # -- results ---------------------------------------------------------------

    def counted_keys(self, value):
        """{question key: (option id, text)} of the counted answers."""
        raise NotImplementedError

    def option_results(self, value, *, page, block_id):
        """An ``OptionResult`` per option, from the counters (one query)."""
        keys = self.counted_keys(value)
        counts, _respondents = counters.answer_counts(page, block_id, list(keys))
        return [
            OptionResult(option_id, text, counts.get(key, {}))
            for key, (option_id, text) in keys.items()
        ]

    def charts(self, value, *, page, block_id):
        raise NotImplementedError

    def results(self, value, *, page, block_id, request=None):
        has_answered = self.has_answered(
            value, page=page, block_id=block_id, request=request
        )
        if not (results_public(page) or has_answered):
            return {"visible": False, "has_answered": has_answered}
        return {
            "visible": True,
            "has_answered": has_answered,
            "charts": self.charts(value, page=page, block_id=block_id),
        }

    def summary_charts(self, value, *, page, block_id):
        # A feedback page is public: nothing while the dialogue is open, as
        # for a poll (participants alone see the results until it closes).
        if not results_public(page):
            return []
        charts = self.charts(value, page=page, block_id=block_id)
        return [chart for chart in charts if chart.total]

    def page_cache_variant(self, value, *, page, block_id, request):
        # One who has answered sees the results and no form.
        answered = self.has_answered(
            value, page=page, block_id=block_id, request=request
        )
        return "answered" if answered else ""

    def tally(self, value):
        """What the optional running total (js/prioritisation.js) needs: the
        limit and the sentences to fill in; None for none."""
        return None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["submit_label"] = self.submit_label
        context["dlk_instructions"] = self.instructions(value)
        tally = self.tally(value)
        if tally:
            tally["group"] = get_format("THOUSAND_SEPARATOR")
        context["dlk_tally"] = json.dumps(tally) if tally else ""
        return context


# -- points -------------------------------------------------------------------


def points_field_name(option_id):
    return f"points_{option_id}"


def points_key(option_id):
    return f"points:{option_id}"


class PointsBlock(PrioritisationBlock):
    """Distribute a number of points over the options."""

    options = options_block(
        help_text=_("What participants give points to. Rewording keeps the points.")
    )
    points = blocks.IntegerBlock(
        label=_("Points to distribute"),
        min_value=1,
        max_value=100,
        default=10,
        help_text=_("Each participant distributes at most this many points."),
    )

    submit_label = _("Send your points")

    class Meta:
        label = _("Distribute points")
        description = _(
            "Participants distribute a number of points over your options; "
            "the results show the points each option got."
        )
        preview_value = {
            "heading": _("What matters most in the park?"),
            "introduction": "",
            "options": [_("Benches"), _("Lighting"), _("A playground")],
            "points": 10,
        }

    def instructions(self, value):
        return ngettext(
            "You have %(points)s point. Give it to the option that matters "
            "most to you.",
            "You have %(points)s points. Give more points to what matters most to "
            "you; you need not use them all.",
            value["points"],
        ) % {"points": value["points"]}

    def form_fields(self, value):
        limit = value["points"]
        return {
            points_field_name(option_id): forms.IntegerField(
                label=text,
                required=False,
                min_value=0,
                max_value=limit,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 1}),
                error_messages={
                    "invalid": _("Enter a whole number of points, such as 3."),
                    "min_value": _("Points cannot be negative."),
                    "max_value": _("You have %(limit_value)s points in all."),
                },
            )
            for option_id, text in self.option_list(value)
        }

    def tally(self, value):
        return {
            "kind": "points",
            "limit": value["points"],
            # Translators: {used}, {left} and {limit} are filled in by a
            # script; keep them as they are.
            "left": gettext("You have given {used} points; {left} of {limit} left."),
            # Translators: {used}, {over} and {limit} are filled in by a script.
            "over": gettext("You have given {used} points: {over} more than {limit}."),
        }

    def input_schema(self, value, *, page=None):
        # The rule over the fields, which no single field's limits tell.
        return {**super().input_schema(value, page=page), "points": value["points"]}

    def check_whole(self, form, value, cleaned_data):
        names = list(self.form_fields(value))
        if any(name in form.errors for name in names):
            return  # a field's own error says what is wrong
        given = sum(cleaned_data.get(name) or 0 for name in names)
        limit = value["points"]
        if given > limit:
            form.add_error(
                names[0],
                ValidationError(
                    _(
                        "You gave %(given)s points in all, %(over)s more than the "
                        "%(limit)s you have. Take away some points."
                    ),
                    code="over_limit",
                    params={"given": given, "over": given - limit, "limit": limit},
                ),
            )
        elif given == 0:
            form.add_error(
                names[0],
                ValidationError(
                    _("Give at least one point to one of the options."),
                    code="no_points",
                ),
            )

    def contribution_from_form(self, value, cleaned_data):
        content, answers = {}, []
        for option_id, _text in self.option_list(value):
            given = cleaned_data.get(points_field_name(option_id)) or 0
            content[points_field_name(option_id)] = given
            answers.append((points_key(option_id), str(given)))
        return ContributionData(content=content, answers=answers)

    def counted_keys(self, value):
        return {
            points_key(option_id): (option_id, text)
            for option_id, text in self.option_list(value)
        }

    def charts(self, value, *, page, block_id):
        results = self.option_results(value, page=page, block_id=block_id)
        respondents = max((result.respondents for result in results), default=0)
        rows = []
        for result in results:
            total = result.weighted()
            average = total / respondents if respondents else 0
            gave_points = result.respondents - result.counts.get("0", 0)
            label = gettext(
                "%(option)s: %(total)s points in all, %(average)s on average"
            ) % {"option": result.text, "total": total, "average": decimal(average)}
            rows.append(
                ChartRow(label, gave_points, percent_of(gave_points, respondents))
            )
        return [
            Chart(
                title=value["heading"],
                total=respondents,
                rows=rows,
                note=gettext(
                    "Each of them had %(points)s points. The bars show how many "
                    "gave the option at least one point."
                )
                % {"points": value["points"]},
            )
        ]


# -- ranking ------------------------------------------------------------------


def rank_field_name(option_id):
    return f"rank_{option_id}"


def rank_key(option_id):
    return f"rank:{option_id}"


class RankField(forms.ChoiceField):
    """A rank for one option, as a select: "Choose a rank" first, in the
    widget only, so that it is never a rank an API could send."""

    def __init__(self, *, ranks, **kwargs):
        super().__init__(choices=ranks, widget=forms.Select, **kwargs)
        self.widget.choices = [("", gettext("Choose a rank")), *self.choices]


class RankingBlock(PrioritisationBlock):
    """Rank the options: a rank per option, each rank once."""

    options = options_block(
        max_num=MAX_RANKED_OPTIONS,
        help_text=_("What participants rank, at most 10. Rewording keeps the ranks."),
    )

    submit_label = _("Send your ranking")

    class Meta:
        label = _("Rank options")
        description = _(
            "Participants rank your options from most to least important; "
            "the results show each option's average rank."
        )
        preview_value = {
            "heading": _("What should be done first?"),
            "introduction": "",
            "options": [_("Benches"), _("Lighting"), _("A playground")],
        }

    def ranks(self, value):
        return [(str(rank), str(rank)) for rank in range(1, len(value["options"]) + 1)]

    def instructions(self, value):
        return gettext(
            "Give each option a rank: 1 for the most important, %(last)s for the "
            "least. Use each rank once."
        ) % {"last": len(value["options"])}

    def form_fields(self, value):
        ranks = self.ranks(value)
        return {
            rank_field_name(option_id): RankField(
                label=text,
                ranks=ranks,
                error_messages={
                    "required": _("Choose a rank for this option."),
                    "invalid_choice": _("Choose one of the ranks offered."),
                },
            )
            for option_id, text in self.option_list(value)
        }

    def check_whole(self, form, value, cleaned_data):
        names = [name for name in self.form_fields(value) if name in cleaned_data]
        used = {}
        for name in names:
            used.setdefault(cleaned_data[name], []).append(name)
        for rank, sharing in used.items():
            if len(sharing) < 2:
                continue
            for name in sharing:
                form.add_error(
                    name,
                    ValidationError(
                        _(
                            "Rank %(rank)s is given to more than one option. "
                            "Give each rank once."
                        ),
                        code="repeated_rank",
                        params={"rank": rank},
                    ),
                )

    def contribution_from_form(self, value, cleaned_data):
        content, answers = {}, []
        for option_id, _text in self.option_list(value):
            rank = cleaned_data[rank_field_name(option_id)]
            content[rank_field_name(option_id)] = rank
            answers.append((rank_key(option_id), rank))
        return ContributionData(content=content, answers=answers)

    def counted_keys(self, value):
        return {
            rank_key(option_id): (option_id, text)
            for option_id, text in self.option_list(value)
        }

    def charts(self, value, *, page, block_id):
        results = self.option_results(value, page=page, block_id=block_id)
        size = len(results)
        respondents = max((result.respondents for result in results), default=0)
        rows = []
        for result in results:
            ranked = result.respondents
            average = result.weighted() / ranked if ranked else 0
            # Borda: the first of n ranks scores n, the last 1.
            borda = result.weighted(lambda rank: max(size - rank + 1, 0))
            first = result.counts.get("1", 0)
            label = gettext(
                "%(option)s: average rank %(average)s, %(score)s points (Borda)"
            ) % {
                "option": result.text,
                "average": decimal(average) if ranked else "–",
                "score": borda,
            }
            rows.append(ChartRow(label, first, percent_of(first, respondents)))
        return [
            Chart(
                title=value["heading"],
                total=respondents,
                rows=rows,
                note=gettext(
                    "Rank 1 is the most important. A Borda score gives %(size)s "
                    "points for rank 1, 1 point for the last rank. The bars show "
                    "how many ranked the option first."
                )
                % {"size": size},
            )
        ]


# -- participatory budget -------------------------------------------------------


class BudgetOptionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Option"), max_length=200)
    cost = blocks.IntegerBlock(label=_("Cost (kr)"), min_value=0)

    class Meta:
        icon = "tag"
        label = _("Option")


class BudgetBlock(PrioritisationBlock):
    """Participatory budget: choose options within a total."""

    budget = blocks.IntegerBlock(
        label=_("Budget (kr)"),
        min_value=1,
        help_text=_("What participants may spend in all."),
    )
    options = blocks.ListBlock(
        BudgetOptionBlock(),
        label=_("Options"),
        min_num=2,
        help_text=_("What participants choose from, each with its cost."),
    )

    submit_label = _("Send your budget")

    class Meta:
        label = _("Participatory budget")
        description = _(
            "Participants choose options, each with a cost, within a budget "
            "you set; the results show how many chose each option."
        )
        preview_value = {
            "heading": _("How should the park's money be spent?"),
            "introduction": "",
            "budget": 100000,
            "options": [
                {"title": _("Benches"), "cost": 40000},
                {"title": _("Lighting"), "cost": 70000},
                {"title": _("A playground"), "cost": 90000},
            ],
        }

    def clean(self, value):
        value = super().clean(value)
        too_dear = [
            option["title"]
            for option in value["options"]
            if option["cost"] > value["budget"]
        ]
        if too_dear:
            raise StructBlockValidationError(
                block_errors={
                    "options": ValidationError(
                        _("These options cost more than the budget: %(options)s."),
                        params={"options": ", ".join(too_dear)},
                    )
                }
            )
        return value

    def option_list(self, value):
        return [
            (item.id, item.value["title"]) for item in value["options"].bound_blocks
        ]

    def costs(self, value):
        return {item.id: item.value["cost"] for item in value["options"].bound_blocks}

    def instructions(self, value):
        return gettext(
            "You have %(budget)s. Choose what it should be spent on; what you "
            "choose may cost at most that in all."
        ) % {"budget": amount(value["budget"])}

    def form_fields(self, value):
        costs = self.costs(value)
        return {
            CHOSEN_KEY: OptionsField(
                label=gettext("Choose within %(budget)s")
                % {"budget": amount(value["budget"])},
                choices=[
                    (option_id, f"{text} – {amount(costs[option_id])}")
                    for option_id, text in self.option_list(value)
                ],
                widget=forms.CheckboxSelectMultiple,
                error_messages={"required": _("Choose at least one option.")},
            )
        }

    def tally(self, value):
        return {
            "kind": "budget",
            "limit": value["budget"],
            "costs": self.costs(value),
            "amount": amount_template(),
            # Translators: {used}, {left} and {limit} are filled in by a
            # script (sums of money); keep them as they are.
            "left": gettext("You have chosen {used}; {left} of {limit} left."),
            # Translators: {used}, {over} and {limit} are filled in by a script.
            "over": gettext(
                "You have chosen {used}: {over} over the budget of {limit}."
            ),
        }

    def input_schema(self, value, *, page=None):
        # The budget and each option's cost, which the choices' labels only
        # tell people.
        schema = super().input_schema(value, page=page)
        schema["budget"] = value["budget"]
        schema["costs"] = self.costs(value)
        return schema

    def check_whole(self, form, value, cleaned_data):
        chosen = cleaned_data.get(CHOSEN_KEY)
        if not chosen:
            return
        costs = self.costs(value)
        spent = sum(costs[option_id] for option_id in chosen)
        budget = value["budget"]
        if spent > budget:
            form.add_error(
                CHOSEN_KEY,
                ValidationError(
                    _(
                        "What you chose costs %(spent)s, %(over)s more than the "
                        "budget of %(budget)s. Remove one or more options."
                    ),
                    code="over_budget",
                    params={
                        "spent": amount(spent),
                        "over": amount(spent - budget),
                        "budget": amount(budget),
                    },
                ),
            )

    def contribution_from_form(self, value, cleaned_data):
        chosen = cleaned_data[CHOSEN_KEY]
        return ContributionData(
            content={CHOSEN_KEY: chosen},
            answers=[(CHOSEN_KEY, option_id) for option_id in chosen],
        )

    def charts(self, value, *, page, block_id):
        counts, respondents = counters.answer_counts(
            page, block_id, [CHOSEN_KEY], answered_keys=[CHOSEN_KEY]
        )
        chosen = counts.get(CHOSEN_KEY, {})
        answered = respondents.get(CHOSEN_KEY, 0)
        costs = self.costs(value)
        rows = [
            ChartRow(
                gettext("%(option)s (%(cost)s)")
                % {"option": text, "cost": amount(costs[option_id])},
                chosen.get(option_id, 0),
                percent_of(chosen.get(option_id, 0), answered),
            )
            for option_id, text in self.option_list(value)
        ]
        return [
            Chart(
                title=value["heading"],
                total=answered,
                rows=rows,
                note=gettext(
                    "Each could choose several options costing at most %(budget)s "
                    "in all. The bars show how many chose the option."
                )
                % {"budget": amount(value["budget"])},
            )
        ]
