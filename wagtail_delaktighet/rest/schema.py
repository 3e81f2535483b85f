"""OpenAPI descriptions of the pages API's read-only fields (api.py), which
the API's serializers nest: each lists its public keys with a render
function, from which the schema of its object follows."""

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import build_basic_type, build_object_type
from drf_spectacular.types import OpenApiTypes

from .. import api

RENDERED_TYPES = {
    api.render_text: OpenApiTypes.STR,
    api.render_integer: OpenApiTypes.INT,
    api.render_boolean: OpenApiTypes.BOOL,
    api.render_date: OpenApiTypes.DATE,
    api.render_datetime: OpenApiTypes.DATETIME,
}

#: Keys some objects add to their ``attributes`` in ``to_representation``.
EXTRA_KEYS = {
    api.InfluenceLevelSerializer: {
        "step": OpenApiTypes.INT,
        "step_count": OpenApiTypes.INT,
    },
    api.DialogueContactSerializer: {
        "role": OpenApiTypes.STR,
        "email": OpenApiTypes.STR,
        "phone": OpenApiTypes.STR,
    },
}


def nullable(schema):
    return {**schema, "nullable": True}


def object_schema(field_class):
    """The schema of a ``ReadOnlyObject`` subclass's output; every value may
    be null, as the field renders a missing one."""
    attributes = (
        getattr(field_class, "contact_attributes", None) or field_class.attributes
    )
    properties = {}
    for key, render in attributes.items():
        nested = getattr(render, "__self__", None)
        if isinstance(nested, api.ReadOnlyObject):
            properties[key] = nullable(object_schema(type(nested)))
        else:
            properties[key] = nullable(build_basic_type(RENDERED_TYPES[render]))
    for key, kind in EXTRA_KEYS.get(field_class, {}).items():
        properties[key] = nullable(build_basic_type(kind))
    return build_object_type(properties=properties)


class ReadOnlyObjectExtension(OpenApiSerializerFieldExtension):
    target_class = api.ReadOnlyObject
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        return object_schema(type(self.target))
