"""The API's URLs, included by the package's under ``api/v1/`` (namespace
``wagtail_delaktighet:api_v1``)."""

from django.urls import path

from .. import converters  # noqa: F401 - registers <dlk_id:…>
from .views import (
    blocks,
    dialogues,
    feedback,
    following,
    participants,
    schema,
    taxonomy,
)

app_name = "api_v1"

urlpatterns = [
    path("dialogues/", dialogues.DialogueList.as_view(), name="dialogue-list"),
    path(
        "dialogues/<dlk_id:page_id>/",
        dialogues.DialogueDetail.as_view(),
        name="dialogue-detail",
    ),
    path(
        "dialogues/<dlk_id:page_id>/blocks/",
        blocks.BlockList.as_view(),
        name="block-list",
    ),
    path(
        "dialogues/<dlk_id:page_id>/blocks/<str:block_id>/contributions/",
        blocks.ContributionList.as_view(),
        name="contribution-list",
    ),
    path(
        "dialogues/<dlk_id:page_id>/blocks/<str:block_id>/results/",
        blocks.BlockResults.as_view(),
        name="block-results",
    ),
    path(
        "dialogues/<dlk_id:page_id>/feedback/",
        feedback.FeedbackList.as_view(),
        name="feedback-list",
    ),
    path(
        "dialogues/<dlk_id:page_id>/follow/",
        following.Follow.as_view(),
        name="follow",
    ),
    path(
        "dialogues/<dlk_id:page_id>/follow/confirm/",
        following.Confirm.as_view(),
        name="follow-confirm",
    ),
    path(
        "dialogues/<dlk_id:page_id>/follow/unsubscribe/",
        following.Unsubscribe.as_view(),
        name="follow-unsubscribe",
    ),
    path(
        "participants/", participants.ParticipantTokens.as_view(), name="participants"
    ),
    path(
        "influence-levels/",
        taxonomy.InfluenceLevelList.as_view(),
        name="influence-levels",
    ),
    path("bodies/", taxonomy.BodyList.as_view(), name="bodies"),
    path("topics/", taxonomy.TopicList.as_view(), name="topics"),
    path("areas/", taxonomy.AreaList.as_view(), name="areas"),
    path("target-groups/", taxonomy.TargetGroupList.as_view(), name="target-groups"),
    path("schema/", schema.Schema.as_view(), name="schema"),
    path("docs/", schema.Docs.as_view(), name="docs"),
]
