"""The traffic tests' hands on the served site's database, run as a separate
process with the servers' settings (the test process has its own database).

``python tests/traffic/site_tool.py COMMAND [ARGUMENT]``, COMMAND one of:
``migrate`` (create the schema), ``dialogue SLUG [binding]`` (a new open
dialogue with a survey and a poll, and what the tests need to post to them;
with ``binding``, only logged-in residents can answer them), ``resident
USERNAME PASSWORD`` (a resident's account), ``rows PAGE_ID`` (what is stored
for a dialogue), ``edit PAGE_ID TIMES`` (an editor's drafts,
autosaved, and publishing, that many times). Each prints JSON.

``python tests/traffic/site_tool.py serve`` answers such commands, one JSON
list per line on stdin, with one JSON line each (``{"result": …}`` or
``{"error": traceback}``) until stdin closes: the tests keep one process, as
starting Django and Wagtail again for each command costs seconds.
"""

import contextlib
import json
import sys
import traceback
from datetime import timedelta

import django


def migrate():
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return {}


def dialogue(slug, binding=""):
    """A new open dialogue with a survey and a poll under the site's index;
    ``binding``: only logged-in residents can answer them."""
    from django.utils import timezone

    from example_site.home.demo.site import build_home_page
    from tests.fixtures.dialogues import create_assessment
    from tests.participation.support import poll, publish_body, survey, valid_fields
    from wagtail_delaktighet.models import (
        Body,
        DialogueIndexPage,
        DialoguePage,
        InfluenceLevel,
    )

    home = build_home_page()
    index = DialogueIndexPage.objects.filter(slug="dialoger").first()
    if index is None:
        index = home.add_child(
            instance=DialogueIndexPage(title="Medborgardialoger", slug="dialoger")
        )
    now = timezone.now()
    body = Body.objects.get_or_create(
        name="Stadsbyggnadsnämnden", defaults={"kind": Body.Kind.COMMITTEE}
    )[0]
    page = index.add_child(
        instance=DialoguePage(
            title=f"Parken {slug}",
            slug=slug,
            summary="En kort sammanfattning.",
            purpose="Att ta reda på vad invånarna behöver.",
            influence_level=InfluenceLevel.objects.get(name="Konsultation"),
            can_influence="<p>Utformningen av parken.</p>",
            input_handling="<p>Tjänstepersoner sammanställer svaren.</p>",
            responsible_body=body,
            involvement_assessment=create_assessment(body),
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=14),
            feedback_promised_on=(now + timedelta(days=60)).date(),
        )
    )
    body = [survey(), poll()]
    if binding:
        body = [(name, {**value, "require_login": True}) for name, value in body]
    dialogue = publish_body(page, body)
    blocks = {}
    for block in dialogue.blocks:
        blocks[block.block_type] = {
            "id": block.id,
            "url": block.url,
            "fields": {
                block.name(field): value for field, value in valid_fields(block).items()
            },
        }
    survey_block = dialogue.block("survey")
    blocks["survey"]["text_field"] = survey_block.name(
        survey_block.question("long_text")[0]
    )
    poll_block = dialogue.block("poll")
    blocks["poll"]["choices"] = [
        {poll_block.name("choice"): option} for option in poll_block.option_ids()
    ]
    return {"page_id": dialogue.page.pk, "url": dialogue.page.url, "blocks": blocks}


def rows(page_id):
    """Every stored contribution and counted answer of a dialogue, per block."""
    from wagtail_delaktighet.models import Contribution, ContributionAnswer

    stored = {}
    for row in Contribution.objects.filter(page_id=page_id).values(
        "block_id",
        "receipt",
        "participant_key",
        "dialogue_participant_key",
        "account_id",
        "content",
    ):
        stored.setdefault(row.pop("block_id"), []).append(row)
    answers = {}
    counted = ContributionAnswer.objects.filter(page_id=page_id)
    for block_id in counted.values_list("block_id", flat=True):
        answers[block_id] = answers.get(block_id, 0) + 1
    return {"contributions": stored, "answers": answers}


def edit(page_id, times):
    """What the admin's edit view does when an editor works on a dialogue
    with Wagtail 8's autosave: a draft revision, overwritten by each autosave
    (``save_revision(overwrite_revision=…)``, unchecked), then published with
    Wagtail's own publish action; ``times`` times. Returns the revisions
    published."""
    from django.contrib.auth import get_user_model
    from django.db import transaction
    from wagtail.actions.publish_page_revision import PublishPageRevisionAction

    from wagtail_delaktighet.models import DialoguePage

    editor, _created = get_user_model().objects.get_or_create(
        username="redaktor", defaults={"is_superuser": True, "is_staff": True}
    )
    published = []
    for number in range(int(times)):
        page = DialoguePage.objects.get(pk=page_id)
        draft = None
        for autosave in range(3):
            page.summary = f"Utkast {number}.{autosave}"
            # As the edit view saves: in one transaction.
            with transaction.atomic():
                draft = page.save_revision(
                    user=editor, log_action=True, overwrite_revision=draft, clean=False
                )
        page.summary = f"Publicerad {number}"
        revision = page.save_revision(user=editor, log_action=True)
        PublishPageRevisionAction(revision, user=editor).execute(
            skip_permission_checks=True
        )
        published.append(revision.pk)
    return {"published": published}


def resident(username, password):
    """A resident's account, to log in with on the site."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(username, password=password)
    return {"id": user.pk}


COMMANDS = {
    "migrate": migrate,
    "dialogue": dialogue,
    "resident": resident,
    "rows": rows,
    "edit": edit,
}


def serve():
    answers = sys.stdout
    for line in sys.stdin:
        command, *args = json.loads(line)
        try:
            # Anything a command prints goes to stderr, not between answers.
            with contextlib.redirect_stdout(sys.stderr):
                answer = {"result": COMMANDS[command](*args)}
        except Exception:
            answer = {"error": traceback.format_exc()}
        answers.write(json.dumps(answer) + "\n")
        answers.flush()
    return 0


def main(command, *args):
    django.setup()
    if command == "serve":
        return serve()
    print(json.dumps(COMMANDS[command](*args)))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
