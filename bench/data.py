"""The benchmark's data: dialogues with every block type, their contributions
(a few through the real participation path, the rest bulk-inserted copies of
those), and the baselines' pages and rows."""

import itertools
import json
import uuid
from datetime import timedelta

from django.db import connection
from django.test import Client
from django.utils import timezone
from wagtail.contrib.forms.models import FormSubmission

from example_site.home.demo.site import build_home_page
from example_site.home.models import HomePage
from tests.fixtures.dialogues import create_assessment
from tests.participation.support import (
    DialogueWithBlocks,
    poll,
    question,
    survey,
    valid_fields,
    views,
)
from wagtail_delaktighet.models import (
    Body,
    Contribution,
    ContributionAnswer,
    ContributionStatus,
    DialogueIndexPage,
    DialoguePage,
    FeedbackKind,
    FeedbackPage,
    InfluenceLevel,
)
from wagtail_delaktighet.participation import counters

from .bulk import insert_series
from .models import BenchFormField, BenchFormPage

#: Rows per bulk_create (the databases other than PostgreSQL).
BATCH = 5000

PARAGRAPH = (
    "<p>Stadsparken ska rustas upp och vi vill veta vad du tycker. Berätta hur "
    "du använder parken i dag, vad som saknas och vad som ska finnas kvar.</p>"
)

#: Shares of the bulk-inserted contributions, per block type.
SHARES = [("poll", 4), ("survey", 3), ("views", 2), ("question", 1)]

#: One consultation block of each type, after content blocks.
BODY = [
    ("heading", "Bakgrund"),
    ("paragraph", PARAGRAPH),
    ("quote", {"quote": "Fler bänkar, tack!", "attribution": "En boende"}),
    survey(),
    poll(),
    views(),
    question(),
]

DIALOGUE_TEXT = {
    "summary": "Hur ska Stadsparken se ut i framtiden?",
    "purpose": "Att ta reda på vad invånarna behöver av parken.",
    "can_influence": "<p>Utformningen av parken.</p>",
    "input_handling": "<p>Tjänstepersoner sammanställer synpunkterna.</p>",
}


def plain_text():
    """The dialogue's text, for the plain page that has the same."""
    return (
        f"<p>{DIALOGUE_TEXT['summary']}</p><p>{DIALOGUE_TEXT['purpose']}</p>"
        f"{DIALOGUE_TEXT['can_influence']}{DIALOGUE_TEXT['input_handling']}"
        f"<h2>Bakgrund</h2>{PARAGRAPH}<blockquote>Fler bänkar, tack!</blockquote>"
    )


