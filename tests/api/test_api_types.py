"""Every public field of a dialogue and of its feedback says what type it
is: Wagtail 8's v3 API describes an ``APIField`` with a serializer by the
serializer's return annotation (``{}``, any value, without one)."""

import pytest
import wagtail
from django.test import override_settings

from wagtail_delaktighet import api
from wagtail_delaktighet.models import DialoguePage, DialogueStatus, FeedbackPage

pytestmark = pytest.mark.django_db

#: Wagtail's own StreamField, typed by Wagtail as a list of any blocks.
WAGTAILS_OWN = {"body"}


def untyped(schema, components, path, seen=()):
    """Paths below ``schema`` that accept any value."""
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return []
        return untyped(components[name], components, path, (*seen, name))
    if "anyOf" in schema:
        return [
            found
            for option in schema["anyOf"]
            for found in untyped(option, components, path, seen)
        ]
    if schema.get("type") == "array":
        return untyped(schema.get("items", {}), components, f"{path}[]", seen)
    if schema.get("type") == "object":
        if schema.get("additionalProperties") is True or "properties" not in schema:
            return [path]
        return [
            found
            for key, value in schema["properties"].items()
            for found in untyped(value, components, f"{path}.{key}", seen)
        ]
    if "type" in schema or "enum" in schema or "const" in schema:
        return []
    return [path]


@pytest.mark.skipif(wagtail.VERSION < (8,), reason="Wagtail 8's v3 API")
@override_settings(ROOT_URLCONF="tests.api.v3_urls")
@pytest.mark.parametrize("model", [DialoguePage, FeedbackPage])
def test_v3_openapi_schema_types_every_field(client, model):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    components = response.json()["components"]["schemas"]
    properties = components[f"{model.__name__}Schema"]["properties"]

    own = [field.name for field in model.api_fields]
    assert set(own) <= set(properties)
    found = [
        path
        for name in own
        if name not in WAGTAILS_OWN
        for path in untyped(properties[name], components, name)
    ]
    assert found == []


@pytest.mark.skipif(wagtail.VERSION < (8,), reason="Wagtail 8's v3 API")
@override_settings(ROOT_URLCONF="tests.api.v3_urls")
def test_v3_openapi_schema_names_the_nested_types(client):
    components = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    status = components["DialoguePageSchema"]["properties"]["status"]
    assert {"enum": DialogueStatus.values, "type": "string"} in status["anyOf"]

    level = components["DelaktighetInfluenceLevel"]["properties"]
    assert level["step_count"] == {"title": "Step Count", "type": "integer"}
    activity = components["DelaktighetActivity"]["properties"]
    assert {"format": "date-time", "type": "string"} in activity["starts_at"]["anyOf"]
    contact = components["DelaktighetDialogueContact"]["properties"]
    assert list(contact) == [
        "name",
        "title",
        "kind",
        "body",
        "role",
        "email",
        "phone",
    ]


def test_each_nested_type_has_the_keys_it_renders():
    """On any Wagtail: the declared keys are the rendered ones, in order."""
    for serializer in (api.ActivitySerializer, api.DecisionSerializer):
        keys = list(serializer.representation.__annotations__)
        assert keys == list(serializer.attributes)
    field = api.RelatedListField(child=api.PhaseSerializer())
    assert (
        field.to_representation.__annotations__["return"]
        == list[api.PhaseSerializer.representation]
    )
    status = api.TextChoiceField(DialogueStatus)
    assert status.to_representation(DialogueStatus.OPEN) == "open"
