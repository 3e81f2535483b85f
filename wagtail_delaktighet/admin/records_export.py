"""A dialogue's contributions and official responses as public records
(allmänna handlingar), for registration in the municipality's records system
(diarium): CSV, or JSON with the site's public records notice in its header.

Built on the contribution export (admin/export.py): rows read in chunks
(``ExportRows``), the file streamed as it is written, formula cells
neutralised in the CSV, each export logged on the dialogue page. Contributors'
personal data (and staff user names) only when a user allowed to export it
asks for it.
"""

import csv
import io
import json

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views import View

from .. import permissions
from ..consultations import consultation_page
from ..models import Contribution, DialoguePage, OfficialResponse
from ..models.site_settings import DelaktighetSettings
from .contribution_content import channel_label
from .contributions import BlockDescriptions
from .export import (
    ROWS_PER_CHUNK,
    ExportRows,
    LabelPerValue,
    holds_nul,
    neutralise_formula,
    record_export,
    take_text,
)

CSV = "csv"
JSON = "json"
FORMATS = (CSV, JSON)

#: Names the structure of the JSON file, for the records system's import.
JSON_FORMAT_NAME = "wagtail-delaktighet/public-records"
JSON_FORMAT_VERSION = 1


def records_queryset(page, *, personal_data):
    """Every contribution of ``page`` in the order it came in, with its
    official responses (and their signers) prefetched: a fixed number of
    queries per chunk of rows, however many rows there are."""
    responses = OfficialResponse.objects.select_related("signed_by", "signed_by__body")
    queryset = (
        Contribution.objects.filter(page=page)
        .select_related("rejection_reason")
        .prefetch_related(Prefetch("responses", queryset=responses))
        .order_by("created_at", "pk")
    )
    if personal_data:
        queryset = queryset.select_related(
            "personal_data", "moderated_by", "registered_by"
        )
    return queryset


def iso(value):
    """An aware datetime as ISO 8601 in the current time zone, or None."""
    return timezone.localtime(value).isoformat() if value else None


def local(value):
    """A datetime as the municipality reads it in a spreadsheet."""
    return f"{timezone.localtime(value):%Y-%m-%d %H:%M:%S}" if value else ""


def username(user):
    return user.get_username() if user is not None else ""


class RecordBuilder:
    """One contribution as a record (a dict), and its official responses."""

    def __init__(self, describe, *, personal_data):
        self.describe = describe
        self.personal_data = personal_data
        # Translated labels once per export, not once per row.
        self.status = LabelPerValue("status", lambda c: c.get_status_display())
        self.channel = LabelPerValue("channel", lambda c: str(channel_label(c)))

    def answers(self, contribution, info):
        """(question, answer) pairs as the form asked them, then answers to
        questions no longer on the page, by key."""
        stored = info.answers_in(contribution.content)
        pairs = [
            (str(answer_field.label), answer_field.display(stored[answer_field.key]))
            for answer_field in info.fields
            if stored.get(answer_field.key) not in (None, "", [])
        ]
        pairs += [(key, str(value)) for key, value in info.other_answers(contribution)]
        return pairs

    def contribution(self, contribution):
        info = self.describe(contribution)
        record = {
            "id": contribution.pk,
            "receipt": contribution.receipt or "",
            "block": {
                "id": contribution.block_id,
                "type": contribution.block_type,
                "label": str(info.label),
                "type_label": str(info.type_label),
            },
            "status": {
                "value": contribution.status,
                "label": self.status(contribution),
            },
            "channel": {
                "value": contribution.channel,
                "label": self.channel(contribution),
            },
            "created_at": iso(contribution.created_at),
            "display_name": contribution.display_name,
            "binding": contribution.binding,
            "text": info.text(contribution) or "",
            "answers": [
                {"question": question, "answer": answer}
                for question, answer in self.answers(contribution, info)
            ],
            "moderation": {
                "decided_at": iso(contribution.moderated_at),
                "rejection_reason": (
                    contribution.rejection_reason.name
                    if contribution.rejection_reason
                    else ""
                ),
                "note_to_author": contribution.rejection_note,
            },
            "registration": {
                "registered_at": iso(contribution.registered_at),
                "case_number": contribution.registered_case_number,
            },
            "responses": [
                self.response(response) for response in contribution.responses.all()
            ],
        }
        if self.personal_data:
            record["moderation"]["moderated_by"] = username(contribution.moderated_by)
            record["registration"]["registered_by"] = username(
                contribution.registered_by
            )
            personal = getattr(contribution, "personal_data", None)
            record["personal_data"] = {
                "name": personal.name if personal else "",
                "email": personal.email if personal else "",
                "consent": bool(personal and personal.consent),
            }
        return record

    def response(self, response):
        signer = response.signed_by
        record = {
            "id": response.pk,
            "signer_role": signer.title,
            "signer_kind": str(signer.get_kind_display()),
            "signer_body": signer.body.name if signer.body else "",
            "text": response.text,
            "outcome": response.outcome,
            "created_at": iso(response.created_at),
            "published_at": iso(response.published_at),
        }
        if self.personal_data:
            record["signer_name"] = signer.name
        return record


