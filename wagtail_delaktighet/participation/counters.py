"""Results kept as counters (``ResultCount``), so that what a page view reads
does not grow with the number of contributions.

Every write that changes what is counted updates the counters in its own
transaction: a stored contribution (``service._store``), a moderation
decision that rejects one or takes a rejection back (``moderation/decisions.py``), and
a deleted contribution (a ``pre_delete`` signal). Each update is one upsert
per table: ``INSERT … ON CONFLICT … DO UPDATE SET count = count + n``
(``ON DUPLICATE KEY UPDATE`` on MariaDB), which inserts a missing row and
adds to an existing one in the database, never reading a count to write it
back, so concurrent writers never lose an increment. ``rebuild()`` (the
``delaktighet_rebuild_counts`` command) recounts everything from the rows.

What counts: every contribution that is not rejected — the rule the results
have always had (moderators reject spam, abuse and duplicates).

The rows kept, per dialogue page:
- ``(block, question_key, value)``: counted contributions that gave that
  answer (the block's ``ContributionAnswer`` rows);
- ``(block, ANSWERED, question_key)``: counted contributions with at least one
  answer to that question (respondents of a multiple-choice question);
- ``("", CHANNEL, channel)``: counted contributions per channel;
- ``("", PEOPLE, "")``: people who took part online. A person (a
  ``dialogue_participant_key``) counts while at least one of their
  contributions to the dialogue counts: ``DialogueParticipant`` holds each
  person's number of counted contributions, and PEOPLE changes when that
  number goes from 0 to 1 or from 1 to 0;
- ``(block, PUBLISHED, "")``: the block's published contributions, whatever
  else is counted: the total of its public list, which would otherwise be a
  count over every published row on every page view.

Every change of a page's counters also raises its ``ResultsVersion``
(``touch``), as does any other change to what the page shows from its
contributions (an edited or deleted contribution, an official answer): the
page's rendered content is cached under that number.
"""

from django.apps import apps as django_apps
from django.db import connections, router, transaction
from django.db.models import Count, F, Q
from django.db.models.signals import post_delete, post_save, pre_delete

from ..consultations import consultation_page
from ..models.contributions import (
    Contribution,
    ContributionAnswer,
    ContributionStatus,
    OfficialResponse,
)
from ..models.result_counts import DialogueParticipant, ResultCount, ResultsVersion

# Reserved question keys: a block's own keys are its question ids (no "~").
ANSWERED = "~answered"
CHANNEL = "~channel"
PEOPLE = "~people"
PUBLISHED = "~published"
#: The block id of the rows that count the whole dialogue.
DIALOGUE = ""


def is_counted(status):
    return status != ContributionStatus.REJECTED


# -- keeping the counters ---------------------------------------------------


def is_published(status):
    return status == ContributionStatus.PUBLISHED


def contribution_stored(contribution, answers):
    """Count a new contribution with its ``(question_key, value)`` answers."""
    keys = _published_keys(contribution, is_published(contribution.status))
    if is_counted(contribution.status):
        keys += _counted_keys(contribution, answers, +1)
    add(contribution.page_id, keys, +1)


def locked_status(contribution):
    """The status stored now, with the row locked until the transaction ends,
    so two moderators deciding at once change the counters once."""
    return (
        Contribution.objects.select_for_update()
        .filter(pk=contribution.pk)
        .values_list("status", flat=True)
        .first()
    )


def status_changed(contribution, old_status):
    """Count or uncount a contribution whose status changed from ``old_status``."""
    new_status = contribution.status
    keys = {+1: [], -1: []}
    was, now = is_counted(old_status), is_counted(new_status)
    if was != now:
        step = +1 if now else -1
        keys[step] += _counted_keys(contribution, stored_answers(contribution), step)
    was, now = is_published(old_status), is_published(new_status)
    if was != now:
        keys[+1 if now else -1] += _published_keys(contribution, True)
    for step, step_keys in keys.items():
        add(contribution.page_id, step_keys, step)


def stored_answers(contribution):
    return list(
        ContributionAnswer.objects.filter(contribution=contribution).values_list(
            "question_key", "value"
        )
    )


