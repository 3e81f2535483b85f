"""Bulk publishing holds the publish rules (registered in wagtail_hooks).

Wagtail's bulk "Publish" action publishes each selected page's latest
revision (and, if asked, the draft pages below them) in one transaction. A
page that breaks its rules would stop it halfway with an error, so the whole
action is checked first and refused with a message per page, which links to
the page's edit view. Nothing is published then; the editor fixes the pages
(or leaves them out) and publishes again.
"""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages

from ..publishing.enforcement import (
    PublishRulesMixin,
    going_live_errors,
    refusal_message,
)


def refuse_bulk_publish_that_breaks_the_rules(request, action_type, objects, action):
    if action_type != "publish":
        return None
    include_descendants = action.cleaned_form.cleaned_data.get("include_descendants")
    pages = pages_to_publish(objects, request.user, include_descendants)
    going_live = {page.pk for page in pages}
    refused = False
    for page in pages:
        if not isinstance(page, PublishRulesMixin):
            continue
        revision = page.get_latest_revision()
        content = revision.as_object() if revision is not None else page
        errors = going_live_errors(content, going_live_with=going_live)
        if errors:
            refused = True
            messages.error(
                request,
                refusal_message(content, errors),
                buttons=[
                    messages.button(
                        reverse("wagtailadmin_pages:edit", args=[page.pk]), _("Edit")
                    )
                ],
            )
    if refused:
        messages.error(request, _("Nothing was published."))
        return redirect(action.next_url)
    return None


def pages_to_publish(objects, user, include_descendants):
    """The pages the bulk action would publish, as their specific class:
    what ``PublishBulkAction.execute_action`` goes through."""
    pages = []
    for page in objects:
        pages.append(page.specific)
        if include_descendants:
            for descendant in page.get_descendants().not_live().specific():
                if descendant.permissions_for_user(user).can_publish():
                    pages.append(descendant)
    return pages
