"""Admin: enter input given offline — at a meeting, on a paper form, by phone,
on a walk or by email — into a dialogue (P4).

Two steps on one URL. Step 1 (GET) chooses the consultation block, the channel
and when the input was given; step 2 shows that block's own form and POSTs it
to the same participation service citizens use, so offline input is validated,
stored and counted exactly like online input. Closed dialogues take offline
input too: it often arrives after the last meeting.
"""

from datetime import date, datetime

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.pages.utils import get_breadcrumbs_items_for_page
from wagtail.log_actions import log

from .. import log_actions, permissions
from ..consultations import consultation_page
from ..models import Channel, Contribution, DialoguePage
from ..participation import service
from .links import url_name

#: The date-time format of the "given at" field (an HTML datetime-local input,
#: which needs no JavaScript).
GIVEN_AT_FORMAT = "%Y-%m-%dT%H:%M"
#: The earliest date offline input can have been given. Earlier dates are
#: typing mistakes (year 1 even breaks the conversion to UTC).
EARLIEST_GIVEN_ON = date(2000, 1, 1)
#: The query parameter that goes back to step 1 with the choices kept.
CHANGE = "change"
NOT_SAVED = _("The input was not saved. Correct the errors below.")


def offline_channels():
    return [
        (value, label)
        for value, label in Channel.choices
        if value not in Channel.online()
    ]


def consultation_blocks(page):
    """(block id, label) of each consultation block of the dialogue, in order."""
    return [
        (block_id, block_label(number, block, value))
        for number, (block_id, block, value) in enumerate(
            page.consultation_blocks(), start=1
        )
    ]


def block_label(number, block, value):
    label = f"{number}. {block.label}"
    title = block.block_title(value)
    return f"{label}: {title}" if title and title != str(block.label) else label


def offline_input_url(page, **params):
    url = reverse(url_name("offline"), args=[page.pk])
    return f"{url}?{urlencode(params)}" if params else url


class OfflineSourceForm(forms.Form):
    """Step 1: which part of the dialogue, how and when the input was given."""

    block = forms.ChoiceField(
        label=_("Part of the dialogue"),
        error_messages={
            "required": _("Choose the part of the dialogue the input belongs to."),
            "invalid_choice": _(
                "That part is not in this dialogue (any more). Choose one of "
                "the dialogue's parts that take input."
            ),
        },
    )
    channel = forms.ChoiceField(
        label=_("How the input was given"),
        choices=offline_channels,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how the input was given."),
            "invalid_choice": _(
                "Choose how the input was given offline. Input sent through the "
                "website or the API is not entered here."
            ),
        },
    )
    given_at = forms.DateTimeField(
        label=_("When it was given"),
        help_text=_(
            "When the participant gave it: the time of the meeting, call or "
            "walk, or when the letter or email arrived."
        ),
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format=GIVEN_AT_FORMAT
        ),
        error_messages={
            "required": _("Give the date and time the input was given."),
            "invalid": _("Give a date and time, for example 2026-03-14 18:30."),
        },
    )

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = consultation_blocks(page)
        now = timezone.localtime().replace(second=0, microsecond=0)
        attrs = self.fields["given_at"].widget.attrs
        attrs["min"] = datetime.combine(
            EARLIEST_GIVEN_ON, datetime.min.time()
        ).strftime(GIVEN_AT_FORMAT)
        attrs["max"] = now.strftime(GIVEN_AT_FORMAT)
        if not self.is_bound:
            self.initial.setdefault("given_at", now)

    def clean_given_at(self):
        given_at = self.cleaned_data["given_at"]
        # The local date as typed, compared before any time zone arithmetic,
        # which fails on dates near year 1.
        if given_at.date() < EARLIEST_GIVEN_ON:
            raise forms.ValidationError(
                _("Give a date from %(earliest)s on. Check the year."),
                params={"earliest": EARLIEST_GIVEN_ON.isoformat()},
            )
        if given_at.date() > timezone.localdate() or given_at > timezone.now():
            raise forms.ValidationError(
                _("The input cannot have been given in the future. Check the date.")
            )
        return given_at


def relabel_identity_fields(form):
    """Staff fill in the form on the participant's behalf."""
    labels = {
        "name": _("The participant's name (optional)"),
        "email": _("The participant's email (optional)"),
        "consent": _(
            "The participant agreed that the municipality stores their name and "
            "email to contact them about this dialogue."
        ),
    }
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
    if "email" in form.fields:
        form.fields["email"].help_text = _(
            "Only if they want to hear what came of their input. Never shown publicly."
        )


