"""The actions recorded in Wagtail's log entries (who, when, what): for
contributions, moderation, answers and offline input; for feedback pages, the
announcement to followers (notifications.py). Registered in wagtail_hooks."""

from django.utils.translation import gettext_lazy as _

APPROVE = "wagtail_delaktighet.contribution.approve"
REJECT = "wagtail_delaktighet.contribution.reject"
RESPOND = "wagtail_delaktighet.contribution.respond"
ENTER_OFFLINE = "wagtail_delaktighet.contribution.enter_offline"
EXPORT = "wagtail_delaktighet.contribution.export"
ANNOUNCE_FEEDBACK = "wagtail_delaktighet.feedback.announce"

ACTIONS = [
    (APPROVE, _("Approve contribution"), _("Contribution approved and published")),
    (REJECT, _("Reject contribution"), _("Contribution rejected")),
    (RESPOND, _("Respond to contribution"), _("Official response saved")),
    (ENTER_OFFLINE, _("Enter offline contribution"), _("Offline contribution entered")),
    (EXPORT, _("Export contributions"), _("Contributions exported")),
    (
        ANNOUNCE_FEEDBACK,
        _("Announce feedback"),
        _("Feedback emailed to the dialogue's followers"),
    ),
]


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
