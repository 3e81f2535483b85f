"""The figures of the methods and evaluation report: the period's dialogues
grouped by method, influence level or responsible body, with what
participants and staff said of them.

A dialogue with several methods counts under each. Participant averages are
weighted by the answers, across the group's dialogues; staff figures come
from the dialogues that staff have evaluated.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..blocks.evaluation import QUESTIONS, evaluation_averages, pooled_average
from ..models.evaluation import Reached


class GroupBy(models.TextChoices):
    METHOD = "method", _("Method")
    LEVEL = "level", _("Influence level")
    BODY = "body", _("Responsible body")


@dataclass
class Rating:
    """A mean on the 1–5 scale and how many answers it is the mean of."""

    mean: float | None = None
    answers: int = 0

    #: The scale's top, for bars.
    scale_max = 5


@dataclass
class Shares:
    """How the evaluated dialogues answered a yes/partly/no question, in
    whole percent of them."""

    yes: int | None = None
    partly: int | None = None
    no: int | None = None


@dataclass
class GroupFigures:
    """One row of the report: a method, level or body."""

    name: str
    dialogues: int = 0
    evaluated: int = 0
    participant: dict = field(default_factory=dict)
    overall_rating: Rating = field(default_factory=Rating)
    target_groups_reached: Shares = field(default_factory=Shares)
    method_suitable: Shares = field(default_factory=Shares)
    hours: int = 0
    cost: Decimal = Decimal(0)


def report_queryset(dialogues):
    """``dialogues`` with what the figures read, in a fixed number of
    queries."""
    return dialogues.select_related(
        "influence_level", "responsible_body", "evaluation"
    ).prefetch_related("methods")


def figures_by(dialogues, group_by):
    """The rows of the report for ``dialogues`` (a list read through
    ``report_queryset``) grouped by ``group_by`` (a ``GroupBy``): the groups
    in their own order, then the dialogues without one."""
    averages = evaluation_averages(dialogues)
    members = {}
    for dialogue in dialogues:
        for key in groups_of(dialogue, group_by):
            members.setdefault(key, []).append(dialogue)
    keys = sorted((key for key in members if key is not None), key=_order)
    if None in members:
        keys.append(None)
    return [
        group_figures(
            key.name if key is not None else _("Not given"), members[key], averages
        )
        for key in keys
    ]


def groups_of(dialogue, group_by):
    """The methods, the level or the body a dialogue counts under; ``None``
    when it has none."""
    if group_by == GroupBy.METHOD:
        return list(dialogue.methods.all()) or [None]
    if group_by == GroupBy.LEVEL:
        return [dialogue.influence_level]
    return [dialogue.responsible_body]


def _order(group):
    # The ladder in its own order; methods and bodies by name.
    return (getattr(group, "sort_order", 0), group.name.lower(), group.pk)


def group_figures(name, dialogues, averages):
    figures = GroupFigures(name=str(name), dialogues=len(dialogues))
    figures.participant = participant_ratings(dialogues, averages)
    evaluations = [e for d in dialogues if (e := staff_evaluation(d)) is not None]
    figures.evaluated = len(evaluations)
    if evaluations:
        ratings = [e.overall_rating for e in evaluations]
        figures.overall_rating = Rating(
            round(sum(ratings) / len(ratings), 2), len(ratings)
        )
        figures.target_groups_reached = shares(
            e.target_groups_reached for e in evaluations
        )
        figures.method_suitable = shares(e.method_suitable for e in evaluations)
        figures.hours = sum(e.hours_used or 0 for e in evaluations)
        figures.cost = sum((e.cost or Decimal(0) for e in evaluations), Decimal(0))
    return figures


def participant_ratings(dialogues, averages):
    """{question key: Rating} over the dialogues, each answer weighing the
    same whichever dialogue it came from."""
    ratings = {}
    for key, question in QUESTIONS:
        pooled = pooled_average(question, [averages[d.pk][key] for d in dialogues])
        ratings[key] = Rating(pooled.mean, pooled.respondents)
    return ratings


def staff_evaluation(dialogue):
    try:
        return dialogue.evaluation
    except ObjectDoesNotExist:
        return None


def shares(answers):
    answers = list(answers)
    return Shares(
        **{
            choice.value: round(100 * answers.count(choice.value) / len(answers))
            for choice in Reached
        }
    )
