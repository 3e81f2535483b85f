"""Export of a dialogue's contributions as CSV and XLSX, built on Wagtail's
``SpreadsheetExportMixin`` (the generic IndexView's export).

One column per question (heading: the question's text; value: the answer,
with option ids turned into the options' texts), personal data only for users
with the permission to export it, and every cell that a spreadsheet could read
as a formula neutralised (CSV injection).

Exports stream: rows are read in chunks while the file is written, never all
at once, so memory stays flat however many contributions a dialogue has; the
labels of a row (status, channel, yes/no) are looked up once per export.
"""

import csv
import io
import tempfile
import unicodedata
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.log_actions import log

from .. import log_actions
from ..consultations import translations_enabled
from .contribution_content import channel_label, language_label

#: What a spreadsheet may read as the start of a formula (OWASP: CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_start(value):
    """The first characters of ``value`` as a spreadsheet may read them:
    leading invisible format characters skipped (a zero-width space, a byte
    order mark, a word joiner …), and look-alikes such as the full-width ＝
    folded to their plain form (NFKC)."""
    skip = 0
    while skip < len(value) and unicodedata.category(value[skip]) == "Cf":
        skip += 1
    return unicodedata.normalize("NFKC", value[skip : skip + 8])


def neutralise_formula(value):
    """Prefix a text that a spreadsheet would run as a formula with a single
    quote, so it is shown as text. Other values pass unchanged."""
    if not isinstance(value, str) or not value:
        return value
    if value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    # A text that starts with a plain ASCII character other than a trigger
    # reads the same after formula_start (ASCII holds no format character,
    # and NFKC composes no trigger from it): the common case, checked first.
    if value[0] < "\x80":
        return value
    if formula_start(value).startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def as_text(value):
    """An exported cell as text, never a spreadsheet formula."""
    return neutralise_formula(str(value))


def exported_as_text(names):
    """A report view's ``custom_field_preprocess`` that exports the fields
    ``names`` as text (``as_text``) in CSV and XLSX alike: the editors' text
    must not run as a formula."""
    return {
        name: {
            SpreadsheetExportMixin.FORMAT_CSV: as_text,
            SpreadsheetExportMixin.FORMAT_XLSX: as_text,
        }
        for name in names
    }


@dataclass
class ExportColumn:
    key: str
    heading: str
    value: Callable[[Any], Any]


def language_column():
    return LabelPerValue("language", language_label)


def export_columns(blocks, describe, *, personal_data):
    """The columns of an export, in order.

    ``blocks`` are the dialogue's consultation blocks ({id: BlockInfo}, in
    page order); ``describe(contribution)`` gives a contribution's BlockInfo,
    also for a block removed from the page.
    """
    # Translated labels are built once here: per row they cost more than
    # everything else in the row together.
    status = LabelPerValue("status", lambda c: c.get_status_display())
    channel = LabelPerValue("channel", lambda c: str(channel_label(c)))
    columns = [
        ExportColumn("receipt", _("Receipt"), lambda c: c.receipt or ""),
        ExportColumn("block", _("Block"), lambda c: describe(c).label),
        ExportColumn("type", _("Type"), lambda c: describe(c).type_label),
        ExportColumn("status", _("Status"), status),
        ExportColumn("channel", _("Channel"), channel),
        ExportColumn("created", _("Created"), local_time_of_creation()),
        ExportColumn("display_name", _("Display name"), lambda c: c.display_name),
    ]
    if translations_enabled():
        # Where dialogues are translated, what came in through each language
        # version; other exports keep their columns.
        columns.append(ExportColumn("language", _("Language"), language_column()))
    # Only where a block takes binding answers, so other exports keep their
    # columns.
    binding = takes_binding_answers(blocks)
    if binding:
        columns.append(ExportColumn("binding", _("Binding answer"), binding_column()))
    if personal_data:
        columns += [
            ExportColumn("name", _("Name"), lambda c: personal(c, "name")),
            ExportColumn("email", _("Email"), lambda c: personal(c, "email")),
            ExportColumn("consent", _("Consent"), consent_column()),
        ]
        if binding:
            # Who answered is personal data: the account's user name.
            columns.append(
                ExportColumn("account", _("Resident's account"), account_column())
            )
    columns.append(ExportColumn("text", _("Text"), lambda c: describe(c).text(c)))
    columns += question_columns(blocks)
    columns.append(
        ExportColumn(
            "other_answers",
            _("Answers to questions no longer on the page"),
            lambda c: other_answers(c, describe(c)),
        )
    )
    return columns


