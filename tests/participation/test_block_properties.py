"""Property-based tests of every consultation block's form, through the
participation service.

Whatever is posted — arbitrary keys, keys repeated, arbitrary unicode with NUL
bytes, very long strings, options offered and not offered — ``submit()``:

- raises nothing but a ``ParticipationError`` subclass;
- stores nothing when the form is invalid;
- stores each counted answer at most once per contribution;
- stores as counted answers only the options the block offered.

One dialogue holds one block of each type for a whole test; Hypothesis runs
many examples in it. pytest-django resets the database per test, not per
example, so each example runs in a savepoint that is rolled back (``example``)
— which is why the function-scoped fixture health check is switched off here.
"""

import uuid
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.db import transaction
from django.http import QueryDict
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.testapp.blocks import MOODS, WISHES
from wagtail_delaktighet.blocks.survey import QuestionKind, answer_options
from wagtail_delaktighet.models import Contribution, ContributionAnswer
from wagtail_delaktighet.models.contributions import answer_value
from wagtail_delaktighet.participation import service
from wagtail_delaktighet.participation.forms import HONEYPOT_FIELD

from .support import every_block, valid_fields, wish_list

pytestmark = pytest.mark.django_db

BLOCK_TYPES = [
    "survey",
    "poll",
    "views",
    "question",
    "suggestion_box",
    "wish_list",
    "ideas",
    "map",
    "points",
    "ranking",
    "budget",
]
SHARED_FIELDS = ["submission_key", HONEYPOT_FIELD, "name", "email", "consent"]


@pytest.fixture
def dialogue(consultation_dialogue):
    return consultation_dialogue(body=[*every_block(), wish_list()])


@contextmanager
def example():
    """One Hypothesis example: nothing it stores outlives it."""
    cache.clear()
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# -- what each block offers -------------------------------------------------


def offered_answers(block):
    """{question key: the answer values the block may store}."""
    if block.block_type == "survey":
        return {
            item.id: {value for value, _label in answer_options(item.value)}
            for item in block.value["questions"].bound_blocks
            if item.value["kind"] in QuestionKind.COUNTED
        }
    if block.block_type == "poll":
        return {"choice": set(block.option_ids())}
    if block.block_type == "map":
        return {"category": set(block.option_ids(block.value["categories"]))}
    if block.block_type == "suggestion_box":
        return {"mood": {value for value, _label in MOODS}}
    if block.block_type == "wish_list":
        return {"wish": {answer_value(value) for value, _label in WISHES}}
    if block.block_type == "ideas":
        # A support counts a published idea of the block, nothing else.
        published = Contribution.objects.filter(
            page=block.page, block_id=block.id, status="published"
        ).values_list("pk", flat=True)
        return {
            "category": set(block.option_ids(block.value["categories"])),
            "support": {str(pk) for pk in published},
        }
    if block.block_type == "points":
        points = {str(n) for n in range(block.value["points"] + 1)}
        return {f"points:{option}": points for option in block.option_ids()}
    if block.block_type == "ranking":
        ranks = {str(n) for n in range(1, len(block.option_ids()) + 1)}
        return {f"rank:{option}": ranks for option in block.option_ids()}
    if block.block_type == "budget":
        return {"chosen": set(block.option_ids())}
    return {}


def every_option(dialogue):
    """Every value any block of the dialogue offers: offered to one question,
    not offered to the next."""
    values = set()
    for block in dialogue.blocks:
        for offered in offered_answers(block).values():
            values |= offered
    values |= {value for value, _label in WISHES}
    return sorted(values)


# -- what is posted -----------------------------------------------------------

long_strings = st.builds(
    lambda character, length: character * length,
    st.characters(),
    st.integers(min_value=60, max_value=20_000),
)
with_nul = st.builds(
    lambda before, after: f"{before}\x00{after}",
    st.text(max_size=10),
    st.text(max_size=10),
)