def csv_columns(personal_data):
    """(key, heading) of the CSV's columns. A contribution is one row; each
    of its official responses a row of its own after it, under the same
    receipt."""
    columns = [
        ("record", _("Record")),
        ("receipt", _("Receipt")),
        ("block", _("Block")),
        ("type", _("Type")),
        ("status", _("Status")),
        ("channel", _("Channel")),
        ("created", _("Created")),
        ("display_name", _("Display name")),
        ("text", _("Text")),
        ("answers", _("Answers")),
        ("moderated", _("Moderated")),
        ("rejection_reason", _("Reason for rejection")),
        ("note_to_author", _("Note to the author")),
        ("registered", _("Registered in the records system")),
        ("case_number", _("Case number")),
    ]
    if personal_data:
        columns += [
            ("name", _("Name")),
            ("email", _("Email")),
            ("consent", _("Consent")),
            ("moderated_by", _("Moderated by")),
            ("registered_by", _("Registered by")),
        ]
    columns += [
        ("signer_role", _("Response signed by (role)")),
        ("signer_body", _("Response signed for (body)")),
    ]
    if personal_data:
        columns.append(("signer_name", _("Response signed by (name)")))
    columns += [
        ("response", _("Official response")),
        ("outcome", _("Outcome")),
        ("response_created", _("Response created")),
        ("response_published", _("Response published")),
    ]
    return columns


class CsvRows:
    """Records flattened to CSV rows (dicts by column key)."""

    def __init__(self, personal_data):
        self.contribution_label = _("Contribution")
        self.response_label = _("Official response")
        self.yes, self.no = _("Yes"), _("No")
        self.personal_data = personal_data

    def __call__(self, record):
        answers = "; ".join(
            f"{pair['question']}: {pair['answer']}" for pair in record["answers"]
        )
        moderation, registration = record["moderation"], record["registration"]
        row = {
            "record": self.contribution_label,
            "receipt": record["receipt"],
            "block": record["block"]["label"],
            "type": record["block"]["type_label"],
            "status": record["status"]["label"],
            "channel": record["channel"]["label"],
            "created": local_iso(record["created_at"]),
            "display_name": record["display_name"],
            "text": record["text"],
            "answers": answers,
            "moderated": local_iso(moderation["decided_at"]),
            "rejection_reason": moderation["rejection_reason"],
            "note_to_author": moderation["note_to_author"],
            "registered": local_iso(registration["registered_at"]),
            "case_number": registration["case_number"],
        }
        if self.personal_data:
            personal = record["personal_data"]
            row.update(
                name=personal["name"],
                email=personal["email"],
                consent=self.yes if personal["consent"] else self.no,
                moderated_by=moderation["moderated_by"],
                registered_by=registration["registered_by"],
            )
        yield row
        for response in record["responses"]:
            yield {
                "record": self.response_label,
                "receipt": record["receipt"],
                "signer_role": response["signer_role"] or response["signer_kind"],
                "signer_body": response["signer_body"],
                "signer_name": response.get("signer_name", ""),
                "response": response["text"],
                "outcome": response["outcome"],
                "response_created": local_iso(response["created_at"]),
                "response_published": local_iso(response["published_at"]),
            }


