"""One page of the dialogue index's results in one query, sorted and counted
on narrow rows.

Ordering and counting every listed dialogue costs little on its id and
dates, much more on whole rows (the window and the sort carry every column
of each). So the query's inner part (``listed``) lists ids only, in the
index's order, with each one's position and the total, cut to the page; the
outer part reads the page's whole rows, the final feedback and the areas by
joining those few ids. Both parts are compiled by the ORM, once per database
and shape (prepared_sql.py); the outer one is joined to the inner one as
text, which the ORM cannot write (a subquery in FROM). MySQL and MariaDB take
no LIMIT in a subquery of IN, but do in one of FROM.
"""

from threading import Lock

from django.db import connections
from django.db.models import Count, F, IntegerField, Window
from django.db.models.expressions import Expression, OrderBy

from ..models import DialoguePage
from ..models.status import (
    annotate_final_feedback,
    annotate_status_rank,
    status_condition,
    status_ordering,
)
from ..pagination import TOTAL
from .index_cards import area_ids

#: The inner part's alias, and its columns: {ordering's field: column}.
LISTED = "listed"
LISTED_ID = "listed_id"
LISTED_COLUMNS = {
    "status_rank": "status_rank",
    "status_sort_date": "status_sort_date",
    "closes_at": "listed_closes_at",
    "pk": LISTED_ID,
}

#: Fields of a dialogue the index's cards never read.
CARD_UNUSED = [
    "body",
    "can_influence",
    "cannot_influence",
    "input_handling",
    "adaptations",
    "easy_read_summary",
]

#: {(alias, vendor): (head, tail) or None}: the outer part, split where the
#: inner one goes.
_outer = {}
_outer_lock = Lock()


def listed_ids_query(children, lookups, status, filters):
    """The inner part's builder: from ``values`` (prepared_sql.py), the ids
    of the listed dialogues (``children(values)``) with the ``status`` and
    the ``filters`` (names, their values among the values; ``lookups``:
    each one's lookup) in the index's order, each with what it is ordered
    by and the total."""

    def build(values):
        queryset = annotate_status_rank(children(values), values["now"])
        if status:
            queryset = queryset.filter(status_condition(status, values["now"]))
        for name in filters:
            queryset = queryset.filter(**{lookups[name]: values[name]})
        return (
            queryset.annotate(
                **{LISTED_ID: F("pk"), LISTED_COLUMNS["closes_at"]: F("closes_at")},
                **{TOTAL: Window(Count("*"))},
            )
            .order_by(*status_ordering())
            .values(*LISTED_COLUMNS.values(), TOTAL)
        )

    build.shape = (status, tuple(filters))
    return build


class ListedColumn(Expression):
    """A column of the inner part, in the outer part's SELECT or ORDER BY."""

    def __init__(self, column, output_field=None):
        super().__init__(output_field=output_field or IntegerField())
        self.column = column

    def as_sql(self, compiler, connection):
        qn = connection.ops.quote_name
        return f"{qn(LISTED)}.{qn(self.column)}", []


def card_rows_query():
    """The outer part as a queryset: each dialogue's columns for a card,
    with its final feedback, its areas and the inner part's total (read
    from the ``listed`` alias that ``_split_outer`` joins)."""
    return (
        annotate_final_feedback(DialoguePage.objects.all())
        .defer(*CARD_UNUSED)
        .annotate(area_ids=area_ids(), **{TOTAL: ListedColumn(TOTAL)})
        .order_by(*listed_ordering())
    )


def listed_ordering():
    """``status_ordering`` over the inner part's columns: the outer part
    keeps the order the inner one found."""
    return [
        OrderBy(
            ListedColumn(LISTED_COLUMNS[order.expression.name]),
            descending=order.descending,
            nulls_first=order.nulls_first,
            nulls_last=order.nulls_last,
        )
        for order in status_ordering()
    ]


def _split_outer(using):
    """(head, tail): the outer part's SQL before and after the inner part,
    or None if it does not have the shape to take it: no parameter after
    its one FROM (none in a WHERE, a join or the ordering)."""
    connection = connections[using]
    qn = connection.ops.quote_name
    sql, params = card_rows_query().query.get_compiler(using).as_sql()
    table = qn(DialoguePage._meta.db_table)
    marker = f" FROM {table} INNER JOIN "
    if sql.count(marker) != 1:
        return None
    head, rest = sql.split(marker)
    if "%s" in rest or len(params) != head.count("%s"):
        return None
    pk = qn(DialoguePage._meta.pk.column)
    join = (
        f") {qn(LISTED)} INNER JOIN {table} ON "
        f"({qn(LISTED)}.{qn(LISTED_ID)} = {table}.{pk}) INNER JOIN "
    )
    tail = f"{join}{rest}"
    return f"{head} FROM (", tail, tuple(params)


def outer_sql(using):
    """``_split_outer`` for ``using``, worked out once."""
    key = (using, connections[using].vendor)
    if key not in _outer:
        with _outer_lock:
            if key not in _outer:
                _outer[key] = _split_outer(using)
    return _outer[key]


def card_rows(inner_sql, inner_params, using, start, stop):
    """The dialogues from ``start`` to ``stop`` of the inner part's list,
    whole rows for their cards, in its order, each carrying the total; None
    where the outer part cannot be joined (the caller reads them as one
    query)."""
    outer = outer_sql(using)
    if outer is None:
        return None
    head, tail, outer_params = outer
    limit = connections[using].ops.limit_offset_sql(start, stop)
    sql = f"{head}{inner_sql} {limit}{tail}"
    params = (*outer_params, *inner_params)
    return list(DialoguePage.objects.raw(sql, params))