def posted_values(dialogue):
    return st.one_of(
        st.sampled_from(every_option(dialogue)),
        st.text(max_size=50),
        with_nul,
        long_strings,
        st.sampled_from(["", "on", "true", "1", "6", "0", "-1", "ja@example.se"]),
        # Coordinates, as the map's script sends them and as it never would.
        st.sampled_from(["59.5", "17,75", "nan", "inf", "-1e400", "1e400", "91"]),
    )


def posted_keys(block):
    fields = list(service.build_form(block.page, block.id).fields)
    # The ideas block's support is posted under a field of its own.
    extra = ["supports"] if block.block_type == "ideas" else []
    names = [block.name(field) for field in {*fields, *SHARED_FIELDS, *extra}]
    return st.one_of(st.sampled_from(sorted(names)), st.text(max_size=30))


def valid_post(block):
    """A valid filled-in form of the block, as a mutable QueryDict."""
    data = QueryDict(mutable=True)
    for key, value in block.form_data(valid_fields(block)).items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return data


def post_data(dialogue, block, draw):
    """A QueryDict as a browser, or anyone, might post it."""
    if draw(st.booleans(), label="starts from a valid form"):
        data = valid_post(block)
    else:
        data = QueryDict(mutable=True)
    pairs = draw(
        st.lists(
            st.tuples(posted_keys(block), posted_values(dialogue)),
            max_size=12,
        ),
        label="posted pairs",
    )
    for key, value in pairs:
        data.appendlist(key, value)
    return data


# -- the properties -----------------------------------------------------------


def assert_submit_holds(block, data):
    contributions = Contribution.objects.count()
    answers = ContributionAnswer.objects.count()
    try:
        submission = service.submit(
            block.page, block.id, data, participant=uuid.uuid4().hex
        )
    except service.ParticipationError as error:
        event(f"refused: {type(error).__name__}")
        submission = None
    if submission is None or not submission.accepted:
        if submission is not None:
            event(f"form errors: {sorted(submission.form.errors)}")
        assert Contribution.objects.count() == contributions
        assert ContributionAnswer.objects.count() == answers
        return submission

    event("stored")
    contribution = Contribution.objects.get(pk=submission.contribution.pk)
    assert Contribution.objects.count() == contributions + 1
    stored = list(contribution.answers.values_list("question_key", "value"))
    assert len(stored) == len(set(stored)), f"an answer stored twice: {stored}"
    assert ContributionAnswer.objects.count() == answers + len(stored)
    offered = offered_answers(block)
    for question_key, value in stored:
        assert value in offered.get(question_key, ()), (question_key, value)
    return submission


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_arbitrary_posts_are_stored_correctly_or_refused(dialogue, block_type, data):
    block = dialogue.block(block_type)
    posted = post_data(dialogue, block, data.draw)
    with example():
        assert_submit_holds(block, posted)


@pytest.mark.parametrize("block_type", BLOCK_TYPES)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_options_repeated_in_a_valid_form_are_never_counted_twice(
    dialogue, block_type, data
):
    """A valid form plus offered options, each perhaps many times, under the
    block's own field names."""
    block = dialogue.block(block_type)
    form = service.build_form(block.page, block.id)
    own_fields = sorted(field.name for field in form.content_fields)
    posted = valid_post(block)
    repeats = []
    for _ in range(data.draw(st.integers(min_value=1, max_value=4))):
        field = data.draw(st.sampled_from(own_fields))
        own = [
            str(value) for value, _label in getattr(form.fields[field], "choices", [])
        ]
        options = st.sampled_from(own or every_option(dialogue))
        value = data.draw(st.one_of(options, st.sampled_from(every_option(dialogue))))
        times = data.draw(st.integers(min_value=1, max_value=60))
        repeats.append((field, value, times))
    for field, value, times in repeats:
        for _ in range(times):
            posted.appendlist(block.name(field), value)
    with example():
        assert_submit_holds(block, posted)
