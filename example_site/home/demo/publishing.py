"""Create or update a demo page, publishing only when its content changed.

The demo can be loaded any number of times. A page is described by its
desired content; when the live page already has that content, nothing is
saved, so reruns neither pile up revisions nor duplicate inline children.
"""

from dataclasses import dataclass, field


@dataclass
class PageContent:
    """The desired content of one page.

    ``fields`` are plain fields and foreign keys (as instances),
    ``relations`` many-to-many fields (lists of instances), ``children``
    inline children by relation name (lists of field dicts, in order) and
    ``stream_fields`` StreamFields in their raw JSON form, with fixed block ids.
    """

    fields: dict
    relations: dict = field(default_factory=dict)
    children: dict = field(default_factory=dict)
    stream_fields: dict = field(default_factory=dict)


def sync_child_page(parent, page_class, slug, content):
    """The live ``page_class`` page with ``slug`` under ``parent``, holding
    ``content``; created or republished only when needed."""
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is not None and _is_published_with(page, content):
        return page

    if page is None:
        page = page_class(slug=slug)
    _apply(page, content)
    if page.pk is None:
        parent.add_child(instance=page)
    page.save_revision().publish()
    return page_class.objects.get(pk=page.pk)


def _is_published_with(page, content):
    if not page.live or page.has_unpublished_changes:
        return False
    for name, value in content.fields.items():
        if getattr(page, name) != value:
            return False
    for name, objects in content.relations.items():
        current = set(getattr(page, name).values_list("pk", flat=True))
        if current != {obj.pk for obj in objects}:
            return False
    for name, rows in content.children.items():
        if not _children_match(page, name, rows):
            return False
    for name, raw in content.stream_fields.items():
        if list(getattr(page, name).get_prep_value()) != raw:
            return False
    return True


def _children_match(page, relation_name, rows):
    """Whether the page's inline children hold ``rows``, in that order.

    Only the keys a row names are compared; the others keep their defaults.
    """
    manager = getattr(page, relation_name)
    children = list(manager.order_by(*filter(None, [_sort_field(manager), "pk"])))
    return len(children) == len(rows) and all(
        {key: getattr(child, key) for key in row} == row
        for child, row in zip(children, _numbered(manager, rows), strict=True)
    )


def _sort_field(manager):
    return getattr(manager.model, "sort_order_field", None)


def _numbered(manager, rows):
    """The rows with their position in the sort order field, if there is one
    (modelcluster leaves it empty unless told)."""
    sort_field = _sort_field(manager)
    if sort_field is None:
        return rows
    return [{**row, sort_field: position} for position, row in enumerate(rows)]


def _apply(page, content):
    for name, value in content.fields.items():
        setattr(page, name, value)
    for name, objects in content.relations.items():
        getattr(page, name).set(objects)
    for name, rows in content.children.items():
        manager = getattr(page, name)
        # Replacing the whole list makes modelcluster delete the old rows on
        # publish, so children are never duplicated.
        setattr(page, name, [manager.model(**row) for row in _numbered(manager, rows)])
    for name, raw in content.stream_fields.items():
        setattr(page, name, raw)
