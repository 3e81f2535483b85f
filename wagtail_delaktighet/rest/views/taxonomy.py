"""The taxonomies: influence levels (the ladder, in order), bodies, topics,
areas and target groups. Few rows each, edited by staff: listed whole,
each once, in the request's language where translated."""

from rest_framework.response import Response

from ...localized_snippets import i18n_enabled, in_active_language
from ...models import Area, Body, InfluenceLevel, TargetGroup, Topic
from ..base import PublicAPIView, documented
from ..serializers.taxonomy import (
    BodySerializer,
    InfluenceLevelSerializer,
    NamedSnippetSerializer,
)


class InfluenceLevelList(PublicAPIView):
    """The influence ladder, in order, each level with its promise."""

    @documented(responses=InfluenceLevelSerializer(many=True))
    def get(self, request):
        ladder = in_active_language(InfluenceLevel.objects.order_by("sort_order", "pk"))
        steps = {level.pk: n for n, level in enumerate(ladder, start=1)}
        serializer = InfluenceLevelSerializer(
            ladder, many=True, context={"request": request, "steps": steps}
        )
        return Response(serializer.data)


def snippet_list_view(model, serializer_class):
    class SnippetList(PublicAPIView):
        __doc__ = f"Every {model._meta.model_name}, by name."

        @documented(
            operation_id=f"{model._meta.model_name}_list",
            responses=serializer_class(many=True),
        )
        def get(self, request):
            rows = in_active_language(model.objects.order_by("name", "pk"))
            if i18n_enabled():
                # By the names shown, which translations may have changed.
                rows.sort(key=lambda row: row.name)
            return Response(serializer_class(rows, many=True).data)

    SnippetList.__name__ = f"{model.__name__}List"
    return SnippetList


BodyList = snippet_list_view(Body, BodySerializer)
TopicList = snippet_list_view(Topic, NamedSnippetSerializer)
AreaList = snippet_list_view(Area, NamedSnippetSerializer)
TargetGroupList = snippet_list_view(TargetGroup, NamedSnippetSerializer)