def _uncount_deleted(sender, instance, **kwargs):
    # The stored status: the instance being deleted may be stale. Its answers
    # are still there (pre_delete runs before the cascade).
    status = locked_status(instance)
    if status is None:
        return
    keys = _published_keys(instance, is_published(status))
    if is_counted(status):
        keys += _counted_keys(instance, stored_answers(instance), -1)
    add(instance.page_id, keys, -1)


def _contribution_edited(sender, instance, created, **kwargs):
    # A new contribution is counted (and the version raised) by the service.
    if not created:
        raise_version(instance.page_id)


def _response_changed(sender, instance, **kwargs):
    page_id = (
        Contribution.objects.filter(pk=instance.contribution_id)
        .values_list("page_id", flat=True)
        .first()
    )
    if page_id is not None:
        raise_version(page_id)


def raise_version(page_id):
    """Raise the results version of a page that has one. An UPDATE only: a
    page's rows may be going with it (a cascade deleting the page), and
    every page whose contributions show has one (``touch``)."""
    ResultsVersion.objects.filter(page_id=page_id).update(version=F("version") + 1)


def connect():
    pre_delete.connect(
        _uncount_deleted, sender=Contribution, dispatch_uid="dlk_uncount_deleted"
    )
    post_save.connect(
        _contribution_edited, sender=Contribution, dispatch_uid="dlk_edited_version"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            _response_changed,
            sender=OfficialResponse,
            dispatch_uid=f"dlk_response_version_{signal is post_save}",
        )


def _published_keys(contribution, published):
    return [(contribution.block_id, PUBLISHED, "")] if published else []


def _counted_keys(contribution, answers, step):
    """The counters a counted contribution adds ``step`` to; the person's
    own count changes here and now."""
    answers = list(dict.fromkeys(answers))
    block_id = contribution.block_id
    keys = [(block_id, question_key, value) for question_key, value in answers]
    keys += [
        (block_id, ANSWERED, question_key)
        for question_key in dict.fromkeys(key for key, _value in answers)
    ]
    keys.append((DIALOGUE, CHANNEL, contribution.channel))
    person = contribution.dialogue_participant_key
    if person and _person_changed(contribution.page_id, person, step):
        keys.append((DIALOGUE, PEOPLE, ""))
    return keys


def _person_changed(page_id, person, step):
    """Add ``step`` to one person's counted contributions; whether the person
    started or stopped counting."""
    row = DialogueParticipant.objects.filter(page_id=page_id, participant_key=person)
    if step > 0:
        # One statement: the row is inserted with ``step`` or raised by it,
        # and the upsert returns the number it left. Each change of the row
        # waits for the one before, so exactly one writer sees it reach
        # ``step`` from 0: a new person, or one counted again after
        # rejections.
        now = upsert(
            DialogueParticipant,
            ("page_id", "participant_key"),
            [(page_id, person)],
            "contributions",
            step,
            returning=True,
        )
        if now is None:
            # No RETURNING (MySQL): the upsert holds the row's lock until
            # commit, so this read is exact.
            now = row.select_for_update().values_list("contributions", flat=True)[0]
        return now == step
    # Taking a count back (a rejection, a deletion): the row exists.
    row.update(contributions=F("contributions") + step)
    # The UPDATE holds the row's lock until commit: this read is exact.
    now = row.select_for_update().values_list("contributions", flat=True).first()
    return now == 0


KEY_FIELDS = ("block_id", "question_key", "value")

#: Rows per upsert statement: well below every database's limit on
#: parameters (five per row).
UPSERT_BATCH = 100


def add(page_id, keys, step):
    """Add ``step`` to the counters ``(block_id, question_key, value)`` of a
    page, in one statement (per ``UPSERT_BATCH`` counters): a counter that
    does not exist yet is inserted with ``step``, one that does is raised by
    it in the database (another writer may insert or raise the same counter
    at the same moment). Then the page's results version is raised."""
    keys = sorted(set(keys))
    if not keys:
        return
    with transaction.atomic(using=router.db_for_write(ResultCount), savepoint=False):
        # The upsert locks the counters one by one in the order of its rows:
        # sorted, every writer takes them in the same order. Writers that lock
        # them in different orders wait for each other, and one is rolled back
        # as a deadlock victim. (InnoDB may still pick a victim among writers
        # that create the same new counters at once; the service tries again.)
        for start in range(0, len(keys), UPSERT_BATCH):
            upsert(
                ResultCount,
                ("page_id", *KEY_FIELDS),
                [(page_id, *key) for key in keys[start : start + UPSERT_BATCH]],
                "count",
                step,
            )
        # After the counters, as every writer does: the same order of locks.
        touch(page_id)


