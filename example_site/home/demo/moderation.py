"""Demo step: a moderators' group, a moderator, and views left for them.

The group "Moderatorer" may edit the pages under the dialogue index (so its
members see those dialogues' contributions) and moderate contributions, but
not export personal data. The user ``moderator`` belongs to it; the
``create_demo_admin`` command sets and prints its password
(``DEMO_MODERATOR_PASSWORD``), so this content step stores no known password.

Two more views on the open dialogue wait in the moderation inbox, sent in
through the participation service with fixed submission keys, so a rerun
stores nothing twice.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from wagtail.models import GroupPagePermission

from wagtail_delaktighet.models import DialogueIndexPage, DialoguePage
from wagtail_delaktighet.participation import service
from wagtail_delaktighet.participation.forms import form_prefix

from .consultation import DIALOGUE_SLUG, VIEWS_ID
from .dialogues import INDEX_SLUG

GROUP_NAME = "Moderatorer"
MODERATOR_USERNAME = "moderator"

#: Model permissions of the group, as (app label, codename).
GROUP_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_delaktighet", "moderate_contribution"),
]

#: (submission key, days from today, hour, text, display name, email).
PENDING_VIEWS = [
    (
        "moderation-views-1",
        -2,
        18,
        "Cykelbanan längs Bergbyvägen tar slut mitt i backen. Där tvingas "
        "barnen ut i bilvägen.",
        "Cyklande förälder",
        "",
    ),
    (
        "moderation-views-2",
        -1,
        7,
        "Snöröjningen kommer alltid sist till gångvägen bakom skolan. På "
        "vintern går barnen i vägen i stället.",
        "",
        "sara.lund@example.com",
    ),
]


@transaction.atomic
def build_moderation(home):
    """Moderation: the group Moderatorer, the user moderator, views to moderate."""
    index = DialogueIndexPage.objects.descendant_of(home).get(slug=INDEX_SLUG)
    group = build_moderators_group(index)
    moderator, created = get_user_model().objects.get_or_create(
        username=MODERATOR_USERNAME,
        defaults={"email": f"{MODERATOR_USERNAME}@alvby.example"},
    )
    if created:
        # create_demo_admin gives it a password; until then nobody logs in.
        moderator.set_unusable_password()
        moderator.save()
    moderator.groups.add(group)

    page = DialoguePage.objects.descendant_of(index).get(slug=DIALOGUE_SLUG)
    today = timezone.localdate()
    for key, days, hour, text, display_name, email in PENDING_VIEWS:
        _send_views(page, key, days, hour, text, display_name, email, today)
    return group


def build_moderators_group(index):
    group, _created = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        *(
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in GROUP_PERMISSIONS
        )
    )
    # Editing the dialogue pages is what lets the group see their
    # contributions (one committee's group would get its own index instead).
    GroupPagePermission.objects.get_or_create(
        group=group,
        page=index,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    return group


def set_moderator_password(password):
    """Give the demo moderator a password; None when the demo content (and
    so the moderator) has not been loaded."""
    moderator = get_user_model().objects.filter(username=MODERATOR_USERNAME).first()
    if moderator is not None:
        moderator.is_active = True
        moderator.set_password(password)
        moderator.save()
    return moderator


def _send_views(page, key, days, hour, text, display_name, email, today):
    prefix = form_prefix(VIEWS_ID)
    data = {
        f"{prefix}-submission_key": f"demo-{key}",
        f"{prefix}-text": text,
        f"{prefix}-display_name": display_name,
    }
    if email:
        data.update({f"{prefix}-email": email, f"{prefix}-consent": "on"})
    moment = datetime.combine(today + timedelta(days=days), time(hour))
    submission = service.submit(
        page, VIEWS_ID, data, created_at=timezone.make_aware(moment)
    )
    if not submission.accepted:
        raise ValueError(f"Demo contribution {key}: {submission.form.errors}")
    return submission.contribution