def local_iso(value):
    """An ISO 8601 time from a record as a spreadsheet shows it."""
    if not value:
        return ""
    return value[:19].replace("T", " ")


def stream_csv(records, personal_data):
    columns = csv_columns(personal_data)
    keys = [key for key, _heading in columns]
    flatten = CsvRows(personal_data)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([heading for _key, heading in columns])
    # A byte order mark, so spreadsheet programs read å, ä and ö right.
    yield ("\ufeff" + take_text(buffer)).encode()
    for number, record in enumerate(records, 1):
        for row in flatten(record):
            writer.writerow([neutralise_formula(row.get(key, "")) for key in keys])
        if number % ROWS_PER_CHUNK == 0:
            yield take_text(buffer).encode()
    rest = take_text(buffer)
    if rest:
        yield rest.encode()


def stream_json(header, records):
    """``header`` with a ``contributions`` array of ``records``, written one
    record at a time: the whole never sits in memory."""
    opening = json.dumps(header, ensure_ascii=False)
    yield (opening[:-1] + ', "contributions": [').encode()
    parts = []
    for number, record in enumerate(records, 1):
        separator = "\n" if number == 1 else ",\n"
        parts.append(separator + json.dumps(record, ensure_ascii=False))
        if number % ROWS_PER_CHUNK == 0:
            yield "".join(parts).encode()
            parts = []
    parts.append("\n]}\n")
    yield "".join(parts).encode()


def public_records_notice(page):
    site = page.get_site()
    if site is None:
        return str(DelaktighetSettings().effective_public_records_notice)
    return str(DelaktighetSettings.for_site(site).effective_public_records_notice)


class RecordsExportView(View):
    """``?format=csv`` or ``?format=json``; ``&personal_data=1`` adds
    personal data for a user allowed to export it."""

    http_method_names = ["get"]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # Every language version of a dialogue exports its consultation's.
        self.page = consultation_page(
            get_object_or_404(DialoguePage, pk=kwargs["page_id"])
        )

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_see_contributions(request.user, self.page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if holds_nul(request.GET):
            return HttpResponseBadRequest(
                _("The address of the export holds characters no filter takes.")
            )
        export_format = request.GET.get("format", CSV)
        if export_format not in FORMATS:
            return HttpResponseBadRequest(_("Choose CSV or JSON."))
        personal_data = request.GET.get("personal_data") == "1"
        if personal_data and not permissions.can_export_personal_data(request.user):
            raise PermissionDenied
        record_export(
            self.page,
            user=request.user,
            export_format=f"records-{export_format}",
            personal_data=personal_data,
            query=request.GET,
        )
        builder = RecordBuilder(
            BlockDescriptions([self.page]), personal_data=personal_data
        )
        rows = ExportRows(records_queryset(self.page, personal_data=personal_data))
        records = (builder.contribution(item) for item in rows)
        filename = f"public-records-{self.page.slug}-{timezone.localdate():%Y-%m-%d}"
        if export_format == JSON:
            header = self.json_header(personal_data)
            response = StreamingHttpResponse(
                stream_json(header, records),
                content_type="application/json; charset=utf-8",
            )
        else:
            response = StreamingHttpResponse(
                stream_csv(records, personal_data),
                content_type="text/csv; charset=utf-8",
            )
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{filename}.{export_format}"
        )
        return response

    def json_header(self, personal_data):
        return {
            "format": JSON_FORMAT_NAME,
            "version": JSON_FORMAT_VERSION,
            "exported_at": iso(timezone.now()),
            "dialogue": {
                "id": self.page.pk,
                "title": self.page.title,
                "url": self.page.full_url or "",
            },
            "public_records_notice": public_records_notice(self.page),
            "personal_data": personal_data,
        }
