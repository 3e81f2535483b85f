"""A query's SQL built once per database and shape, run with each request's
values.

Building a queryset with the ORM (annotations, subqueries, a union) and
compiling it to SQL can cost more than running it. When only values change
from one request to the next (an index's path, the clock, a filter's id), the
SQL is built once with stand-in values, each found again among its
parameters, and each request runs it with its own values in their places.
If a stand-in is not found where expected (the ORM wrote it differently),
the query is built for each request as before: slower, never wrong.

Nothing read from the database is kept: only SQL text and the positions of
the parameters.
"""

from threading import Lock

from django.db import connections

#: {(alias, vendor, key): (sql, params, {index: (name, wrap)}) or None}
_prepared = {}
_preparing = Lock()


def _compile(queryset, using):
    return queryset.query.get_compiler(using=using).as_sql()


def _prepare(build, stand_ins, prep, using):
    sql, params = _compile(build(stand_ins), using)
    wanted = {prep(name, value): name for name, value in stand_ins.items()}
    slots = {}
    for index, param in enumerate(params):
        for value, name in wanted.items():
            # The driver's own kind of a value counts (psycopg's Int4 is an
            # int), another type that compares equal does not (1 == True).
            if isinstance(param, type(value)) and param == value:
                # The value goes in as the same kind (an Int4 again).
                wrap = type(param) if type(param) is not type(value) else None
                slots[index] = (name, wrap)
    if {name for name, _wrap in slots.values()} != set(stand_ins):
        return None
    return sql, tuple(params), slots


def prepared_sql(key, build, stand_ins, values, *, prep, using):
    """(sql, params) of ``build(values)``, a queryset, compiled once per
    database and ``key`` from ``build(stand_ins)``.

    ``stand_ins`` and ``values`` are {name: value}; ``prep(name, value)`` is
    the value as it appears among the compiled parameters (a datetime as the
    database adapter takes it, a prefix as a LIKE pattern…). A stand-in must
    appear nowhere else among the parameters.
    """
    connection = connections[using]
    cache_key = (using, connection.vendor, key)
    if cache_key not in _prepared:
        with _preparing:
            if cache_key not in _prepared:
                _prepared[cache_key] = _prepare(build, stand_ins, prep, using)
    prepared = _prepared[cache_key]
    if prepared is None:
        return _compile(build(values), using)
    sql, params, slots = prepared
    ready = {name: prep(name, value) for name, value in values.items()}
    params = list(params)
    for index, (name, wrap) in slots.items():
        params[index] = ready[name] if wrap is None else wrap(ready[name])
    return sql, params
