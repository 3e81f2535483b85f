"""Public models of wagtail-delaktighet; their names are part of the public API."""

from .assessments import InvolvementAssessment, InvolvementDecision
from .background import BackgroundAnswer, BackgroundCount
from .contacts import Contact
from .contributions import (
    Channel,
    Contribution,
    ContributionAnswer,
    ContributionPersonalData,
    ContributionStatus,
    OfficialResponse,
    ParticipationPermission,
    RejectionReason,
)
from .data_requests import DataRequest, DataRequestSource
from .dialogue_index import DialogueIndexPage
from .dialogue_inlines import (
    DecisionFields,
    DialogueActivity,
    DialogueContact,
    DialogueDecision,
    DialogueDocument,
    DialoguePhase,
)
from .dialogue_page import DialoguePage
from .evaluation import DialogueEvaluation
from .feedback import (
    FeedbackDecision,
    FeedbackItem,
    FeedbackKind,
    FeedbackMilestone,
    FeedbackOutcome,
    FeedbackPage,
    MilestoneStatus,
)
from .following import Subscription, SubscriptionSource
from .influence import InfluenceLevel
from .outbox import OutboxEmail, OutboxKind
from .plan_page import DialoguePlanPage
from .register_page import InvolvementRegisterPage
from .result_counts import DialogueParticipant, ResultCount, ResultsVersion
from .site_settings import DelaktighetSettings
from .status import (
    DialogueStatus,
    annotate_status,
    feedback_is_overdue,
    order_by_status,
    status_at,
)
from .taxonomy import Area, Body, Method, StrategicGoal, TargetGroup, Topic

__all__ = [
    "BackgroundAnswer",
    "BackgroundCount",
    "Channel",
    "Contribution",
    "DialogueParticipant",
    "ResultCount",
    "ResultsVersion",
    "ContributionAnswer",
    "ContributionPersonalData",
    "ContributionStatus",
    "OfficialResponse",
    "ParticipationPermission",
    "RejectionReason",
    "Area",
    "InvolvementAssessment",
    "InvolvementDecision",
    "InvolvementRegisterPage",
    "DataRequest",
    "DataRequestSource",
    "Body",
    "Contact",
    "DecisionFields",
    "DelaktighetSettings",
    "DialogueActivity",
    "DialogueContact",
    "DialogueDecision",
    "DialogueDocument",
    "DialogueIndexPage",
    "DialoguePage",
    "DialoguePhase",
    "DialogueEvaluation",
    "DialoguePlanPage",
    "DialogueStatus",
    "FeedbackDecision",
    "FeedbackItem",
    "FeedbackKind",
    "FeedbackMilestone",
    "FeedbackOutcome",
    "FeedbackPage",
    "MilestoneStatus",
    "OutboxEmail",
    "OutboxKind",
    "Subscription",
    "SubscriptionSource",
    "InfluenceLevel",
    "Method",
    "StrategicGoal",
    "TargetGroup",
    "Topic",
    "annotate_status",
    "feedback_is_overdue",
    "order_by_status",
    "status_at",
]