def question_columns(blocks):
    """One column per question of every block, headed by the question."""
    columns, headings = [], set()
    for info in blocks.values():
        for answer_field in info.fields:
            heading = answer_field.label
            if heading in headings:
                # Two blocks ask the same question: say which block.
                heading = f"{info.label}: {heading}"
            headings.add(heading)
            columns.append(
                ExportColumn(
                    f"{info.id}:{answer_field.key}",
                    heading,
                    answer_getter(info, answer_field),
                )
            )
    return columns


def answer_getter(info, answer_field):
    def value(contribution):
        if contribution.block_id != info.id:
            return ""
        answer = info.answers_in(contribution.content).get(answer_field.key)
        if answer in (None, "", []):
            return ""
        return answer_field.display(answer)

    return value


def other_answers(contribution, info):
    return "; ".join(
        f"{key}: {value}" for key, value in info.other_answers(contribution)
    )


def background_columns(questions):
    """One column per background question answered in the dialogue
    (``(key, heading)``), headed by the question as the site asks it now (or
    as it was asked, for a question since removed)."""
    return [
        ExportColumn(f"background:{key}", heading, background_getter(key))
        for key, heading in questions
    ]


def background_getter(question_key):
    def value(contribution):
        for row in contribution.background_answers.all():
            if row.question_key == question_key:
                return row.answer
        return ""

    return value


def personal(contribution, field_name):
    personal_data = getattr(contribution, "personal_data", None)
    return getattr(personal_data, field_name, "") if personal_data else ""


def consent_column():
    yes, no = _("Yes"), _("No")

    def consent(contribution):
        personal_data = getattr(contribution, "personal_data", None)
        if personal_data is None:
            return ""
        return yes if personal_data.consent else no

    return consent


def takes_binding_answers(blocks):
    """Whether a block of the page (``{id: BlockInfo}``) only takes answers
    from logged-in residents."""
    return any(
        info.value is not None and info.block.requires_login(info.value)
        for info in blocks.values()
    )


def binding_column():
    yes, no = _("Yes"), _("No")
    return lambda contribution: yes if contribution.binding else no


def account_column():
    deleted = _("(account deleted)")

    def account(contribution):
        if not contribution.binding:
            return ""
        # Read with the row (select_related): one query for the export.
        user = contribution.account
        return user.get_username() if user is not None else deleted

    return account


class LabelPerValue:
    """A contribution's label for the value of one of its fields, computed
    by ``label(contribution)`` for the first contribution with that value and
    remembered for the others (a handful of values, many rows)."""

    def __init__(self, field_name, label):
        self.field_name = field_name
        self.label = label
        self.labels = {}

    def __call__(self, contribution):
        value = getattr(contribution, self.field_name)
        try:
            return self.labels[value]
        except KeyError:
            label = self.labels[value] = self.label(contribution)
            return label


def local_time(value, zone=None):
    # Naive local time: Wagtail writes aware datetimes to XLSX in UTC, which
    # would put every time off by an hour or two for the municipality.
    return timezone.make_naive(value, zone) if timezone.is_aware(value) else value


def local_time_of_creation():
    # The current time zone looked up once, not once per row.
    zone = timezone.get_current_timezone()
    return lambda contribution: local_time(contribution.created_at, zone)


#: Rows read from the database at a time while an export is written.
CHUNK_SIZE = 2000

#: An export of up to this many rows is read with one plain query.
ONE_QUERY_ROWS = 500


class ExportRows:
    """A queryset read in chunks, for Wagtail's export writers: they iterate
    over it (and ask for its ``model`` for default headings), and neither
    should hold every row of the result at once.

    Most exports are small: up to ``ONE_QUERY_ROWS`` rows are read with one
    query, where PostgreSQL's chunked read (a server-side cursor) costs five
    round trips. A longer result is then read from the start in chunks, so
    that the whole file comes from one read, as it would without this."""

    def __init__(self, queryset, chunk_size=CHUNK_SIZE):
        self.queryset = queryset
        self.model = queryset.model
        self.chunk_size = chunk_size

    def __iter__(self):
        first = list(self.queryset[: ONE_QUERY_ROWS + 1])
        if len(first) <= ONE_QUERY_ROWS:
            return iter(first)
        return self.queryset.iterator(chunk_size=self.chunk_size)


#: CSV rows sent in one chunk of the streamed response.
ROWS_PER_CHUNK = 500


