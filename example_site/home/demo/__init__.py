"""Demo content for the example site, built in Python.

Each step is a function that takes the home page and creates or updates its
part of the content by natural keys (slugs, names), so running the whole
sequence again leaves the same content. Later features add their own step to
``STEPS``.
"""

from .assessments import build_register
from .background import build_background
from .consultation import build_consultation
from .dialogues import build_dialogues
from .english import build_english
from .feedback import build_feedback
from .ideas import build_ideas
from .moderation import build_moderation
from .places import build_places
from .prioritisation import build_prioritisation
from .privacy import build_privacy
from .site import build_home_page, set_site_address

STEPS = [
    build_privacy,
    build_dialogues,
    build_register,
    build_consultation,
    build_ideas,
    build_background,
    build_places,
    build_prioritisation,
    build_moderation,
    build_feedback,
    # Last: the English version is made from the finished Swedish dialogue.
    build_english,
]


def load_all(stdout=None, hostname=None, port=None):
    home = build_home_page()
    if hostname:
        # Before the steps, so any link they build already has the address.
        set_site_address(hostname, port or 80)
    for step in STEPS:
        step(home)
        if stdout is not None:
            stdout.write(f"  {step.__doc__.strip().splitlines()[0]}")
    return home
