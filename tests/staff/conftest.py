"""Fixtures for the staff workspace: staff users whose rights reach part of
the page tree, and dialogues with consultation blocks to moderate."""

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

# Dialogues with consultation blocks, from the participation tests.
from tests.participation.conftest import consultation_dialogue  # noqa: F401

# Committees A and B with a dialogue each, their staff, and a rejection
# reason, for the contribution listing, inbox and export tests.
from tests.staff.contributions_support import (  # noqa: F401
    committee_dialogues,
    committee_staff,
    rejection_reason,
)


def _permission(dotted):
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


@pytest.fixture
def make_staff_user(db, django_user_model):
    """Make an admin user in a group of their own: ``pages`` are the pages
    (with their subtrees) whose pages they may edit, ``permissions`` dotted
    model permissions such as ``permissions.MODERATE``.

    ``make_staff_user("anna", pages=[committee_a_index], permissions=[MODERATE])``
    """

    def make(username, *, pages=(), permissions=(), is_active=True):
        group = Group.objects.create(name=f"{username} group")
        group.permissions.add(
            _permission("wagtailadmin.access_admin"),
            *(_permission(dotted) for dotted in permissions),
        )
        for page in pages:
            GroupPagePermission.objects.create(
                group=group,
                page=page,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename="change_page"
                ),
            )
        user = django_user_model.objects.create_user(
            username=username,
            email=f"{username}@alvby.example",
            password="secret",
            is_active=is_active,
        )
        user.groups.add(group)
        return user

    return make


@pytest.fixture
def make_dialogue_index(home_page):
    """Make another dialogue index under the home page, for example one per
    committee: ``make_dialogue_index("fritid", "Fritidsnämndens dialoger")``."""
    from wagtail_delaktighet.models import DialogueIndexPage

    def make(slug, title=None):
        index = DialogueIndexPage(title=title or slug, slug=slug)
        home_page.add_child(instance=index)
        return index

    return make
