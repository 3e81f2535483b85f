"""Named snippets of several kinds read in one query.

A page that lists several relations (a dialogue's bodies, target groups,
areas, topics…; the index's filter choices) would spend one query on each.
Here each relation is a SELECT of the same columns, tagged with a name, and
the parts go to the database as one UNION ALL, ordered by name within each
part as each snippet model orders itself (``NamedSnippet.Meta``).
"""

from django.db.models import CharField, F, Value

#: The columns of every part of the union, in order.
COLUMNS = (
    "part",
    "part_pk",
    "part_name",
    "part_description",
    "part_url",
    "part_kind",
    # Which translation it is, so a page can show it in its own locale
    # (localized_snippets.py).
    "part_locale",
    "part_translation_key",
)

#: Columns a model lacks are read as empty text.
EMPTY = Value("", output_field=CharField())

#: The fields beyond name and description that some snippets have.
OPTIONAL = ("url", "kind")


def model_fields(model):
    return {field.name for field in model._meta.concrete_fields}


def tagged(part, queryset):
    """``queryset``'s rows as the union's columns, tagged with ``part``."""
    fields = model_fields(queryset.model)
    optional = {
        f"part_{name}": F(name) if name in fields else EMPTY for name in OPTIONAL
    }
    return (
        queryset.order_by()
        .annotate(
            part=Value(part, output_field=CharField()),
            part_pk=F("pk"),
            part_name=F("name"),
            part_description=F("description"),
            **optional,
            part_locale=F("locale_id"),
            part_translation_key=F("translation_key"),
        )
        .values_list(*COLUMNS)
    )


def build(
    model, pk, name, description, url, kind, locale_id=None, translation_key=None
):
    # Rows cached before snippets were translatable lack the last two columns.
    fields = model_fields(model)
    values = {
        "pk": pk,
        "name": name,
        "description": description,
        "locale_id": locale_id,
        # Text on databases without a UUID type.
        "translation_key": model._meta.get_field("translation_key").to_python(
            translation_key
        ),
    }
    values.update(
        (key, value) for key, value in (("url", url), ("kind", kind)) if key in fields
    )
    return model(**values)


def union_of(parts):
    """The one query of ``read_together``: rows of (part, *columns)."""
    queries = [tagged(part, queryset) for part, queryset in parts.items()]
    return queries[0].union(*queries[1:], all=True).order_by("part", "part_name")


def collect(models, rows):
    """{part: [snippet, …]} from the union's rows; ``models`` is
    {part: snippet model}, every part present even without rows."""
    result = {part: [] for part in models}
    for part, *columns in rows:
        result[part].append(build(models[part], *columns))
    return result


def read_together(parts):
    """{part: [snippet, …]} for ``parts``, {part: queryset of named
    snippets}, each list ordered by name, in one query."""
    if not parts:
        return {}
    models = {part: queryset.model for part, queryset in parts.items()}
    return collect(models, union_of(parts))
