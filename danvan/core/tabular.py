"""Lists as spreadsheets: a header and rows streamed as XLSX or CSV, whatever the number of rows.

XLSX goes through a write-only workbook saved to a temporary file (openpyxl keeps no row in
memory); CSV is produced line by line while the response is sent. Callers pass rows as an
iterator (a queryset's `.iterator(chunk_size=CHUNK)`), never as a list of the whole table.

Every text cell goes through `safe` first: a value a spreadsheet would read as a formula
(starting with = + - @, a tab or a carriage return, even after leading spaces) is prefixed with
an apostrophe (OWASP CSV injection guidance), so nothing a citizen typed can run on an
official's machine. Dates and times stay dates and times (local time, without a zone)."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Generic, TypeVar

from django.db.models import Model
from django.http import FileResponse, Http404, HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.text import capfirst
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

T = TypeVar("T")

FORMATS = ("xlsx", "csv")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
CHUNK = 2000  # rows fetched from the database at a time
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMULA_SIGNS = ("=", "+", "-", "@")
XLSX_MAX_CELL = 32767  # Excel refuses longer cells
XLSX_FORMATS = {dt.datetime: "DD/MM/YYYY HH:MM:SS", dt.date: "DD/MM/YYYY", dt.time: "HH:MM"}
CSV_FORMATS = {dt.datetime: "%Y-%m-%d %H:%M:%S", dt.date: "%Y-%m-%d", dt.time: "%H:%M"}


def safe(value: Any) -> Any:
    """A cell value that cannot be read as a formula."""
    if isinstance(value, str) and (
        value.startswith(DANGEROUS_PREFIXES) or value.lstrip().startswith(FORMULA_SIGNS)
    ):
        return "'" + value
    return value


def _plain(value: Any) -> Any:
    """What a cell holds: text, a number, a date or time (local, naive), or empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "x" if value else ""
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None, microsecond=0)
    if isinstance(value, dt.date | dt.time | int | float | decimal.Decimal):
        return value
    if isinstance(value, Promise | Model):
        return str(value)
    return value if isinstance(value, str) else str(value)


def _kind(value: Any) -> type | None:
    for kind in XLSX_FORMATS:  # datetime before date: a datetime is a date too
        if isinstance(value, kind):
            return kind
    return None


def _xlsx_text(value: str) -> str:
    # Control characters are not allowed in the file format; a pasted one must not break it.
    # The cut comes after the protection, which may add a leading apostrophe.
    return str(safe(ILLEGAL_CHARACTERS_RE.sub("", value)))[:XLSX_MAX_CELL]


def _xlsx_cell(sheet: Any, raw: Any) -> Any:
    if type(raw) is str:  # most cells: skip the general conversion
        return _xlsx_text(raw)
    value = _plain(raw)
    kind = _kind(value)
    if kind is not None:
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_FORMATS[kind]
        return cell
    return _xlsx_text(value) if isinstance(value, str) else value


def _csv_value(raw: Any) -> Any:
    value = _plain(raw)
    kind = _kind(value)
    if kind is not None:
        return value.strftime(CSV_FORMATS[kind])
    return safe(value)


def stream_xlsx(
    header: Sequence[Any],
    rows: Iterable[Sequence[Any]],
    *,
    title: str,
    widths: Sequence[int] | None = None,
) -> IO[bytes]:
    """A write-only workbook written row by row to a temporary file (constant memory, whatever
    the number of rows); returned rewound, for a FileResponse."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths or (), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for value in header:
        cell = WriteOnlyCell(sheet, value=safe(_plain(value)))
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    for row in rows:
        sheet.append([_xlsx_cell(sheet, v) for v in row])
    handle = tempfile.TemporaryFile()  # noqa: SIM115  # closed by the FileResponse
    workbook.save(handle)
    handle.seek(0)
    return handle


class _Echo:
    def write(self, value: str) -> str:
        return value


def stream_csv(header: Sequence[Any], rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """CSV lines, one at a time (UTF-8 with a BOM so spreadsheets read Vietnamese correctly)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([safe(_plain(v)) for v in header])
    for row in rows:
        yield writer.writerow([_csv_value(v) for v in row])


def _in_language(language: str | None, lines: Iterable[str]) -> Iterator[str]:
    """CSV rows are built while the response is sent, after the view returned: keep the
    request's language for the labels they hold."""
    if language is None:
        yield from lines
        return
    with translation.override(language):
        yield from lines


def require_format(fmt: str) -> None:
    """An export URL names its format; any other answers 404."""
    if fmt not in FORMATS:
        raise Http404


def respond(
    fmt: str,
    header: Iterable[Any],
    rows: Iterable[Sequence[Any]],
    *,
    name: str,
    widths: Sequence[int] | None = None,
) -> FileResponse | StreamingHttpResponse:
    """The download: `name` (ASCII, Vietnamese without diacritics) and the local time make its
    file name, e.g. `so-tiep-cong-dan-20260915-1600.xlsx`. Never cached: it holds personal data."""
    require_format(fmt)
    head = [str(label) for label in header]  # labels in the request's language, now
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    filename = f"{name}-{stamp}.{fmt}"
    response: FileResponse | StreamingHttpResponse
    if fmt == "csv":
        lines = _in_language(translation.get_language(), stream_csv(head, rows))
        response = StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    else:
        handle = stream_xlsx(head, rows, title=name, widths=widths)
        response = FileResponse(
            handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
        )
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- lists described by their columns ------------------------------------------------------------
@dataclass(frozen=True)
class Column(Generic[T]):
    """One column of an exported list: its header and how a row's object gives its value."""

    header: Any  # a (lazy) translated label
    value: Callable[[T], Any]
    width: int = 16


def field_label(model: type[Model], name: str) -> Any:
    """A model field's verbose name as a column header: lazy, translated when it is read."""
    return capfirst(model._meta.get_field(name).verbose_name)  # type: ignore[union-attr]


def export(
    fmt: str, columns: Sequence[Column[T]], objects: Iterable[T], *, name: str
) -> FileResponse | StreamingHttpResponse:
    """`objects` as the list `columns` describe, in `fmt` (see `respond`)."""
    rows = ([column.value(obj) for column in columns] for obj in objects)
    return respond(
        fmt, [c.header for c in columns], rows, name=name, widths=[c.width for c in columns]
    )


def links(
    request: HttpRequest, viewname: str, *args: Any, extra: dict[str, str] | None = None
) -> dict[str, str]:
    """The XLSX and CSV links of a list: its export view with the list's own query string (its
    filters), without the page number, plus `extra` parameters."""
    query = request.GET.copy()
    query.pop("page", None)
    for key, value in (extra or {}).items():
        query[key] = value
    suffix = f"?{query.urlencode()}" if query else ""
    return {fmt: reverse(viewname, args=[*args, fmt]) + suffix for fmt in FORMATS}