class DialogueAdminMixin(WagtailAdminTemplateMixin):
    header_icon = "form"
    page_title = _("Enter offline input")

    def dispatch(self, request, page_id, **kwargs):
        # Input to any language version is the one consultation's.
        self.page = consultation_page(get_object_or_404(DialoguePage, pk=page_id))
        if not permissions.can_see_contributions(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, page_id, **kwargs)

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *get_breadcrumbs_items_for_page(self.page, self.request.user),
            {"url": offline_input_url(self.page), "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        return super().get_context_data(dialogue=self.page, **kwargs)


class EnterOfflineInputView(DialogueAdminMixin, TemplateView):
    choose_template = "wagtail_delaktighet/admin/offline/choose.html"
    form_template = "wagtail_delaktighet/admin/offline/form.html"

    def get(self, request, *args, **kwargs):
        if not request.GET or CHANGE in request.GET:
            initial = {k: v for k, v in request.GET.items() if k != CHANGE}
            return self.choose(OfflineSourceForm(page=self.page, initial=initial))
        source = OfflineSourceForm(request.GET, page=self.page)
        if not source.is_valid():
            return self.choose(source)
        form = service.build_form(self.page, source.cleaned_data["block"])
        return self.enter(source, form)

    # Error reports never show the participant's name, email or input.
    @method_decorator(sensitive_post_parameters())
    def post(self, request, *args, **kwargs):
        source = OfflineSourceForm(request.POST, page=self.page)
        source_is_valid = source.is_valid()
        block_id = source.cleaned_data.get("block")
        if block_id is None:
            return self.choose(source)
        if not source_is_valid:
            # Keep what was typed into the block's form while the channel or
            # date is corrected.
            form = service.build_form(self.page, block_id, data=request.POST)
            form.is_valid()
            return self.enter(source, form, error=NOT_SAVED)
        try:
            submission = service.submit(
                self.page,
                block_id,
                request.POST,
                channel=source.cleaned_data["channel"],
                entered_by=request.user,
                created_at=source.cleaned_data["given_at"],
            )
        except service.BlockNotFound as error:
            return self.choose(source, error=error.message)
        except service.ParticipationError as error:
            form = service.build_form(self.page, block_id, data=request.POST)
            return self.enter(source, form, error=error.message)
        if not submission.accepted:
            return self.enter(source, submission.form, error=NOT_SAVED)
        if not submission.duplicate:
            log_offline_input(submission.contribution, user=request.user)
        return redirect(
            url_name("offline_entered"),
            self.page.pk,
            submission.contribution.pk,
        )

    def choose(self, source, error=""):
        if error or source.errors:
            messages.error(
                self.request, error or _("Check the choices below and try again.")
            )
        self.template_name = self.choose_template
        return self.render_to_response(self.get_context_data(source=source))

    def enter(self, source, form, error=""):
        if error:
            messages.error(self.request, error)
        relabel_identity_fields(form)
        block_id = source.cleaned_data["block"]
        self.template_name = self.form_template
        return self.render_to_response(
            self.get_context_data(
                source=source,
                form=form,
                block_label=dict(source.fields["block"].choices)[block_id],
                # Only the step 1 choices: never the participant's input.
                change_url=offline_input_url(
                    self.page,
                    **{name: source.data.get(name, "") for name in source.fields},
                    **{CHANGE: "1"},
                ),
            )
        )


def log_offline_input(contribution, *, user):
    log(
        instance=contribution,
        action=log_actions.ENTER_OFFLINE,
        user=user,
        data={
            "dialogue": contribution.page_id,
            "block_id": contribution.block_id,
            "channel": contribution.channel,
            "given_at": contribution.created_at.isoformat(),
            "receipt": contribution.receipt,
        },
    )


class OfflineInputEnteredView(DialogueAdminMixin, TemplateView):
    """The receipt after entering one piece of offline input."""

    template_name = "wagtail_delaktighet/admin/offline/entered.html"

    def get_context_data(self, **kwargs):
        contribution = get_object_or_404(
            Contribution.objects.exclude(channel__in=Channel.online()),
            page_id=self.page.pk,
            pk=self.kwargs["contribution_id"],
        )
        params = {
            "block": contribution.block_id,
            "channel": contribution.channel,
            "given_at": timezone.localtime(contribution.created_at).strftime(
                GIVEN_AT_FORMAT
            ),
        }
        blocks = dict(consultation_blocks(self.page))
        return super().get_context_data(
            contribution=contribution,
            block_label=blocks.get(contribution.block_id, contribution.block_type),
            another_url=offline_input_url(self.page, **params),
            start_url=offline_input_url(self.page),
            **kwargs,
        )
