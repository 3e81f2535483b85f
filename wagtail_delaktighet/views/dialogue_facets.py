"""The snippets a dialogue page names, read in one query (models/snippet_union.py):
its bodies (the responsible one, who decides, who decided to hold it, the
coordinating ones), target groups, areas, topics, methods and strategic goals.
One relation at a time they would take up to nine queries.

The query has the same shape for every dialogue with the same bodies set;
only the page's and the bodies' ids differ. Building it with the ORM (a union
of up to nine annotated parts) cost more than the rest of the page's queries
together, so its SQL is built once per database and shape, with stand-in
ids, and each page runs it with its own ids (prepared_sql.py).
"""

from django.db import connections

from ..models import Area, Body, Method, StrategicGoal, TargetGroup, Topic
from ..models.snippet_union import collect, union_of
from ..prepared_sql import prepared_sql

#: The page's foreign keys to a body, filled from the same query.
BODY_KEYS = ("responsible_body", "decision_body", "scope_decided_by")

#: The page's many-to-many relations and the name each snippet's side uses.
MANY = {
    "coordinating_bodies": (Body, "coordinated_dialogues"),
    "target_groups": (TargetGroup, "dialogues"),
    "areas": (Area, "dialogues"),
    "topics": (Topic, "dialogues"),
    "methods": (Method, "dialogues"),
    "strategic_goals": (StrategicGoal, "dialogues"),
}

#: The snippet model of each part of the union.
MODELS = dict.fromkeys(BODY_KEYS, Body) | {
    name: model for name, (model, _related) in MANY.items()
}

#: Stand-in ids the SQL is built with, each found again among its parameters
#: and replaced there: the page's, then one per foreign key to a body.
STAND_INS = {"page": -7_300_000_001} | {
    key: -7_300_000_002 - n for n, key in enumerate(BODY_KEYS)
}


def held_in_memory(page):
    """Whether the page holds a relation in memory (a preview, a revision),
    where the database does not have what the page shows."""
    held = getattr(page, "_cluster_related_objects", {})
    return page.pk is None or any(name in held for name in MANY)


def facet_parts(page_pk, body_pks):
    """{part: queryset} for a page and its {body key: body pk} that are set."""
    parts = {key: Body.objects.filter(pk=pk) for key, pk in body_pks.items()}
    parts.update(
        (name, model.objects.filter(**{f"{related_name}__pk": page_pk}))
        for name, (model, related_name) in MANY.items()
    )
    return parts


def read_facets(page, body_pks):
    """{part: [snippet, …]} for the page's relations and its bodies."""
    using = Body.objects.all().db
    body_keys = tuple(body_pks)

    def build(values):
        return union_of(
            facet_parts(values["page"], {key: values[key] for key in body_keys})
        )

    sql, params = prepared_sql(
        ("dialogue-facets", body_keys),
        build,
        {name: STAND_INS[name] for name in ("page", *body_keys)},
        {"page": page.pk, **body_pks},
        prep=lambda _name, value: value,
        using=using,
    )
    with connections[using].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    models = {part: MODELS[part] for part in (*body_pks, *MANY)}
    return collect(models, rows)


def dialogue_facets(page):
    """{relation name: [snippet, …]} for each many-to-many relation. The
    page's foreign keys to bodies are filled on the way, so reading them
    later costs no query."""
    if held_in_memory(page):
        return {name: list(getattr(page, name).all()) for name in MANY}
    body_pks = {
        key: getattr(page, f"{key}_id")
        for key in BODY_KEYS
        if getattr(page, f"{key}_id") is not None
    }
    facets = read_facets(page, body_pks)
    for key in BODY_KEYS:
        if facets.get(key):
            page._meta.get_field(key).set_cached_value(page, facets[key][0])
    return {name: facets[name] for name in MANY}
