"""Whom the dialogues reached: the background answers of a set of dialogues
beside the reference population's shares from the site settings, in total
and by channel, with small groups suppressed (suppression.py).

Answers are counted from the rows held (``BackgroundAnswer``) and from the
counts left when personal data was removed (``BackgroundCount``), so the
removal changes no figure: one grouped query for each, however many
dialogues. The unit is a contribution that answered: the package knows no
person behind several contributions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from ..models import BackgroundAnswer, BackgroundCount, Channel, DelaktighetSettings
from ..participation.background import PREFER_NOT_TO_SAY, site_questions
from .suppression import MIN_GROUP, SHOWN, SMALL, suppress

ALL = "all"
ONLINE = "online"
OFFLINE = "offline"
#: The report's channel groups, in its columns' order.
GROUPS = (ALL, ONLINE, OFFLINE)
GROUP_LABELS = {
    ALL: _("All channels"),
    ONLINE: _("Online"),
    OFFLINE: _("Entered by staff"),
}

#: The kinds of a question's rows.
OPTION = "option"
ANSWERED = "answered"
DECLINED = "declined"
RETIRED = "retired"

ONE_DECIMAL = Decimal("0.1")


def channel_group(channel):
    """ONLINE or OFFLINE for a stored channel; None for counts folded
    before the channel was kept (they count in ALL only)."""
    if not channel:
        return None
    return ONLINE if channel in Channel.online() else OFFLINE


def answer_counts(dialogues):
    """{(question key, answer key, group): contributions} over the
    queryset ``dialogues``: held answers and folded counts, in one grouped
    query each."""
    pages = dialogues.order_by().values("pk")
    held = (
        BackgroundAnswer.objects.filter(page_id__in=pages)
        .values_list("question_key", "answer_key", "contribution__channel")
        .annotate(number=Count("pk"))
        .order_by()
    )
    folded = (
        BackgroundCount.objects.filter(page_id__in=pages)
        .values_list("question_key", "answer_key", "channel")
        .annotate(number=Sum("count"))
        .order_by()
    )
    counts = {}
    for question_key, answer_key, channel, number in [*held, *folded]:
        for group in (ALL, channel_group(channel)):
            if group is not None:
                key = (question_key, answer_key, group)
                counts[key] = counts.get(key, 0) + number
    return counts


def reported_questions():
    """The background questions of every site's settings (usually one),
    each once: one query."""
    questions, seen = [], set()
    for site_settings in DelaktighetSettings.objects.order_by("pk"):
        for question in site_questions(site_settings):
            if question.key not in seen:
                seen.add(question.key)
                questions.append(question)
    return questions


def percent(part, whole):
    return Decimal(part) * 100 / whole


def rounded(value):
    return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def format_percent(value):
    return f"{number_format(value, decimal_pos=1)} %"


def format_points(value):
    sign = "+" if value > 0 else ""
    return f"{sign}{number_format(value, decimal_pos=1)}"


#: What a hidden count, and a figure derived from it, shows instead.
def small_text():
    return _("fewer than %(number)s") % {"number": MIN_GROUP}


def complement_text():
    return _("hidden")


NOT_SHOWN = "–"


@dataclass
class Figures:
    """One row's figures in one channel group, as shown: ``count`` is a
    number or a text (a hidden group); ``share`` and ``difference`` are
    Decimals (percent, percentage points), a text, or None."""

    count: object
    share: object = None
    difference: object = None
    #: The share as a number for the bar; None when not shown.
    bar: Decimal | None = None

    # As the page shows them (the export has the numbers themselves).
    @property
    def count_text(self):
        return self.count if isinstance(self.count, str) else number_format(self.count)

    @property
    def share_text(self):
        if isinstance(self.share, Decimal):
            return format_percent(self.share)
        return self.share or ""

    @property
    def difference_text(self):
        if isinstance(self.difference, Decimal):
            return format_points(self.difference)
        return self.difference or ""


@dataclass
class Row:
    question: str
    kind: str
    label: str
    reference: Decimal | None = None
    source: str = ""
    figures: dict[str, Figures] = field(default_factory=dict)

    # Read by the export (list_export), one attribute per column.
    def __getattr__(self, name):
        group, _sep, part = name.partition("_")
        figures = self.__dict__.get("figures", {})
        if group in figures and part in ("count", "share", "difference"):
            value = getattr(figures[group], part)
            return "" if value is None else value
        raise AttributeError(name)

    @property
    def reference_share(self):
        return "" if self.reference is None else rounded(self.reference)

    @property
    def reference_text(self):
        return "" if self.reference is None else format_percent(self.reference_share)


@dataclass
class QuestionTable:
    text: str
    source: str
    rows: list[Row]
    has_reference: bool

    @property
    def option_rows(self):
        return [row for row in self.rows if row.kind == OPTION]


def question_table(question, counts):
    """The rows of one question: its options, those who chose one, those
    who preferred not to say, and answers to options no longer offered."""
    option_keys = [key for key, _text in question.options]
    shares = dict(question.population_shares)

    def count(answer_keys, group):
        return sum(counts.get((question.key, key, group), 0) for key in answer_keys)

    retired_keys = {
        answer_key
        for question_key, answer_key, _group in counts
        if question_key == question.key
        and answer_key not in option_keys
        and answer_key != PREFER_NOT_TO_SAY
    }
    row_specs = [
        (OPTION, text, [key], shares.get(key)) for key, text in question.options
    ]
    row_specs.append((ANSWERED, _("Chose an option"), option_keys, None))
    row_specs.append((DECLINED, _("Prefer not to say"), [PREFER_NOT_TO_SAY], None))
    if retired_keys:
        row_specs.append(
            (RETIRED, _("Options no longer offered"), sorted(retired_keys), None)
        )

    raw = {
        (index, group): count(keys, group)
        for index, (_kind, _label, keys, _reference) in enumerate(row_specs)
        for group in GROUPS
    }
    answered_index = len(question.options)
    option_indexes = range(answered_index)
    sums = [
        ((answered_index, group), [(index, group) for index in option_indexes])
        for group in GROUPS
    ] + [
        ((index, ALL), [(index, ONLINE), (index, OFFLINE)])
        for index in range(len(row_specs))
    ]
    state = suppress(raw, sums)

    rows = []
    for index, (kind, label, _keys, reference) in enumerate(row_specs):
        row = Row(
            question=question.text,
            kind=kind,
            label=str(label),
            reference=reference,
            source=question.population_source,
        )
        for group in GROUPS:
            row.figures[group] = figures(
                raw,
                state,
                (index, group),
                (answered_index, group) if kind == OPTION else None,
                reference,
            )
        rows.append(row)
    return QuestionTable(
        text=question.text,
        source=question.population_source,
        rows=rows,
        has_reference=bool(shares),
    )


def figures(raw, state, cell, answered_cell, reference):
    """The shown figures of ``cell``: a share (of those who chose an option)
    only where both the count and that total are shown, so no hidden count
    can be worked back from a share."""
    if state[cell] != SHOWN:
        hidden = small_text() if state[cell] == SMALL else complement_text()
        return Figures(
            count=str(hidden),
            share=NOT_SHOWN if answered_cell else None,
            difference=NOT_SHOWN if answered_cell and reference is not None else None,
        )
    result = Figures(count=raw[cell])
    if answered_cell is None:
        return result
    answered = raw[answered_cell]
    if state[answered_cell] != SHOWN or not answered:
        result.share = NOT_SHOWN
        if reference is not None:
            result.difference = NOT_SHOWN
        return result
    exact = percent(raw[cell], answered)
    result.share = rounded(exact)
    result.bar = result.share
    if reference is not None:
        result.difference = rounded(exact - reference)
    return result


def representativeness(dialogues):
    """A ``QuestionTable`` for every background question of the settings,
    over the queryset ``dialogues``."""
    counts = answer_counts(dialogues)
    return [question_table(question, counts) for question in reported_questions()]
