"""Consent to be contacted, and who may be written to.

A contributor's address is written to only when they consented, and never
once their contribution was rejected as spam (a spammer's address is often
someone else's). The consent is stored with the wording shown, so that what
somebody agreed to is known after the form's text changes.
"""

import hashlib

from ..models.contributions import ContributionStatus


def version_of(text):
    """A short, stable id of a consent wording: its hash."""
    return hashlib.sha256(str(text).encode()).hexdigest()[:16]


def recorded_consent(text):
    """The fields that keep the consent text shown with the consent."""
    text = str(text)
    return {"consent_text": text, "consent_version": version_of(text)}


def rejected_as_spam(contribution):
    reason = contribution.rejection_reason
    return (
        contribution.status == ContributionStatus.REJECTED
        and reason is not None
        and reason.is_spam
    )


def contact_address(contribution):
    """The address to write to about ``contribution``, or "" when its author
    gave none, did not consent, or it was rejected as spam."""
    if rejected_as_spam(contribution):
        return ""
    personal_data = getattr(contribution, "personal_data", None)
    if personal_data is None or not personal_data.consent:
        return ""
    return personal_data.email
