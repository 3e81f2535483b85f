"""Public models of wagtail-delaktighet (see DESIGN §2 for the names)."""

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
from .dialogue import (
    DecisionFields,
    DialogueActivity,
    DialogueContact,
    DialogueDecision,
    DialogueDocument,
    DialogueIndexPage,
    DialoguePage,
    DialoguePhase,
)
from .influence import InfluenceLevel
from .site_settings import DelaktighetSettings
from .status import DialogueStatus, annotate_status, order_by_status, status_at
from .taxonomy import Area, Body, Method, StrategicGoal, TargetGroup, Topic

__all__ = [
    "Channel",
    "Contribution",
    "ContributionAnswer",
    "ContributionPersonalData",
    "ContributionStatus",
    "OfficialResponse",
    "ParticipationPermission",
    "RejectionReason",
    "Area",
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
    "DialogueStatus",
    "InfluenceLevel",
    "Method",
    "StrategicGoal",
    "TargetGroup",
    "Topic",
    "annotate_status",
    "order_by_status",
    "status_at",
]
