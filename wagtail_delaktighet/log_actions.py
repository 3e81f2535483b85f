"""The actions recorded in Wagtail's log entries for contributions (who, when,
what): moderation, answers and offline input. Registered in wagtail_hooks."""

from django.utils.translation import gettext_lazy as _

APPROVE = "wagtail_delaktighet.contribution.approve"
REJECT = "wagtail_delaktighet.contribution.reject"
RESPOND = "wagtail_delaktighet.contribution.respond"
ENTER_OFFLINE = "wagtail_delaktighet.contribution.enter_offline"
EXPORT = "wagtail_delaktighet.contribution.export"

ACTIONS = [
    (APPROVE, _("Approve contribution"), _("Contribution approved and published")),
    (REJECT, _("Reject contribution"), _("Contribution rejected")),
    (RESPOND, _("Respond to contribution"), _("Official response saved")),
    (ENTER_OFFLINE, _("Enter offline contribution"), _("Offline contribution entered")),
    (EXPORT, _("Export contributions"), _("Contributions exported")),
]


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