def take_text(buffer):
    """What was written to the StringIO ``buffer``, which is emptied."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


class ContributionExportMixin:
    """The export hooks of ``SpreadsheetExportMixin`` for a dialogue's
    contributions. The view provides ``page``, ``blocks``, ``describe`` and
    ``include_personal_data``."""

    def get(self, request, *args, **kwargs):
        # Straight to the file: the listing's context would count and load
        # every row of the result before the first byte is sent.
        if self.is_export:
            return self.as_spreadsheet(self.get_queryset(), request.GET.get("export"))
        return super().get(request, *args, **kwargs)

    @cached_property
    def export_columns(self):
        columns = export_columns(
            self.blocks, self.describe, personal_data=self.include_personal_data
        )
        if self.include_personal_data:
            # Background answers are personal-data-like: only with the
            # permission, and read with the rows (get_base_queryset).
            columns += background_columns(self.background_questions)
        return columns

    @cached_property
    def background_questions(self):
        """(question key, heading) of the background questions answered in
        the dialogue, for staff who may see personal data; one query."""
        from ..participation.background import answered_questions

        if not self.include_personal_data:
            return []
        return answered_questions(self.page)

    @property
    def list_export(self):
        return [column.key for column in self.export_columns]

    @property
    def export_headings(self):
        return {column.key: column.heading for column in self.export_columns}

    def to_row_dict(self, item):
        return OrderedDict(
            (column.key, column.value(item)) for column in self.export_columns
        )

    def preprocess_field_value(self, field, value, export_format):
        # After Wagtail's own preprocessing (lists joined, dates for XLSX),
        # so every text cell passes through the neutraliser. Wagtail leaves a
        # plain text as it is: skip its lookup, done for every cell.
        if type(value) is not str:
            value = super().preprocess_field_value(field, value, export_format)
        return neutralise_formula(value)

    def csv_cell(self, field, value):
        # preprocess_field_value, with the common case (a text) inline.
        if type(value) is str:
            return neutralise_formula(value)
        return self.preprocess_field_value(field, value, self.FORMAT_CSV)

    def get_heading(self, queryset, field):
        # Headings are question texts written by editors: neutralise them too.
        return neutralise_formula(super().get_heading(queryset, field))

    def get_filename(self):
        return f"contributions-{self.page.slug}-{timezone.localdate():%Y-%m-%d}"

    def stream_csv(self, queryset):
        """The rows as Wagtail's ``stream_csv`` writes them (its DictWriter's
        dialect, every cell through ``preprocess_field_value``), after a byte
        order mark, so spreadsheet programs read å, ä and ö right. Written
        as lists, many rows to a chunk: per row, Wagtail's dictionaries and
        one chunk each cost more than the row's own values."""
        rows = ExportRows(queryset)
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([self.get_heading(rows, key) for key in self.list_export])
        yield ("\ufeff" + take_text(buffer)).encode()
        columns = [(column.key, column.value) for column in self.export_columns]
        for number, item in enumerate(rows, 1):
            writer.writerow([self.csv_cell(key, value(item)) for key, value in columns])
            if number % ROWS_PER_CHUNK == 0:
                yield take_text(buffer).encode()
        rest = take_text(buffer)
        if rest:
            yield rest.encode()

    def write_xlsx_response(self, queryset):
        # Written to a temporary file rather than to memory (openpyxl's
        # write-only mode keeps only the current row), then sent from it.
        output = tempfile.TemporaryFile()  # noqa: SIM115 - the response closes it
        try:
            self.write_xlsx(ExportRows(queryset), output)
        except BaseException:
            output.close()
            raise
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type=(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            ),
            filename=f"{self.get_filename()}.xlsx",
        )

    def as_spreadsheet(self, queryset, spreadsheet_format):
        if holds_nul(self.request.GET):
            # No filter holds a NUL byte, and PostgreSQL cannot store one in
            # the log entry below.
            return HttpResponseBadRequest(
                _("The address of the export holds characters no filter takes.")
            )
        record_export(
            self.page,
            user=self.request.user,
            export_format=spreadsheet_format,
            personal_data=self.include_personal_data,
            query=self.request.GET,
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)


def holds_nul(query):
    """Whether a name or value of the QueryDict ``query`` holds a NUL byte."""
    return any(
        "\x00" in text for name, values in query.lists() for text in [name, *values]
    )


def record_export(page, *, user, export_format, personal_data, query):
    """Log the export on the dialogue page: one entry per export, in the
    page's history, saying whether personal data left the system."""
    filters = {key: value for key, value in query.items() if key not in ("export", "p")}
    log(
        instance=page,
        action=log_actions.EXPORT,
        user=user,
        data={
            "format": export_format,
            "personal_data": personal_data,
            "filters": filters,
        },
    )
