"""Swedish for strings of Wagtail's page editor that Wagtail's own Swedish
catalogue lacks: autosave and concurrent editing, new in Wagtail 7 and 8.

Without them a Swedish editor meets English dialogs in the middle of a Swedish
form ("You saved a new version in another window"). Django merges the
catalogues of every installed app, so the Swedish given to these strings in
this package's catalogue reaches Wagtail's templates and views. Only strings
Wagtail has no Swedish for are listed; where a later Wagtail brings its own,
the entry here can go. Strings in Wagtail's JavaScript catalogue are out of
reach: it reads Wagtail's own catalogue alone.
"""

from django.utils.translation import gettext_noop

WAGTAIL_EDITOR_STRINGS = (
    # Autosave (wagtailadmin/shared/autosave/indicator.html)
    gettext_noop("Saved"),
    gettext_noop("Autosave is paused"),
    gettext_noop("Autosave is <span>paused</span>"),
    # Editing sessions (wagtailadmin/shared/editing_sessions/)
    gettext_noop("You saved a new version in another window"),
    gettext_noop("%(user_name)s saved a new version"),
    gettext_noop("View latest version"),
    gettext_noop("%(user_name)s has unsaved changes"),
    gettext_noop("Currently idle"),
    gettext_noop("Currently viewing"),
    gettext_noop("System"),
    gettext_noop("Proceeding will overwrite the changes you made in that window."),
    gettext_noop("Proceeding will overwrite the changes made by %(user_name)s."),
    gettext_noop("Alternatively, you can view the latest version in a new tab."),
    gettext_noop("A network error occurred"),
    gettext_noop(
        "Troubleshoot your connection to the site before proceeding. Open the "
        "editor in a separate tab to view the last saved version."
    ),
    # Saving a page edited elsewhere (wagtail/admin/views/pages/edit.py)
    gettext_noop("Saving will overwrite a newer version."),
    gettext_noop("The page could not be saved as it is locked."),
    gettext_noop("There are validation errors, click save to highlight them."),
)
