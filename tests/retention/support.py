"""A dialogue that people took part in through the test client, with
distinctive personal data ("canaries") in every place it can be, then
closed long ago: what the anonymisation tests start from."""

import re
from dataclasses import dataclass, field
from datetime import timedelta
from io import StringIO

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from tests.feedback.support import make_feedback
from tests.participation.support import poll, question, views
from wagtail_delaktighet.models import (
    Contribution,
    DialoguePage,
    OutboxEmail,
    Subscription,
)
from wagtail_delaktighet.models.outbox import OutboxKind
from wagtail_delaktighet.moderation import decisions

#: Every canary holds this, so one search finds them all.
CANARY = "kanarie"
NAMES = ["Kanarie Namnsson", "Kanarie Andersdotter"]
EMAILS = ["kanarie-namn@example.org", "kanarie-andra@example.org"]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
SUBMISSION_KEY = re.compile(r'submission_key" value="[0-9a-f]{32}"')


def binding(block):
    name, value = block
    return name, {**value, "require_login": True}


def body():
    return [
        views(),
        question(),
        poll(show_results="after_closing"),
        binding(poll(show_results="after_closing")),
    ]


@dataclass
class TakenPart:
    dialogue: object
    feedback: object = None
    participant_keys: list = field(default_factory=list)
    resident: object = None

    @property
    def page(self):
        return self.dialogue.page


def take_part(dialogue, new_client, moderator):
    """Two people send views and questions with their names and emails,
    and vote; one of them as a logged-in resident in the binding poll."""
    resident = get_user_model().objects.create_user(
        "kanarie-konto", email="kanarie-konto@example.org", password="x"
    )
    views_block, question_block = dialogue.block("views"), dialogue.block("question")
    open_poll, binding_poll = dialogue.block("poll", 0), dialogue.block("poll", 1)
    for number, (name, email) in enumerate(zip(NAMES, EMAILS, strict=True)):
        client = new_client()
        if number == 0:
            client.force_login(resident)
        personal = {"name": name, "email": email, "consent": "on"}
        views_block.post(
            client,
            {"text": f"Fler bänkar {number}.", "display_name": name, **personal},
        )
        question_block.post(client, {"question": f"När {number}?", **personal})
        open_poll.post(client, {"choice": open_poll.option_ids()[number]})
        if number == 0:
            binding_poll.post(client, {"choice": binding_poll.option_ids()[0]})
    for contribution in Contribution.objects.filter(page=dialogue.page):
        decisions.approve(contribution, user=moderator)
    assert Contribution.objects.filter(page=dialogue.page, account=resident).exists()
    return resident


def follow_and_mail(page):
    """A confirmed follower, an unconfirmed one, one who stopped, and an
    email sent to each long ago."""
    now = timezone.now()
    for number, (email, confirmed, stopped) in enumerate(
        [
            ("kanarie-foljer@example.org", now, None),
            ("kanarie-vantar@example.org", None, None),
            ("kanarie-slutat@example.org", now, now),
        ]
    ):
        Subscription.objects.create(
            page=page, email=email, confirmed_at=confirmed, unsubscribed_at=stopped
        )
        OutboxEmail.objects.create(
            key=f"test:{page.pk}:{number}",
            kind=OutboxKind.FEEDBACK,
            page=page,
            recipient=email,
            subject="Återkoppling",
            body=f"Hej {email}",
            unsubscribe_url=f"https://alvby.example/sluta/{CANARY}{number}/",
            created_at=now - timedelta(days=400),
            sent_at=now - timedelta(days=400),
        )


def close(page, *, days_ago):
    """Close the dialogue ``days_ago`` days ago."""
    now = timezone.now()
    DialoguePage.objects.filter(pk=page.pk).update(
        opens_at=now - timedelta(days=days_ago + 30),
        closes_at=now - timedelta(days=days_ago),
        feedback_promised_on=(now - timedelta(days=days_ago - 10)).date(),
    )
    page.refresh_from_db()


def seed(dialogue, new_client, moderator, *, closed_days_ago=400, feedback=True):
    resident = take_part(dialogue, new_client, moderator)
    follow_and_mail(dialogue.page)
    close(dialogue.page, days_ago=closed_days_ago)
    taken = TakenPart(dialogue, resident=resident)
    if feedback:
        # Announced to the follower and the contributors who consented.
        taken.feedback = make_feedback(dialogue.page)
        call_command("delaktighet_send_pending_emails", stdout=StringIO())
        assert not OutboxEmail.objects.filter(sent_at=None).exists()
    taken.participant_keys = [
        key
        for key in Contribution.objects.filter(page=dialogue.page).values_list(
            "dialogue_participant_key", flat=True
        )
        if key
    ]
    assert len(set(taken.participant_keys)) == 2
    return taken


# -- reading what is stored --------------------------------------------------


def package_models():
    models_ = apps.get_app_config("wagtail_delaktighet").get_models()
    return [model for model in models_ if model._meta.managed]


def text_fields(model):
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and field.concrete
    ]


def canaries_left(needles=(CANARY,)):
    """(model, field, pk) of every text of the package holding a needle."""
    found = []
    for model in package_models():
        for name in text_fields(model):
            for needle in needles:
                rows = model.objects.filter(**{f"{name}__icontains": needle})
                found += [
                    (model.__name__, name, pk)
                    for pk in rows.values_list("pk", flat=True)
                ]
    return found


def every_row():
    """Every stored row of the package, to see that nothing changed."""
    return {
        model.__name__: sorted(
            (
                tuple(sorted((name, comparable(v)) for name, v in row.items()))
                for row in model.objects.values()
            ),
            key=repr,
        )
        for model in package_models()
    }


def comparable(value):
    # A StreamField's value compares by identity; its stored form by value.
    return value.get_prep_value() if hasattr(value, "get_prep_value") else value


def without_tokens(response):
    html = response.content.decode()
    return SUBMISSION_KEY.sub("", CSRF.sub("", html))
