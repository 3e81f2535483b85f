"""Who may see, moderate and export contributions (docs/staff/moderation.md).

A user sees a dialogue's contributions only if they can edit the dialogue page,
so one committee's editors never see another's. Moderating and exporting
personal data each need a permission of their own on top of that.
"""

from wagtail.permission_policies.pages import PagePermissionPolicy

MODERATE = "wagtail_delaktighet.moderate_contribution"
EXPORT_PERSONAL_DATA = "wagtail_delaktighet.export_personal_data"


def editable_dialogues(user):
    """The dialogue pages the user may edit (and so see contributions of)."""
    from .models import DialoguePage

    if not user.is_active:
        return DialoguePage.objects.none()
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return DialoguePage.objects.filter(pk__in=editable.order_by().values("pk"))


def can_see_contributions(user, page):
    return user.is_active and page.permissions_for_user(user).can_edit()


def can_moderate(user, page=None):
    """Moderate (approve, reject, answer): the permission, and for a given
    dialogue, the right to edit its page."""
    if not (user.is_active and user.has_perm(MODERATE)):
        return False
    return page is None or can_see_contributions(user, page)


def can_export_personal_data(user):
    return user.is_active and user.has_perm(EXPORT_PERSONAL_DATA)


def contributions_for(user):
    """Every contribution the user may see."""
    from .models import Contribution

    return Contribution.objects.filter(
        page__in=editable_dialogues(user).order_by().values("pk")
    )


def indexes_to_start_dialogues_in(user):
    """The dialogue indexes under which the user may add a dialogue page (the
    quick start offers them), in tree order."""
    from .models import DialogueIndexPage, DialoguePage

    if not user.is_active:
        return DialogueIndexPage.objects.none()
    addable = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    indexes = DialogueIndexPage.objects.filter(
        pk__in=addable.order_by().values("pk")
    ).order_by("path")
    return indexes if DialoguePage.is_creatable else indexes.none()


def can_start_dialogue_in(user, index):
    """Whether the user may add a dialogue page under ``index``, as Wagtail's
    own "Add child page" decides."""
    from .models import DialoguePage

    return (
        index.permissions_for_user(user).can_add_subpage()
        and DialoguePage in index.specific_class.creatable_subpage_models()
        and DialoguePage.can_create_at(index)
    )
