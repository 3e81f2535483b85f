"""Admin: answer a question publicly, signed by a contact (P1, P8).

Only users who may moderate the question's dialogue (``permissions.can_moderate``)
get here; the answer is saved through
``wagtail_delaktighet.moderation.responses``, which publishes a pending
question along with it and logs both.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page

from .. import permissions
from ..blocks.addressing import addressee_label
from ..converters import is_id
from ..forms.ids import IdChoiceField
from ..models import Contact, Contribution, DialogueContact, OfficialResponse
from ..moderation import responses
from ..participation.service import BlockNotFound, find_consultation_block
from .links import respond_url

PUBLISH = "publish"
DRAFT = "draft"
SEARCH = "search_contacts"


def contact_role(contact):
    """The contact's role as the public will read it under the answer."""
    if contact.is_elected:
        if contact.body_id:
            return gettext("elected representative for %(body)s") % {
                "body": contact.body.name
            }
        return gettext("elected representative")
    if contact.title:
        return gettext("official, %(title)s") % {"title": contact.title}
    return gettext("official")


class ContactChoiceField(IdChoiceField):
    def label_from_instance(self, contact):
        return f"{contact.name} — {contact_role(contact)}"


class ResponseForm(forms.Form):
    """Who signs the answer and what it says; ``outcome`` only when the
    block offers outcome choices (the status part of an idea's response).

    The dialogue's own contacts, who listen in it (``listener_ids``, in the
    dialogue's order), are offered first; the other contacts follow, narrowed
    to those matching ``contact_search`` when staff search for one. Any
    contact may sign: the choice is validated against all of them."""

    signed_by = ContactChoiceField(
        label=_("Signed by"),
        queryset=Contact.objects.select_related("body"),
        empty_label=_("Choose a contact"),
        help_text=_(
            "The public sees the name and role: an elected representative and "
            "the body they represent, or an official and their title."
        ),
        error_messages={"required": _("Choose who signs the answer.")},
    )
    contact_search = forms.CharField(
        label=_("Find another contact"),
        required=False,
        max_length=100,
        help_text=_("A name or title; the list of other contacts is narrowed to it."),
    )
    text = forms.CharField(
        label=_("Answer"),
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write the answer.")},
    )

    def __init__(self, *args, listener_ids=(), outcome_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._offer_contacts(list(dict.fromkeys(listener_ids)))
        if outcome_choices:
            self.fields["outcome"] = forms.ChoiceField(
                label=_("Outcome"), choices=list(outcome_choices)
            )

    def _value(self, name):
        if self.is_bound:
            return self.data.get(self.add_prefix(name), "")
        return self.initial.get(name) or ""

    def _offer_contacts(self, listener_ids):
        field = self.fields["signed_by"]
        # Read before validation, so without the NUL characters PostgreSQL
        # refuses in a query.
        search = str(self._value("contact_search")).replace("\x00", "").strip()
        self.searched_for = search
        chosen = str(self._value("signed_by"))
        others = field.queryset.exclude(pk__in=listener_ids)
        if search:
            # The chosen contact stays on offer, whatever the search.
            matching = Q(name__icontains=search) | Q(title__icontains=search)
            if is_id(chosen):
                matching |= Q(pk=chosen)
            others = others.filter(matching)
        listeners = {c.pk: c for c in field.queryset.filter(pk__in=listener_ids)}
        listed = [listeners[pk] for pk in listener_ids if pk in listeners]
        if not listed and not search:
            return

        def options(contacts):
            return [(c.pk, field.label_from_instance(c)) for c in contacts]

        # ModelChoiceField validates against its queryset, so grouped static
        # choices only change how the select is shown.
        choices = [("", field.empty_label)]
        if listed:
            choices.append((_("Contacts of this dialogue"), options(listed)))
        choices.append((_("Other contacts"), options(others)))
        field.choices = choices


class RespondView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "wagtail_delaktighet/admin/responses/respond.html"
    page_title = _("Answer")
    header_icon = "help"

    def dispatch(self, request, contribution_id):
        self.contribution = get_object_or_404(
            Contribution.objects.select_related("page"), pk=contribution_id
        )
        self.page = self.contribution.page.specific
        if not permissions.can_moderate(request.user, self.page):
            raise PermissionDenied
        self.block, self.block_value = self._block()
        if self.block is None or not self.block.accepts_official_responses:
            raise Http404("This contribution does not take official responses.")
        return super().dispatch(request, contribution_id)

    def _block(self):
        try:
            return find_consultation_block(self.page, self.contribution.block_id)
        except BlockNotFound:
            return None, None

    def get_page_subtitle(self):
        return self.contribution.receipt or ""

    def get_breadcrumbs_items(self):
        return [
            *get_breadcrumbs_items_for_page(self.page, self.request.user),
            {"url": self.request.path, "label": self.get_header_title()},
        ]

    def get_form(self, data=None, initial=None):
        draft = (
            None if initial is not None else responses.latest_draft(self.contribution)
        )
        initial = initial or {}
        if draft is not None:
            initial = {
                "signed_by": draft.signed_by_id,
                "text": draft.text,
                "outcome": draft.outcome,
            }
        outcomes = getattr(self.block, "response_outcomes", None)
        return ResponseForm(
            data=data,
            initial=initial,
            listener_ids=DialogueContact.objects.filter(page_id=self.page.pk)
            .order_by("sort_order", "pk")
            .values_list("contact_id", flat=True),
            outcome_choices=outcomes(self.block_value) if outcomes else None,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        if request.POST.get("action") == SEARCH:
            # Looking for another signer: the form comes back as written,
            # its list of other contacts narrowed, nothing saved.
            form = self.get_form(initial=request.POST.dict())
            return self.render_to_response(self.get_context_data(form=form))
        form = self.get_form(data=request.POST)
        publish = request.POST.get("action") != DRAFT
        if form.is_valid():
            try:
                responses.respond(
                    self.contribution,
                    user=request.user,
                    signed_by=form.cleaned_data["signed_by"],
                    text=form.cleaned_data["text"],
                    outcome=form.cleaned_data.get("outcome", ""),
                    publish=publish,
                )
            except responses.ResponseError as error:
                form.add_error(None, error.message)
            else:
                if publish:
                    messages.success(request, _("The answer is published."))
                else:
                    messages.success(request, _("The answer is saved as a draft."))
                return redirect(
                    get_valid_next_url_from_request(request) or request.path
                )
        messages.error(
            request,
            _("The answer could not be saved. Please correct the errors below."),
        )
        return self.render_to_response(self.get_context_data(form=form), status=200)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        earlier = self.contribution.responses.select_related(
            "signed_by", "signed_by__body"
        ).order_by("created_at", "pk")
        context.update(
            contribution=self.contribution,
            contribution_text=self.block.contribution_text(
                self.block_value, self.contribution
            ),
            dialogue=self.page,
            addressee=addressee_label(self.contribution.content.get("addressed_to")),
            earlier_responses=earlier,
            next_url=get_valid_next_url_from_request(self.request),
            PUBLISH=PUBLISH,
            DRAFT=DRAFT,
            SEARCH=SEARCH,
            answered_block=self.block,
        )
        return context


class UnpublishResponseView(View):
    """POST only: take a published answer off the public page."""

    http_method_names = ["post"]

    def post(self, request, response_id):
        response = get_object_or_404(
            OfficialResponse.objects.select_related("contribution__page"),
            pk=response_id,
        )
        if not permissions.can_moderate(request.user, response.contribution.page):
            raise PermissionDenied
        responses.unpublish_response(response, user=request.user)
        messages.success(request, _("The answer is no longer published."))
        return redirect(
            get_valid_next_url_from_request(request)
            or respond_url(response.contribution)
        )
