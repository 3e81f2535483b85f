"""The snippets a dialogue page names, read in one query (models/snippet_union.py):
its bodies (the responsible one, who decides, who decided to hold it, the
coordinating ones), target groups, areas, topics, methods and strategic goals.
One relation at a time they would take up to nine queries."""

from ..models import Area, Body, Method, StrategicGoal, TargetGroup, Topic
from ..models.snippet_union import read_together

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


def held_in_memory(page):
    """Whether the page holds a relation in memory (a preview, a revision),
    where the database does not have what the page shows."""
    held = getattr(page, "_cluster_related_objects", {})
    return page.pk is None or any(name in held for name in MANY)


def dialogue_facets(page):
    """{relation name: [snippet, …]} for each many-to-many relation. The
    page's foreign keys to bodies are filled on the way, so reading them
    later costs no query."""
    if held_in_memory(page):
        return {name: list(getattr(page, name).all()) for name in MANY}
    parts = {
        key: Body.objects.filter(pk=getattr(page, f"{key}_id"))
        for key in BODY_KEYS
        if getattr(page, f"{key}_id") is not None
    }
    parts.update(
        (name, model.objects.filter(**{related_name: page}))
        for name, (model, related_name) in MANY.items()
    )
    facets = read_together(parts)
    for key in BODY_KEYS:
        if facets.get(key):
            page._meta.get_field(key).set_cached_value(page, facets[key][0])
    return {name: facets[name] for name in MANY}
