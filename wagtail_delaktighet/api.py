"""Serializers for the public fields of a dialogue in Wagtail's API.

``DialoguePage.api_fields`` uses them through ``APIField(serializer=...)``
(API v2; Wagtail 8's v3 API reads the same declarations). Every nested object
lists its fields explicitly, so a new model field never becomes public by
accident (privacy by design). Lists are read in one query each, with their
related rows, so a response does not grow in queries with the number of
phases, activities, contacts or documents.

The nested objects are plain read-only fields that build their dict from a
fixed list of attributes, not DRF serializers: a listing of a hundred
dialogues serializes thousands of them, and a serializer's per-field
machinery (binding, ``get_attribute``, ``SkipField``) was most of the time.
Each value is rendered exactly as the serializer field it replaces renders it
(``render_*`` below), so the output is the same.

Every field says what it returns: a nested object's ``representation`` is a
TypedDict built from its ``attributes``, and ``to_representation`` carries it
as its return annotation. Wagtail 8's v3 API types an ``APIField``'s
serializer from that annotation (its OpenAPI schema and ``/schema/``
discovery); without one a field is ``{}``, any value. API v2 ignores it.
"""

import types
from datetime import date, datetime
from typing import Any, Literal, get_type_hints

from rest_framework import serializers

# Pydantic (Wagtail 8's v3 API) reads TypedDicts from typing_extensions on
# Python < 3.12.
from typing_extensions import TypedDict

#: Where the pages endpoint (api_views.py) leaves a dialogue's related lists,
#: read in bulk: ``<prefix><field name>``.
PREFETCHED_PREFIX = "api_rows_"

_BOOLEAN = serializers.BooleanField()
_DATE = serializers.DateField()
_DATETIME = serializers.DateTimeField()


def render_text(value) -> str:
    return str(value)


def render_integer(value) -> int:
    return int(value)


def render_boolean(value) -> bool:
    return _BOOLEAN.to_representation(value)


def render_date(value):
    return _DATE.to_representation(value)


def render_datetime(value):
    # DRF's rendering: in the current time zone, ISO 8601, "Z" for UTC.
    return _DATETIME.to_representation(value)


#: Before the name of each nested object's type, so that names such as
#: "Body" or "Document" do not meet another app's in an OpenAPI schema.
SCHEMA_PREFIX = "Delaktighet"

#: The type a render function's ISO string stands for in a schema (a date
#: or date-time string, as Wagtail 8 types the model's own date fields).
SCHEMA_TYPES = {render_date: date, render_datetime: datetime}


def value_type(render):
    """What ``render`` returns, for a schema; ``None`` stays ``None``."""
    found = SCHEMA_TYPES.get(render) or get_type_hints(render).get("return", Any)
    return found | None


def object_type(name, attributes, **more):
    """A TypedDict with the keys of ``attributes`` (render functions) and
    ``more`` (types), in order."""
    fields = {key: value_type(render) for key, render in attributes.items()}
    return TypedDict(name, {**fields, **more})


def returning(function, return_type):
    """``function`` with ``return_type`` as its return annotation: the same
    code, so no extra call per value."""
    copy = types.FunctionType(
        function.__code__,
        function.__globals__,
        function.__name__,
        function.__defaults__,
        function.__closure__,
    )
    copy.__kwdefaults__ = function.__kwdefaults__
    copy.__qualname__ = function.__qualname__
    copy.__annotations__ = {**function.__annotations__, "return": return_type}
    return copy


class ReadOnlyObject(serializers.Field):
    """A nested object: ``attributes`` maps each public key to a render
    function; ``None`` stays ``None``, as with DRF's serializer fields."""

    attributes: dict[str, Any] = {}
    #: What ``to_representation`` returns; built from ``attributes`` unless
    #: a subclass that renders more keys declares it.
    representation: Any = dict[str, Any]

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "representation" not in cls.__dict__:
            name = cls.__name__.removesuffix("Serializer")
            cls.representation = object_type(SCHEMA_PREFIX + name, cls.attributes)
        cls.to_representation = returning(cls.to_representation, cls.representation)

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        data = {}
        for key, render in self.attributes.items():
            attribute = getattr(value, key)
            data[key] = None if attribute is None else render(attribute)
        return data


def nested(object_class):
    """Render a related object with ``object_class`` (a ReadOnlyObject)."""
    render = object_class().to_representation
    SCHEMA_TYPES[render] = object_class.representation
    return render


class RelatedListField(serializers.ListField):
    """A to-many relation (manager) as a list, fetched in one query."""

    def __init__(self, *, select_related=(), **kwargs):
        self.select_related = tuple(select_related)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)
        # A list of what the child renders (see ReadOnlyObject).
        item = getattr(self.child, "representation", Any)
        render = returning(type(self).to_representation, list[item])
        self.to_representation = types.MethodType(render, self)

    def get_attribute(self, instance):
        # Rows the pages endpoint read in bulk for the whole listing.
        rows = getattr(instance, PREFETCHED_PREFIX + self.source, None)
        if rows is not None:
            return rows
        return super().get_attribute(instance)

    def to_representation(self, data) -> list[dict[str, Any]]:
        if isinstance(data, list):
            items = data
        else:
            items = data.all()
            # Rows prefetched by Django come with their related rows already;
            # select_related() would fetch them again.
            if self.select_related and not is_loaded(items):
                items = items.select_related(*self.select_related)
        render = self.child.to_representation
        return [None if item is None else render(item) for item in items]


