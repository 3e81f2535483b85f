"""Voluntary background questions with every form of a dialogue that asks
them (``DialoguePage.ask_background_questions``).

The questions are the site's (``DelaktighetSettings.background_questions``),
so every dialogue asks the same. They are added to the shared
``ContributionForm`` by the participation service and the page's view, so
every consultation block, a project's own too, gets them with no change to
the block. Each is optional and offers "prefer not to say"; the answers are
stored apart from the content (``BackgroundAnswer``), never public.

When a contribution's personal data goes (retention, erasure), its
background answers go too; they are first folded into ``BackgroundCount``,
counts per dialogue that name nobody, so representativeness can still be
reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.db import transaction
from django.db.models import Count, F
from django.utils.translation import gettext_lazy as _

from ..consultations import consultation_page
from ..models.background import BackgroundAnswer, BackgroundCount
from ..models.site_settings import DelaktighetSettings

#: The answer key of "prefer not to say"; option ids are uuids, never this.
PREFER_NOT_TO_SAY = "prefer_not_to_say"
#: Form field names of background questions start with this.
FIELD_PREFIX = "background_"


@dataclass(frozen=True)
class BackgroundQuestion:
    key: str
    text: str
    options: tuple[tuple[str, str], ...]
    #: (option key, percent) of the options whose share of the reference
    #: population the settings give.
    population_shares: tuple[tuple[str, Decimal], ...] = ()
    #: Where those shares come from, such as "SCB, 31 Dec 2025".
    population_source: str = ""

    @property
    def field_name(self):
        return f"{FIELD_PREFIX}{self.key}"

    def choices(self):
        return [*self.options, (PREFER_NOT_TO_SAY, _("Prefer not to say"))]


def site_questions(site_settings) -> list[BackgroundQuestion]:
    """The questions defined in a site's participation settings."""
    questions = []
    for child in site_settings.background_questions or ():
        items = [
            item for item in child.value["options"].bound_blocks if item.value["label"]
        ]
        options = tuple((item.id, str(item.value["label"])) for item in items)
        if child.value["question"] and options:
            questions.append(
                BackgroundQuestion(
                    child.id,
                    str(child.value["question"]),
                    options,
                    population_shares=tuple(
                        (item.id, item.value["population_share"])
                        for item in items
                        if item.value["population_share"] is not None
                    ),
                    population_source=child.value.get("population_source") or "",
                )
            )
    return questions


def questions_for(page, *, request=None) -> list[BackgroundQuestion]:
    """The background questions ``page`` asks: none unless the dialogue asks
    them; then its site's (read for ``request`` where there is one, from the
    cached settings)."""
    if not getattr(page, "ask_background_questions", False):
        return []
    if request is not None:
        site_settings = DelaktighetSettings.for_request(request)
    else:
        site = page.get_site()
        if site is None:
            return []
        site_settings = DelaktighetSettings.for_site(site)
    return site_questions(site_settings)


def add_questions(form, questions):
    """Add the background questions to a block's form (bound or not)."""
    for question in questions:
        form.fields[question.field_name] = forms.ChoiceField(
            label=question.text,
            choices=question.choices(),
            required=False,
            widget=forms.RadioSelect,
            error_messages={
                "invalid_choice": _(
                    "Choose one of the answers offered, or skip the question."
                )
            },
        )
    form.background_questions = list(questions)
    return form


def with_background(form, page, *, request=None):
    """``form`` with ``page``'s background questions, if it asks any."""
    if getattr(form, "background_questions", None):
        return form
    return add_questions(form, questions_for(page, request=request))


def answers_in(form):
    """(question, answer key, answer text) of each question answered."""
    answered = []
    for question in getattr(form, "background_questions", ()):
        answer_key = form.cleaned_data.get(question.field_name)
        if answer_key:
            answered.append(
                (question, answer_key, str(dict(question.choices())[answer_key]))
            )
    return answered


def store(contribution, form):
    """Store the background answers of a valid form with its contribution."""
    BackgroundAnswer.objects.bulk_create(
        BackgroundAnswer(
            contribution=contribution,
            page_id=contribution.page_id,
            question_key=question.key,
            question=question.text[:255],
            answer_key=answer_key,
            answer=answer[:255],
        )
        for question, answer_key, answer in answers_in(form)
    )


def fingerprint(form):
    """The answers as plain data, for the submission's idempotency key."""
    return [(question.key, answer_key) for question, answer_key, _ in answers_in(form)]


def forget(contributions):
    """Fold the background answers of ``contributions`` (a queryset) into
    their dialogues' counts, then delete them. Run in one transaction, so no
    answer is counted twice or lost."""
    return forget_rows(BackgroundAnswer.objects.filter(contribution__in=contributions))


def forget_rows(rows):
    """Fold the background answers ``rows`` (a queryset) into their
    dialogues' counts, then delete them."""
    with transaction.atomic():
        grouped = (
            rows.values(
                "page_id", "question_key", "answer_key", "contribution__channel"
            )
            .annotate(number=Count("pk"))
            .order_by()
        )
        for group in grouped:
            count, _created = BackgroundCount.objects.select_for_update().get_or_create(
                page_id=group["page_id"],
                question_key=group["question_key"],
                answer_key=group["answer_key"],
                channel=group["contribution__channel"],
            )
            BackgroundCount.objects.filter(pk=count.pk).update(
                count=F("count") + group["number"]
            )
        deleted, _by_model = rows.delete()
    return deleted


def background_counts(page) -> dict[str, dict[str, int]]:
    """{question key: {answer key: contributions}} of a dialogue: the answers
    held plus those already folded into counts. Two queries."""
    counts: dict[str, dict[str, int]] = {}
    held = (
        BackgroundAnswer.objects.filter(page_id=consultation_page(page).pk)
        .values_list("question_key", "answer_key")
        .annotate(number=Count("pk"))
        .order_by()
    )
    folded = BackgroundCount.objects.filter(
        page_id=consultation_page(page).pk
    ).values_list("question_key", "answer_key", "count")
    for question_key, answer_key, number in [*held, *folded]:
        by_answer = counts.setdefault(question_key, {})
        by_answer[answer_key] = by_answer.get(answer_key, 0) + number
    return counts


def answered_questions(page):
    """(question key, question) of every background question answered with
    the dialogue's contributions, in the order the site asks them now, then
    questions since removed as they were asked. One query, plus the
    settings when the dialogue asks the questions."""
    stored = {}
    # Distinct pairs, so the query does not grow with the answers.
    for key, text in sorted(
        BackgroundAnswer.objects.filter(page_id=consultation_page(page).pk)
        .order_by()
        .values_list("question_key", "question")
        .distinct()
    ):
        stored.setdefault(key, text)
    asked = [
        (question.key, question.text)
        for question in questions_for(page)
        if question.key in stored
    ]
    asked_keys = {key for key, _text in asked}
    return asked + [
        (key, text) for key, text in stored.items() if key not in asked_keys
    ]


def readable(contribution):
    """(question, answer) lines of a contribution's background answers, as
    asked and answered, for staff with the personal-data permission and for
    the person's own data-access request."""
    return [(row.question, row.answer) for row in contribution.background_answers.all()]
