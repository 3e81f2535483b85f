"""Charts of counted answers, for feedback pages (P6).

A consultation block returns them from ``summary_charts()``; the feedback
page draws each as a bar chart with a data table
(``includes/feedback/chart.html``). Plain data, so any template or API can use
them.
"""

from dataclasses import dataclass, field
from typing import NamedTuple


class ChartRow(NamedTuple):
    label: str
    count: int
    #: A whole number, 0–100, of ``Chart.total``.
    percent: int


@dataclass
class Chart:
    """One question's counted answers."""

    title: str
    #: What percentages are of: the number who answered the question.
    total: int
    rows: list = field(default_factory=list)
    #: Optional text shown with the chart, e.g. that several answers were
    #: allowed (so the percentages add up to more than 100).
    note: str = ""


def percent_of(count, total):
    return round(100 * count / total) if total else 0


def chart_from_counts(title, options, counts, *, total=None, note=""):
    """A chart with one row per option, in option order.

    ``options`` are ``(value, label)`` pairs, ``counts`` a dict of value to
    count (from a GROUP BY). Values no longer among the options (an option
    the editor removed) are left out. ``total`` defaults to the sum of the
    rows, which is the number who answered when each gives one answer.
    """
    values = [counts.get(value, 0) for value, _label in options]
    if total is None:
        total = sum(values)
    rows = [
        ChartRow(label=str(label), count=count, percent=percent_of(count, total))
        for (_value, label), count in zip(options, values, strict=True)
    ]
    return Chart(title=str(title), total=total, rows=rows, note=str(note))
