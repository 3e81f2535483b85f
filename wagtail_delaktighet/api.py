"""Serializers for the public fields of a dialogue in Wagtail's API.

``DialoguePage.api_fields`` uses them through ``APIField(serializer=...)``
(API v2; Wagtail 8's v3 API reads the same declarations). Every nested object
lists its fields explicitly, so a new model field never becomes public by
accident (privacy by design). Lists are read in one query each, with their
related rows, so a response does not grow in queries with the number of
phases, activities, contacts or documents.
"""

from typing import Any

from rest_framework import serializers


class RelatedListField(serializers.ListField):
    """A to-many relation (manager) as a list, fetched in one query."""

    def __init__(self, *, select_related=(), **kwargs):
        self.select_related = tuple(select_related)
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, data) -> list[dict[str, Any]]:
        items = data.all()
        # Rows prefetched by the pages endpoint (api_views.py) come with their
        # related rows already; select_related() would fetch them again.
        if self.select_related and not is_loaded(items):
            items = items.select_related(*self.select_related)
        return super().to_representation(items)


def is_loaded(items) -> bool:
    """Whether a queryset's rows are already in memory (prefetched)."""
    return getattr(items, "_result_cache", None) is not None


class NamedSnippetSerializer(serializers.Serializer):
    """Target groups, areas, topics and methods."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class StrategicGoalSerializer(NamedSnippetSerializer):
    url = serializers.CharField(read_only=True)


class BodySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    kind = serializers.CharField(read_only=True)
    url = serializers.CharField(read_only=True)


class InfluenceLevelSerializer(serializers.Serializer):
    """The level with its promise and its step on the ladder ("3 of 5")."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    promise = serializers.CharField(read_only=True)
    explanation = serializers.CharField(read_only=True)
    accepts_input = serializers.BooleanField(read_only=True)
    requires_feedback_date = serializers.BooleanField(read_only=True)
    step = serializers.SerializerMethodField()
    step_count = serializers.SerializerMethodField()

    def _ladder_ids(self):
        # Imported here: the models import this module.
        from .models.influence import ladder_for

        # The ladder is loaded once per request, however many dialogues list.
        return [level.pk for level in ladder_for(self.context)]

    def get_step(self, level) -> int | None:
        ids = self._ladder_ids()
        return ids.index(level.pk) + 1 if level.pk in ids else None

    def get_step_count(self, level) -> int:
        return len(self._ladder_ids())


class PhaseSerializer(serializers.Serializer):
    kind = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    starts_on = serializers.DateField(read_only=True)
    ends_on = serializers.DateField(read_only=True)
    description = serializers.CharField(read_only=True)


class ActivitySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    title = serializers.CharField(read_only=True)
    method = NamedSnippetSerializer(read_only=True)
    starts_at = serializers.DateTimeField(read_only=True)
    ends_at = serializers.DateTimeField(read_only=True)
    place = serializers.CharField(read_only=True)
    address = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)
    hearing_loop = serializers.BooleanField(read_only=True)
    interpreter = serializers.CharField(read_only=True)
    step_free_access = serializers.BooleanField(read_only=True)
    easy_read = serializers.BooleanField(read_only=True)
    accessibility_notes = serializers.CharField(read_only=True)
    registration_url = serializers.CharField(read_only=True)


class DialogueContactSerializer(serializers.Serializer):
    """Who is listening (P8): the person, their kind, body and role.

    An official's email and phone are public contact details by design; an
    elected representative's are not published here.
    """

    name = serializers.CharField(source="contact.name", read_only=True)
    title = serializers.CharField(source="contact.title", read_only=True)
    kind = serializers.CharField(source="contact.kind", read_only=True)
    body = BodySerializer(source="contact.body", read_only=True)
    role = serializers.CharField(read_only=True)
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()

    def get_email(self, dialogue_contact) -> str | None:
        contact = dialogue_contact.contact
        return None if contact.is_elected else contact.email

    def get_phone(self, dialogue_contact) -> str | None:
        contact = dialogue_contact.contact
        return None if contact.is_elected else contact.phone


class DocumentSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    href = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


class DecisionSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    body = BodySerializer(read_only=True)
    decided_on = serializers.DateField(read_only=True)
    paragraph = serializers.CharField(read_only=True)
    case_number = serializers.CharField(read_only=True)
    minutes_url = serializers.CharField(read_only=True)


class FeedbackItemSerializer(serializers.Serializer):
    theme = serializers.CharField(read_only=True)
    you_said = serializers.CharField(read_only=True)
    our_response = serializers.CharField(read_only=True)
    outcome = serializers.CharField(read_only=True)
    reason = serializers.CharField(read_only=True)


class MilestoneSerializer(serializers.Serializer):
    title = serializers.CharField(read_only=True)
    due_on = serializers.DateField(read_only=True)
    status = serializers.CharField(read_only=True)
    description = serializers.CharField(read_only=True)


def snippet_list(serializer=NamedSnippetSerializer):
    """A many-to-many field of snippets as a list."""
    return RelatedListField(child=serializer())
