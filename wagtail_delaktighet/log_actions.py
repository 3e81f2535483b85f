"""Every action the package records in Wagtail's log entries (who, when,
what), registered here and only here: for contributions, moderation, answers
(and their withdrawal), offline input and registration in the records
system; for people's personal data, its erasure and staff looking it up
(data_requests/erasure.py); for feedback pages, the
announcement to followers (following/notifications.py); for pages, a scheduled
publishing that the publish rules refused (publishing/enforcement.py); for
dialogues, personal data removed after the retention period
(retention/anonymise.py).
``register`` is called from wagtail_hooks."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogFormatter

APPROVE = "wagtail_delaktighet.contribution.approve"
REJECT = "wagtail_delaktighet.contribution.reject"
RESPOND = "wagtail_delaktighet.contribution.respond"
#: A published response taken off the public page.
UNPUBLISH_RESPONSE = "wagtail_delaktighet.contribution.unpublish_response"
ENTER_OFFLINE = "wagtail_delaktighet.contribution.enter_offline"
EXPORT = "wagtail_delaktighet.contribution.export"
#: Registered in the municipality's records system under a case number.
REGISTER = "wagtail_delaktighet.contribution.register"
ANNOUNCE_FEEDBACK = "wagtail_delaktighet.feedback.announce"
PUBLISH_REFUSED = "wagtail_delaktighet.publish.refused"
#: A person's personal data erased (data_requests/erasure.py); the log keeps
#: a keyed hash of the address, never the address.
ERASE_PERSONAL_DATA = "wagtail_delaktighet.personal_data.erase"
#: Staff looked at or downloaded what is stored about an address.
SEE_PERSONAL_DATA = "wagtail_delaktighet.personal_data.see"
#: A dialogue's personal data removed after its retention period
#: (retention/anonymise.py); ``data`` holds how many of what.
ANONYMISE = "wagtail_delaktighet.anonymise"

ACTIONS = [
    (APPROVE, _("Approve contribution"), _("Contribution approved and published")),
    (REJECT, _("Reject contribution"), _("Contribution rejected")),
    (RESPOND, _("Respond to contribution"), _("Official response saved")),
    (
        UNPUBLISH_RESPONSE,
        _("Unpublish official response"),
        _("Official response unpublished"),
    ),
    (ENTER_OFFLINE, _("Enter offline contribution"), _("Offline contribution entered")),
    (EXPORT, _("Export contributions"), _("Contributions exported")),
    (
        ANNOUNCE_FEEDBACK,
        _("Announce feedback"),
        _("Feedback emailed to the dialogue's followers"),
    ),
    (
        ERASE_PERSONAL_DATA,
        _("Erase personal data"),
        _("A person's personal data erased"),
    ),
    (
        SEE_PERSONAL_DATA,
        _("See personal data"),
        _("What is stored about a person looked up by staff"),
    ),
]


class PublishRefusedFormatter(LogFormatter):
    label = _("Scheduled publishing refused")

    def format_message(self, log_entry):
        return gettext("Scheduled publishing refused: %(reasons)s") % {
            "reasons": log_entry.data.get("reasons", "")
        }


class RegisterFormatter(LogFormatter):
    label = _("Register contribution in the records system")

    def format_message(self, log_entry):
        return gettext(
            "Registered in the records system under case number %(case_number)s"
        ) % {"case_number": log_entry.data.get("case_number", "")}


class AnonymiseFormatter(LogFormatter):
    label = _("Personal data removed")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return gettext(
            "Personal data removed after the retention period: %(contributions)s "
            "contributions anonymised, %(personal_data)s names and email "
            "addresses deleted, %(participants)s participant keys replaced, "
            "%(subscriptions)s subscriptions deleted, %(emails)s sent emails blanked"
        ) % {
            key: data.get(key, 0)
            for key in (
                "contributions",
                "personal_data",
                "participants",
                "subscriptions",
                "emails",
            )
        }


def register(actions):
    for action, label, message in ACTIONS:
        actions.register_action(action, label, message)
    actions.register_action(PUBLISH_REFUSED)(PublishRefusedFormatter)
    actions.register_action(REGISTER)(RegisterFormatter)
    actions.register_action(ANONYMISE)(AnonymiseFormatter)