class Site:
    """Everything a run measures, built once."""

    def __init__(self):
        self.home = build_home_page()
        self.body = Body.objects.get_or_create(
            name="Stadsbyggnadsnämnden", defaults={"kind": Body.Kind.COMMITTEE}
        )[0]
        self.level = InfluenceLevel.objects.get(name="Konsultation")
        self.assessment = create_assessment(self.body, self.level)
        self.serial = itertools.count(1)
        self.plain = self.home.add_child(
            instance=HomePage(title="Stadsparken", slug="plain", intro=plain_text())
        )
        self.listing = self.home.add_child(
            instance=HomePage(title="Sidor", slug="listing", intro="<p>Sidor.</p>")
        )
        for n in range(20):
            self.listing.add_child(
                instance=HomePage(title=f"Sida {n}", slug=f"sida-{n}", intro="<p>-</p>")
            )
        self.form_page = self.build_form_page()

    def plain_pages(self, count):
        """A plain page with ``count`` plain children."""
        parent = self.home.add_child(
            instance=HomePage(title="Fler sidor", slug="plain-pages", intro="<p>-</p>")
        )
        for n in range(count):
            parent.add_child(
                instance=HomePage(
                    title=f"Sida {n}", slug=f"sida-{n}", intro=plain_text()
                )
            )
        return parent

    # -- dialogues ---------------------------------------------------------

    def dialogue_index(self, slug):
        return self.home.add_child(
            instance=DialogueIndexPage(title="Medborgardialoger", slug=slug)
        )

    def dialogue(self, index, *, with_body=False, days=0, body=BODY):
        n = next(self.serial)
        now = timezone.now() + timedelta(days=days)
        page = DialoguePage(
            title=f"Dialog {n}",
            slug=f"dialog-{n}",
            influence_level=self.level,
            responsible_body=self.body,
            involvement_assessment=self.assessment,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14),
            feedback_promised_on=(now + timedelta(days=60)).date(),
            **DIALOGUE_TEXT,
        )
        if with_body:
            page.body = body
        index.add_child(instance=page)
        if with_body:
            page.save_revision().publish()
        return DialoguePage.objects.get(pk=page.pk)

    def fill_index(self, index, count):
        """Dialogues, open, upcoming and closed, up to ``count`` below it."""
        have = index.get_children().count()
        for n in range(have, count):
            self.dialogue(index, days=(n % 3 - 1) * 20)
        analyze()

    # -- contributions -----------------------------------------------------

    def take_part(self, page):
        """One contribution to each block through the real HTML post; returns
        the client (a participant who has voted) and the stored rows."""
        client = Client()
        client.get(page.url)
        dialogue = DialogueWithBlocks(page)
        for block in dialogue.blocks:
            response = block.post(client, valid_fields(block))
            assert response.status_code == 302, response.status_code
        contributions = {
            c.block_type: c
            for c in Contribution.objects.filter(page=page).prefetch_related("answers")
        }
        assert len(contributions) == len(dialogue.blocks), contributions
        return client, dialogue, contributions

    def contribute(self, page, total):
        """Contributions to ``page`` up to ``total``: the real path first,
        then bulk-inserted copies."""
        client, dialogue, templates = self.take_part(page)
        poll_options = dialogue.block("poll").option_ids()
        remaining = total - len(templates)
        weights = sum(share for _type, share in SHARES)
        plan = []
        for block_type, share in SHARES:
            plan.append((block_type, max(0, remaining * share // weights)))
        plan[0] = (plan[0][0], plan[0][1] + remaining - sum(n for _t, n in plan))
        for block_type, count in plan:
            self.copies(templates[block_type], count, poll_options)
        # The copies bypass the participation path: count them as it would.
        counters.rebuild(page)
        analyze()
        return client, dialogue

    def feedback_page(self, index, responses):
        """A final feedback page below a closed dialogue whose survey has
        ``responses`` responses, as the citizens see it with the charts."""
        page = self.dialogue(index, with_body=True, body=[survey()])
        client, dialogue, templates = self.take_part(page)
        self.copies(templates["survey"], responses - 1, [])
        counters.rebuild(page)
        now = timezone.now()
        DialoguePage.objects.filter(pk=page.pk).update(
            opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)
        )
        feedback = FeedbackPage(
            title="Återkoppling",
            slug="aterkoppling",
            kind=FeedbackKind.FINAL,
            summary="Vi bygger en ny lekplats och fler lampor.",
            we_heard=PARAGRAPH,
            next_steps=PARAGRAPH,
        )
        page.add_child(instance=feedback)
        feedback.save_revision().publish()
        return FeedbackPage.objects.get(pk=feedback.pk)

    def copies(self, template, count, poll_options):
        """``count`` copies of the contribution ``template`` with its answers:
        every 20th rejected, created a second apart, a
        poll's choices in turn."""
        if connection.vendor == "postgresql":
            copies_in_database(template, count, poll_options)
            return
        now = timezone.now()
        answers = list(template.answers.all())
        made = 0
        while made < count:
            size = min(BATCH, count - made)
            rows = []
            for n in range(made, made + size):
                status = template.status
                if template.block_type == "views":
                    status = ContributionStatus.PUBLISHED
                if n % 20 == 19:
                    status = ContributionStatus.REJECTED
                content = dict(template.content)
                if template.block_type == "poll":
                    content = {"choice": poll_options[n % len(poll_options)]}
                rows.append(
                    Contribution(
                        page_id=template.page_id,
                        block_id=template.block_id,
                        block_type=template.block_type,
                        content=content,
                        status=status,
                        channel=template.channel,
                        dialogue_participant_key=uuid.uuid4().hex,
                        created_at=now - timedelta(seconds=n),
                    )
                )
            Contribution.objects.bulk_create(rows)
            with_ids(rows)
            ContributionAnswer.objects.bulk_create(
                ContributionAnswer(
                    contribution_id=row.pk,
                    page_id=row.page_id,
                    block_id=row.block_id,
                    question_key=answer.question_key,
                    value=(
                        row.content["choice"]
                        if row.block_type == "poll"
                        else answer.value
                    ),
                )
                for row in rows
                for answer in answers
            )
            made += size

    # -- the baselines -----------------------------------------------------

    def build_form_page(self):
        page = BenchFormPage(title="Enkät om parken", slug="form", intro=plain_text())
        fields = [
            ("Vad heter din gata?", "singleline", "", False),
            ("Beskriv parken", "multiline", "", True),
            ("Vilken entré använder du?", "radio", "Norra\nSödra\nÖstra", True),
            (
                "Vad gör du i parken?",
                "checkboxes",
                "Promenerar\nGrillar\nSpelar boll",
                False,
            ),
            ("Hur trygg känner du dig?", "radio", "1\n2\n3\n4\n5", True),
            ("Vill du ha fler bänkar?", "radio", "Ja\nNej", False),
        ]
        page.form_fields = [
            BenchFormField(label=label, field_type=kind, choices=choices, required=req)
            for label, kind, choices, req in fields
        ]
        self.home.add_child(instance=page)
        return BenchFormPage.objects.get(pk=page.pk)

    def form_post(self):
        """A valid post of the form page, field names as Wagtail makes them."""
        names = [field.clean_name for field in self.form_page.get_form_fields()]
        values = ["Storgatan", "Mörk om kvällarna.", "Norra", ["Promenerar"], "3", "Ja"]
        return dict(zip(names, values, strict=True))

    def form_submissions(self, total):
        have = FormSubmission.objects.filter(page=self.form_page).count()
        data = self.form_post()
        if connection.vendor == "postgresql":
            row = FormSubmission(page_id=self.form_page.pk, form_data=data)
            insert_series(row, max(0, total - have))
            return
        made = have
        while made < total:
            size = min(BATCH, total - made)
            FormSubmission.objects.bulk_create(
                FormSubmission(page_id=self.form_page.pk, form_data=data)
                for _ in range(size)
            )
            made += size


def copies_in_database(template, count, poll_options):
    """The rows of ``Site.copies`` written by PostgreSQL (bench/bulk.py):
    the contributions and, in the same statement, their answers."""
    status = template.status
    if template.block_type == "views":
        status = ContributionStatus.PUBLISHED
    row = Contribution(
        page_id=template.page_id,
        block_id=template.block_id,
        block_type=template.block_type,
        content=template.content,
        channel=template.channel,
    )
    expressions = {
        "status": (
            "CASE WHEN n %% 20 = 19 THEN %s ELSE %s END",
            [ContributionStatus.REJECTED, status],
        ),
        "dialogue_participant_key": ("replace(gen_random_uuid()::text, '-', '')", []),
        "created_at": ("%s - make_interval(secs => n)", [timezone.now()]),
    }
    value = "a.value"
    if template.block_type == "poll":
        expressions["content"] = (
            "jsonb_build_object('choice', %s::jsonb -> (n %% %s))",
            [json.dumps(poll_options), len(poll_options)],
        )
        value = "new.content ->> 'choice'"
    answers = list(template.answers.all())
    table = ContributionAnswer._meta.db_table

    def with_answers(insert, params):
        # SQL of our own; the values are parameters.
        sql = (
            f"WITH new AS ({insert} RETURNING id, content) "  # noqa: S608
            f"INSERT INTO {table} "
            "(contribution_id, page_id, block_id, question_key, value) "
            f"SELECT new.id, %s, %s, a.question_key, {value} FROM new "
            "CROSS JOIN unnest(%s::text[], %s::text[]) AS a(question_key, value)"
        )
        return sql, [
            *params,
            template.page_id,
            template.block_id,
            [answer.question_key for answer in answers],
            [answer.value for answer in answers],
        ]

    insert_series(row, count, expressions, then=with_answers)


def with_ids(rows):
    """Set the ids of bulk-inserted contributions where the database does not
    return them (MariaDB): each row's participant key is unique."""
    if rows[0].pk is not None:
        return
    ids = dict(
        Contribution.objects.filter(
            dialogue_participant_key__in=[row.dialogue_participant_key for row in rows]
        ).values_list("dialogue_participant_key", "pk")
    )
    for row in rows:
        row.pk = ids[row.dialogue_participant_key]


def analyze():
    """Fresh planner statistics after a bulk load, as autovacuum (PostgreSQL)
    or InnoDB's automatic statistics would gather them on a live site: without
    them the planner takes the new tables for empty."""
    with connection.cursor() as cursor:
        if connection.vendor in ("postgresql", "sqlite"):
            cursor.execute("ANALYZE")
        elif connection.vendor == "mysql":
            tables = connection.introspection.table_names(cursor)
            quoted = ", ".join(connection.ops.quote_name(t) for t in tables)
            cursor.execute(f"ANALYZE TABLE {quoted}")
            cursor.fetchall()
