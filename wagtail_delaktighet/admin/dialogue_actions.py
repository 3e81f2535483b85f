"""What staff do with one dialogue's contributions, offered wherever they
look: the page header and page listings (wagtail_hooks.py), the
"Contributions" panel of the edit form (panels.py), the dialogue's
contributions listing and the moderation inbox filtered to it.

One list, one permission check (``permissions.can_see_contributions``): the
same people see the same actions in every place.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .. import permissions
from .links import dialogue_contributions_url
from .offline import offline_input_url


@dataclass(frozen=True)
class DialogueAction:
    name: str
    label: str
    url: str
    icon: str


#: (name, label, address of the page, icon)
ACTIONS = [
    ("contributions", _("Contributions"), dialogue_contributions_url, "comment"),
    ("offline", _("Enter offline input"), offline_input_url, "form"),
]


def dialogue_actions(page, user, *, exclude=()):
    """The actions ``user`` may take on the dialogue ``page``, none for a
    user who may not see its contributions."""
    if not permissions.can_see_contributions(user, page):
        return []
    return [
        DialogueAction(name, label, url(page), icon)
        for name, label, url, icon in ACTIONS
        if name not in exclude
    ]