def touch(page_id):
    """Raise the results version of a page (inserted at 1 where it has none):
    what the page shows from its contributions has changed."""
    upsert(ResultsVersion, ("page_id",), [(page_id,)], "version", 1)


def results_version(page):
    """The page's results version now (0 before its first change)."""
    return (
        ResultsVersion.objects.filter(page_id=consultation_page(page).pk)
        .values_list("version", flat=True)
        .first()
        or 0
    )


def upsert_can_return(connection):
    """Whether an upsert on ``connection`` can return the row's new value
    (PostgreSQL, SQLite 3.35+, MariaDB 10.5+; not MySQL). The tests also run
    the other way on their own database, through this function."""
    return connection.features.can_return_columns_from_insert


def upsert(model, key_fields, rows, field, step, *, returning=False):
    """Insert ``rows`` (values of the unique ``key_fields``) with ``field``
    set to ``step``; where a row with the key exists, add ``step`` to its
    ``field`` instead. ``returning``: the ``field`` of the single row after the
    change, or None where the database cannot return it (MySQL)."""
    connection = connections[router.db_for_write(model)]
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = [quote(model._meta.get_field(name).column) for name in key_fields]
    column = quote(model._meta.get_field(field).column)
    one_row = "({})".format(", ".join(["%s"] * (len(columns) + 1)))
    # Only quoted names of the model's own table and columns are written
    # into the statement; every value is a parameter.
    sql = "INSERT INTO {} ({}, {}) VALUES {}".format(  # noqa: S608
        table, ", ".join(columns), column, ", ".join([one_row] * len(rows))
    )
    if connection.vendor == "mysql":
        sql += f" ON DUPLICATE KEY UPDATE {column} = {column} + %s"
    else:
        # PostgreSQL and SQLite (3.24 and later).
        sql += " ON CONFLICT ({}) DO UPDATE SET {} = {}.{} + %s".format(
            ", ".join(columns), column, table, column
        )
    returning = returning and upsert_can_return(connection)
    if returning:
        # PostgreSQL, SQLite 3.35 and later, MariaDB 10.5 and later: the
        # values after the update where the row existed.
        sql += f" RETURNING {column}"
    params = [value for row in rows for value in (*row, step)]
    params.append(step)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        if returning:
            return cursor.fetchone()[0]
    return None


# -- reading them -----------------------------------------------------------


def answer_counts(page, block_id, question_keys, answered_keys=()):
    """``({question_key: {value: count}}, {question_key: respondents})`` of a
    block, in one query. ``answered_keys`` are the questions whose number of
    respondents is wanted (several answers each)."""
    match = Q(question_key__in=list(question_keys))
    if answered_keys:
        match |= Q(question_key=ANSWERED, value__in=list(answered_keys))
    counts, respondents = {}, {}
    rows = ResultCount.objects.filter(
        match, page=consultation_page(page), block_id=block_id, count__gt=0
    ).values_list("question_key", "value", "count")
    for question_key, value, count in rows:
        if question_key == ANSWERED:
            respondents[value] = count
        else:
            counts.setdefault(question_key, {})[value] = count
    return counts, respondents


def dialogue_counts(page):
    """``(people online, {channel: count})`` of a dialogue, in one query."""
    people, channels = 0, {}
    rows = ResultCount.objects.filter(
        page=consultation_page(page),
        block_id=DIALOGUE,
        question_key__in=[CHANNEL, PEOPLE],
        count__gt=0,
    ).values_list("question_key", "value", "count")
    for question_key, value, count in rows.order_by("pk"):
        if question_key == PEOPLE:
            people = count
        else:
            channels[value] = count
    return people, channels


def dialogues_counts(page_ids):
    """``{page id: (people online, {channel: count})}`` of many dialogues, in
    one query: ``dialogue_counts`` for a report's rows. Dialogues without
    counted contributions are left out."""
    counts = {}
    rows = ResultCount.objects.filter(
        page_id__in=list(page_ids),
        block_id=DIALOGUE,
        question_key__in=[CHANNEL, PEOPLE],
        count__gt=0,
    ).values_list("page_id", "question_key", "value", "count")
    for page_id, question_key, value, count in rows.order_by("pk"):
        people, channels = counts.setdefault(page_id, (0, {}))
        if question_key == PEOPLE:
            counts[page_id] = (count, channels)
        else:
            channels[value] = count
    return counts


