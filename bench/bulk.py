"""Many rows written by PostgreSQL itself: one ``INSERT … SELECT`` over
``generate_series`` per batch, rather than a Python object and a set of
parameters per row (a million contributions in a minute or two rather than
several). bench/data.py uses it on PostgreSQL and Django's ``bulk_create`` on
the other databases, for the same rows."""

from django.db import connection

#: Rows per statement.
BATCH = 100_000


def column_values(instance, expressions):
    """The columns of ``instance``'s table but its primary key, and for each
    the SQL of its value: ``expressions[attname]`` (SQL over the series
    number ``n``, parameters) where given, else the instance's own value as
    ``bulk_create`` would save it. Returns (columns, values, params)."""
    quote = connection.ops.quote_name
    columns, values, params = [], [], []
    for field in instance._meta.concrete_fields:
        if field.primary_key:
            continue
        columns.append(quote(field.column))
        if field.attname in expressions:
            sql, field_params = expressions[field.attname]
            values.append(sql)
            params += field_params
        else:
            value = field.pre_save(instance, add=True)
            values.append("%s")
            params.append(field.get_db_prep_save(value, connection))
    return columns, values, params


def insert_series(instance, count, expressions=None, *, then=None):
    """``count`` rows like ``instance``, n = 0 … count - 1, in batches.

    ``then(batch_sql, batch_params)``, if given, returns the statement to run
    for a batch, with the batch's INSERT as a data-modifying WITH query (to
    insert rows that refer to the new ones); it gets the INSERT without a
    RETURNING clause, to complete."""
    columns, values, params = column_values(instance, expressions or {})
    table = connection.ops.quote_name(instance._meta.db_table)
    # Names from the model and SQL of our own; the values are parameters.
    insert = (
        f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
        f"SELECT {', '.join(values)} FROM generate_series(%s, %s) AS n"
    )
    with connection.cursor() as cursor:
        for first in range(0, count, BATCH):
            last = min(first + BATCH, count) - 1
            sql, batch_params = insert, [*params, first, last]
            if then is not None:
                sql, batch_params = then(sql, batch_params)
            cursor.execute(sql, batch_params)