def is_loaded(items) -> bool:
    """Whether a queryset's rows are already in memory (prefetched)."""
    return getattr(items, "_result_cache", None) is not None


class NamedSnippetSerializer(ReadOnlyObject):
    """Target groups, areas, topics and methods."""

    attributes = {
        "id": render_integer,
        "name": render_text,
        "description": render_text,
    }


class StrategicGoalSerializer(NamedSnippetSerializer):
    attributes = {**NamedSnippetSerializer.attributes, "url": render_text}


class TextChoiceField(serializers.Field):
    """A value of ``choices`` (Django ``TextChoices``), such as a dialogue's
    status, typed as one of them."""

    def __init__(self, choices, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)
        self.choices = choices
        one_of = Literal[tuple(choices.values)]
        self.to_representation = types.MethodType(
            returning(type(self).to_representation, one_of), self
        )

    def to_representation(self, value) -> str:
        return str(value)


class BodySerializer(ReadOnlyObject):
    attributes = {
        "id": render_integer,
        "name": render_text,
        "kind": render_text,
        "url": render_text,
    }


class InfluenceLevelSerializer(ReadOnlyObject):
    """The level with its promise and its step on the ladder ("3 of 5")."""

    attributes = {
        "id": render_integer,
        "name": render_text,
        "promise": render_text,
        "explanation": render_text,
        "accepts_input": render_boolean,
        "requires_feedback_date": render_boolean,
    }
    representation = object_type(
        SCHEMA_PREFIX + "InfluenceLevel", attributes, step=int | None, step_count=int
    )

    def to_representation(self, value):
        # Imported here: the models import this module.
        from .models.influence import ladder_for

        data = super().to_representation(value)
        # The ladder is loaded once per request, however many dialogues list.
        # A step is found by translation key: the level may be a translation.
        keys = [level.translation_key for level in ladder_for(self.context)]
        key = getattr(value, "translation_key", None)
        data["step"] = keys.index(key) + 1 if key in keys else None
        data["step_count"] = len(keys)
        return data


class PhaseSerializer(ReadOnlyObject):
    attributes = {
        "kind": render_text,
        "title": render_text,
        "starts_on": render_date,
        "ends_on": render_date,
        "description": render_text,
    }


class ActivitySerializer(ReadOnlyObject):
    attributes = {
        "id": render_integer,
        "title": render_text,
        "method": nested(NamedSnippetSerializer),
        "starts_at": render_datetime,
        "ends_at": render_datetime,
        "place": render_text,
        "address": render_text,
        "description": render_text,
        "hearing_loop": render_boolean,
        "interpreter": render_text,
        "step_free_access": render_boolean,
        "easy_read": render_boolean,
        "accessibility_notes": render_text,
        "registration_url": render_text,
    }


class DialogueContactSerializer(ReadOnlyObject):
    """Who is listening (P8): the person, their kind, body and role.

    An official's email and phone are public contact details by design; an
    elected representative's are not published here.
    """

    contact_attributes = {
        "name": render_text,
        "title": render_text,
        "kind": render_text,
        "body": nested(BodySerializer),
    }
    representation = object_type(
        SCHEMA_PREFIX + "DialogueContact",
        contact_attributes,
        role=str | None,
        email=str | None,
        phone=str | None,
    )

    def to_representation(self, value):
        contact = value.contact
        data = {}
        for key, render in self.contact_attributes.items():
            attribute = getattr(contact, key)
            data[key] = None if attribute is None else render(attribute)
        data["role"] = None if value.role is None else render_text(value.role)
        private = contact.is_elected
        for key in ("email", "phone"):
            data[key] = None if private else getattr(contact, key)
        return data


class DocumentSerializer(ReadOnlyObject):
    attributes = {
        "title": render_text,
        "href": render_text,
        "description": render_text,
    }


class DecisionSerializer(ReadOnlyObject):
    attributes = {
        "title": render_text,
        "body": nested(BodySerializer),
        "decided_on": render_date,
        "paragraph": render_text,
        "case_number": render_text,
        "minutes_url": render_text,
    }


class FeedbackItemSerializer(ReadOnlyObject):
    attributes = {
        "theme": render_text,
        "you_said": render_text,
        "our_response": render_text,
        "outcome": render_text,
        "reason": render_text,
    }


class MilestoneSerializer(ReadOnlyObject):
    attributes = {
        "title": render_text,
        "due_on": render_date,
        "status": render_text,
        "description": render_text,
    }


def snippet_list(serializer=NamedSnippetSerializer):
    """A many-to-many field of snippets as a list."""
    return RelatedListField(child=serializer())