def published_counter(page, block_id):
    """The counter of a block's published contributions, as a queryset of
    its row (none: nothing published yet) for ``pagination.windowed_page``."""
    return ResultCount.objects.filter(
        page=consultation_page(page),
        block_id=block_id,
        question_key=PUBLISHED,
        value="",
    )


# -- rebuilding from the rows -----------------------------------------------


def rebuild(page=None, apps=django_apps, batch_size=1000):
    """Recount every counter (of one page, or of all) from the contributions.

    Takes ``apps`` so that a data migration can run it with its own models.
    """
    model = apps.get_model
    contributions = model("wagtail_delaktighet", "Contribution").objects.all()
    answers = model("wagtail_delaktighet", "ContributionAnswer").objects.all()
    counts = model("wagtail_delaktighet", "ResultCount").objects.all()
    participants = model("wagtail_delaktighet", "DialogueParticipant").objects.all()
    if page is not None:
        page_id = getattr(page, "pk", page)
        contributions = contributions.filter(page_id=page_id)
        answers = answers.filter(page_id=page_id)
        counts = counts.filter(page_id=page_id)
        participants = participants.filter(page_id=page_id)
    rejected = ContributionStatus.REJECTED.value
    contributions = contributions.exclude(status=rejected).order_by()
    answers = answers.exclude(contribution__status=rejected).order_by()
    ResultCount = counts.model
    with transaction.atomic():
        counts.delete()
        participants.delete()
        rows = [
            ResultCount(page_id=p, block_id=b, question_key=q, value=v, count=n)
            for p, b, q, v, n in answers.values_list(
                "page_id", "block_id", "question_key", "value"
            ).annotate(n=Count("pk"))
        ]
        rows += [
            ResultCount(page_id=p, block_id=b, question_key=ANSWERED, value=q, count=n)
            for p, b, q, n in answers.values_list(
                "page_id", "block_id", "question_key"
            ).annotate(n=Count("contribution", distinct=True))
        ]
        rows += [
            ResultCount(
                page_id=p, block_id=DIALOGUE, question_key=CHANNEL, value=c, count=n
            )
            for p, c, n in contributions.values_list("page_id", "channel").annotate(
                n=Count("pk")
            )
        ]
        rows += [
            ResultCount(
                page_id=p, block_id=DIALOGUE, question_key=PEOPLE, value="", count=n
            )
            for p, n in contributions.exclude(dialogue_participant_key=None)
            .values_list("page_id")
            .annotate(n=Count("dialogue_participant_key", distinct=True))
        ]
        published = ContributionStatus.PUBLISHED.value
        rows += [
            ResultCount(
                page_id=p, block_id=b, question_key=PUBLISHED, value="", count=n
            )
            for p, b, n in contributions.filter(status=published)
            .values_list("page_id", "block_id")
            .annotate(n=Count("pk"))
        ]
        ResultCount.objects.bulk_create(rows, batch_size=batch_size)
        people = (
            contributions.exclude(dialogue_participant_key=None)
            .values_list("page_id", "dialogue_participant_key")
            .annotate(n=Count("pk"))
            .iterator(chunk_size=batch_size)
        )
        Participant = participants.model
        batch = []
        for p, key, n in people:
            batch.append(Participant(page_id=p, participant_key=key, contributions=n))
            if len(batch) >= batch_size:
                Participant.objects.bulk_create(batch)
                batch = []
        Participant.objects.bulk_create(batch)
        raise_versions(apps, page_id if page is not None else None, rows)


def raise_versions(apps, page_id, rows):
    """Raise the results version of the rebuilt page, or of every page (those
    with counters now included): their counters may have changed."""
    try:
        Version = apps.get_model("wagtail_delaktighet", "ResultsVersion")
    except LookupError:  # a migration older than the versions
        return
    if page_id is not None:
        upsert(Version, ("page_id",), [(page_id,)], "version", 1)
        return
    Version.objects.update(version=F("version") + 1)
    have = set(Version.objects.values_list("page_id", flat=True))
    new = {row.page_id for row in rows} - have
    Version.objects.bulk_create([Version(page_id=p, version=1) for p in new])
