"""Everything stored about one email address, for the person it belongs to
(or staff answering them): the contributions they gave it with, what they
follow, and the emails sent to it.

Addresses are matched whatever their case: people type them differently
from one time to the next.
"""

from dataclasses import dataclass, field

from django.utils import timezone

from ..models import (
    Contribution,
    ContributionPersonalData,
    OutboxEmail,
    Subscription,
)
from ..participation.background import readable


def contributions_of(email):
    return Contribution.objects.filter(personal_data__email__iexact=email.strip())


def subscriptions_of(email):
    return Subscription.objects.filter(email__iexact=email.strip())


def emails_to(email):
    return OutboxEmail.objects.filter(recipient__iexact=email.strip())


def has_data(email):
    """Whether the address is stored with a contribution or a subscription."""
    return bool(email) and (
        ContributionPersonalData.objects.filter(email__iexact=email.strip())
        .exclude(email="")
        .exists()
        or subscriptions_of(email).exists()
    )


@dataclass
class PersonalDataReport:
    email: str
    generated_at: object = None
    contributions: list = field(default_factory=list)
    subscriptions: list = field(default_factory=list)
    emails: list = field(default_factory=list)

    @property
    def is_empty(self):
        return not (self.contributions or self.subscriptions or self.emails)

    def as_json(self):
        """Plain values only, ready for ``json.dumps``."""
        return {
            "email": self.email,
            "generated_at": iso(self.generated_at),
            "contributions": [
                {**item, "submitted_at": iso(item["submitted_at"])}
                for item in self.contributions
            ],
            "subscriptions": [
                {key: iso(value) for key, value in item.items()}
                for item in self.subscriptions
            ],
            "emails": [
                {key: iso(value) for key, value in item.items()} for item in self.emails
            ],
        }


def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def collect(email):
    return PersonalDataReport(
        email=email,
        generated_at=timezone.now(),
        contributions=[
            describe_contribution(contribution, blocks)
            for contribution, blocks in with_blocks(
                contributions_of(email)
                .select_related("personal_data", "page")
                .prefetch_related("background_answers")
                .order_by("created_at", "pk")
            )
        ],
        subscriptions=[
            {
                "dialogue": subscription.page.title,
                "source": str(subscription.get_source_display()),
                "created_at": subscription.created_at,
                "confirmed_at": subscription.confirmed_at,
                "unsubscribed_at": subscription.unsubscribed_at,
            }
            for subscription in subscriptions_of(email)
            .select_related("page")
            .order_by("created_at", "pk")
        ],
        emails=[
            {
                "subject": outbox_email.subject,
                "created_at": outbox_email.created_at,
                "sent_at": outbox_email.sent_at,
            }
            for outbox_email in emails_to(email).order_by("created_at", "pk")
        ],
    )


def with_blocks(contributions):
    """Each contribution with the described blocks of its dialogue, read
    once per dialogue."""
    from ..admin.contribution_content import dialogue_blocks

    described = {}
    for contribution in contributions:
        if contribution.page_id not in described:
            page = contribution.page.specific
            described[contribution.page_id] = (
                dialogue_blocks(page) if hasattr(page, "consultation_blocks") else {}
            )
        yield contribution, described[contribution.page_id]


def describe_contribution(contribution, blocks):
    from ..admin.contribution_content import BlockTypes, removed_block

    info = blocks.get(contribution.block_id) or removed_block(
        contribution, BlockTypes()
    )
    personal = contribution.personal_data
    return {
        "receipt": contribution.receipt or "",
        "dialogue": contribution.page.title,
        "part": str(info.label),
        "submitted_at": contribution.created_at,
        "status": str(contribution.get_status_display()),
        "channel": str(contribution.get_channel_display()),
        "display_name": contribution.display_name,
        "text": info.text(contribution),
        "answers": [
            [str(question), str(answer)]
            for question, answer in info.readable_answers(contribution)
        ],
        "name": personal.name,
        "email": personal.email,
        "consent": personal.consent,
        "consent_given_at": iso(personal.consent_given_at),
        # The voluntary background answers, as asked and answered.
        "background": [
            [question, answer] for question, answer in readable(contribution)
        ],
    }
