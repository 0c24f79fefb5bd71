"""Import of historical petitions (sổ đơn cũ) from the XLSX template.

Three steps, each a service:

1. `import_preview` reads the upload (openpyxl, read-only, formulas never evaluated: a formula
   cell is read as its text), validates every row and stores the good rows (encrypted: names,
   phones, denouncers) and the rejected rows with their reasons on an ImportJob "previewed".
2. `import_confirm` queues the job (once: a second click does nothing).
3. `import_run` (the background task) registers ALL good rows through petitions.services in ONE
   transaction: a failure on any row rolls everything back and the job shows the error. Nothing
   is ever half-imported, and the duplicate check is repeated inside that transaction so running
   a job twice, or two jobs of the same file, never lands a row twice.

Historical statuses: a row whose old status says the case is still being handled ("đang xử
lý", or blank) is registered as received, assigned to its unit, with its legal clocks started as
for any new petition, and carries a public note "Nhập từ dữ liệu lịch sử: …". A row the old
register shows as finished ("đã trả lời", "đã kết thúc", "đã chuyển", "đã hướng dẫn", "lưu
đơn") lands finished as a historical record, through petitions.services.petition_close_historical:
the finishing date is required (not in the future, not before receipt), the result is mapped to
the honest closure (RESULTS_VI: answered or resolved → resolved, transferred or guided → that,
naming the body, refused, filed, withdrawn) and must be one the kind can have (states.
HISTORICAL_OUTCOMES); otherwise the row is rejected with its reason. The old register entry is
the evidence: the case is flagged, and its public timeline says it was finished according to the
old register, with the old result text, dated the finishing day (so the statistics forms count
it finished in that period). No legal clock is started for it. No row, open or finished, sends
anything to a citizen.

Progress: the import runs inside one transaction, so the counter cannot be committed to the
database while it runs; it goes to the cache every 50 rows (visible to the web process when the
cache is shared, e.g. Redis) and the final count is written to the job at the end."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from danvan.core import audit
from danvan.core.crypto import decrypt_text, encrypt_text
from danvan.core.jobs import enqueue_on_commit
from danvan.core.models import Commune, Unit, UnitKind
from danvan.core.text import fold
from danvan.petitions import services as petition_services
from danvan.petitions.models import Channel, Field, Flag, Petition
from danvan.petitions.states import Closure, Kind, historical_target

from . import xlsx
from .models import ImportJob

logger = logging.getLogger(__name__)

MAX_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED = 100 * 1024 * 1024  # a 5 MB ZIP that inflates past this is a zip bomb
MAX_ROWS = 20_000
PROGRESS_EVERY = 50
MIN_YEAR = 2000  # petitions.services refuses older dates of receipt

COLUMNS = (
    ("received_on", "Ngày nhận (dd/mm/yyyy)"),
    ("kind", "Loại đơn (khiếu nại/tố cáo/kiến nghị/phản ánh/yêu cầu thông tin)"),
    ("channel", "Nguồn đơn"),
    ("name", "Họ tên người gửi"),
    ("phone", "Điện thoại"),
    ("address", "Địa chỉ"),
    ("summary", "Tóm tắt"),
    ("content", "Nội dung"),
    ("field", "Lĩnh vực"),
    ("unit", "Đơn vị xử lý"),
    ("village", "Thôn"),
    ("status", "Trạng thái (đang xử lý/đã trả lời/đã kết thúc/đã chuyển/đã hướng dẫn/lưu đơn)"),
    ("closed_on", "Ngày kết thúc (bắt buộc với đơn đã kết thúc)"),
    ("result", "Kết quả (xem trang Hướng dẫn)"),
    ("transferred_to", "Chuyển/hướng dẫn đến (tên cơ quan)"),
)
# Files filled in from the earlier template (without the last column) are still read.
OPTIONAL_LAST = ("transferred_to",)
HEADER = tuple(title for _key, title in COLUMNS)
TITLE = dict(COLUMNS)
# Short column names for messages: "Ngày nhận", not the whole header with its hint.
LABEL = {key: title.split(" (")[0] for key, title in COLUMNS}

KINDS_VI = {
    Kind.COMPLAINT: "khiếu nại",
    Kind.DENUNCIATION: "tố cáo",
    Kind.RECOMMENDATION: "kiến nghị",
    Kind.FEEDBACK: "phản ánh",
    Kind.INFO_REQUEST: "yêu cầu thông tin",
}
STATUSES_VI = {
    "open": "đang xử lý",
    "answered": "đã trả lời",
    "closed": "đã kết thúc",
    "transferred": "đã chuyển",
    "guided": "đã hướng dẫn",
    "filed": "lưu đơn",
}
# What a finished status says by itself about how the case ended; "đã kết thúc" says nothing,
# its result does.
STATUS_CLOSURE: dict[str, str] = {
    "answered": Closure.RESOLVED,
    "transferred": Closure.TRANSFERRED,
    "guided": Closure.GUIDED,
    "filed": Closure.FILED,
}
# How the result column of a finished row may start (folded, diacritics optional), and the honest
# closure each means. The first phrase is the one the template offers.
RESULTS_VI: dict[str, tuple[str, ...]] = {
    Closure.RESOLVED: (
        "đã giải quyết",
        "giải quyết xong",
        "đã trả lời",
        "trả lời",
        "đã hòa giải thành",
        "hòa giải thành",
    ),
    Closure.TRANSFERRED: ("đã chuyển", "chuyển đơn", "chuyển"),
    Closure.GUIDED: ("đã hướng dẫn", "hướng dẫn"),
    Closure.REFUSED: ("không thụ lý", "từ chối thụ lý"),
    Closure.FILED: ("lưu đơn", "đã lưu đơn"),
    Closure.WITHDRAWN: ("rút đơn", "đã rút đơn", "đình chỉ"),
}
RESULT_MEANING: dict[str, str] = {
    Closure.RESOLVED: "đã giải quyết",
    Closure.TRANSFERRED: "đã chuyển đơn (ghi cơ quan nhận ở cột Chuyển/hướng dẫn đến)",
    Closure.GUIDED: "đã hướng dẫn (ghi cơ quan ở cột Chuyển/hướng dẫn đến)",
    Closure.REFUSED: "không thụ lý",
    Closure.FILED: "lưu đơn",
    Closure.WITHDRAWN: "rút đơn (đình chỉ giải quyết)",
}
CHANNELS_VI = {
    Channel.DESK: "Tiếp công dân",
    Channel.POST: "Bưu chính",
    Channel.HAND: "Nộp trực tiếp",
    Channel.AGENCY: "Cơ quan khác chuyển đến",
    Channel.FRONT: "MTTQ, đoàn thể chuyển đến",
    Channel.DEPUTY: "Đại biểu dân cử chuyển đến",
    Channel.PRESS: "Báo chí chuyển đến",
    Channel.ONLINE: "Trực tuyến",
    Channel.HOTLINE: "Đường dây nóng",
    Channel.BOX: "Hòm thư góp ý",
}
DEFAULT_CHANNEL = Channel.HAND
FIELDS_VI = {
    Field.LAND: "Đất đai",
    Field.HOUSING: "Nhà ở, tài sản",
    Field.POLICY: "Chế độ, chính sách",
    Field.SOCIAL: "Chính trị, văn hóa, xã hội khác",
    Field.WELFARE: "An sinh xã hội, người có công",
    Field.ENVIRONMENT: "Môi trường, trật tự",
    Field.JUSTICE: "Tư pháp",
    Field.PARTY: "Đảng, đoàn thể",
    Field.CORRUPTION: "Tham nhũng",
    Field.OTHER: "Khác",
}


def _lookup(names: dict[Any, str]) -> dict[str, str]:
    """Folded Vietnamese label (with or without diacritics) or code → code."""
    table = {fold(label): str(code) for code, label in names.items()}
    table.update({fold(str(code)): str(code) for code in names})
    return table


def result_closure(text: str) -> str | None:
    """The closure a result text starts with (the longest phrase of RESULTS_VI that is a whole
    first word group of it), or None."""
    folded = fold(text)
    found: tuple[int, str] | None = None
    for closure, phrases in RESULTS_VI.items():
        for phrase in map(fold, phrases):
            whole = folded == phrase or (
                folded.startswith(phrase) and not folded[len(phrase)].isalnum()
            )
            if whole and (found is None or len(phrase) > found[0]):
                found = (len(phrase), str(closure))
    return found[1] if found else None


KIND_LOOKUP = _lookup(KINDS_VI)
STATUS_LOOKUP = _lookup(STATUSES_VI)
CHANNEL_LOOKUP = _lookup(CHANNELS_VI)
FIELD_LOOKUP = _lookup(FIELDS_VI)


def reason_text(error: dict[str, Any]) -> str:
    """The sentence shown for one rejection (stored as a code, rendered in the reader's language)."""
    column = error.get("column", "")
    value = error.get("value", "")
    messages = {
        "required": _("%(column)s is required."),
        "bad_date": _("%(column)s “%(value)s” is not a date (dd/mm/yyyy)."),
        "future_date": _("%(column)s %(value)s is in the future."),
        "old_date": _("%(column)s %(value)s is before 2000."),
        "before_received": _("%(column)s %(value)s is before the date of receipt."),
        "unknown_kind": _("Unknown kind of petition “%(value)s”."),
        "unknown_status": _("Unknown status “%(value)s”."),
        "unknown_channel": _("Unknown channel “%(value)s”."),
        "unknown_field": _("Unknown field “%(value)s”."),
        "unknown_unit": _("No unit of this commune is called “%(value)s”."),
        "unknown_village": _("No village of this commune is called “%(value)s”."),
        "too_long": _("%(column)s is longer than %(value)s characters."),
        "duplicate_in_file": _("Same date, summary and sender as row %(value)s of this file."),
        "duplicate_existing": _("Already registered as case %(value)s."),
        "finished_needs_date": _("%(column)s is required for a finished petition."),
        "finished_needs_result": _(
            "%(column)s is required for a finished petition: say how it ended (see the "
            "instructions sheet)."
        ),
        "unknown_result": _(
            "The result “%(value)s” does not say how the petition ended: start it with one of "
            "the results of the instructions sheet."
        ),
        "result_conflict": _("The result “%(value)s” contradicts the status."),
        "closure_not_for_kind": _("A “%(column)s” petition cannot end as “%(value)s”."),
        "needs_body": _("%(column)s is required for a petition transferred or guided."),
    }
    template = messages.get(error.get("code", ""), _("Invalid row."))
    return template % {"column": column, "value": value}


# --- the template --------------------------------------------------------------------------------
def template_workbook(commune: Commune) -> bytes:
    """The XLSX to fill in: the header row, and a sheet of allowed values (with the commune's own
    units and villages)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách đơn"
    sheet.append(list(HEADER))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index in range(1, len(HEADER) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 22
    sheet.freeze_panes = "A2"
    for key, choices, strict, prompt in (
        ("kind", list(KINDS_VI.values()), True, ""),
        (
            "status",
            list(STATUSES_VI.values()),
            True,
            "Bỏ trống hoặc “đang xử lý”: đơn còn đang giải quyết. Các trạng thái khác: đơn đã "
            "kết thúc, phải có Ngày kết thúc và Kết quả.",
        ),
        (
            "closed_on",
            [],
            False,
            "Bắt buộc với đơn đã kết thúc: dd/mm/yyyy, không sau hôm nay, không trước Ngày nhận.",
        ),
        (
            "result",
            [phrases[0] for phrases in RESULTS_VI.values()],
            False,
            "Đơn đã kết thúc: bắt đầu bằng một kết quả trong danh sách (có thể ghi tiếp chi "
            "tiết, ví dụ “đã trả lời bằng văn bản số 12/UBND”).",
        ),
        (
            "transferred_to",
            [],
            False,
            "Bắt buộc với đơn đã chuyển hoặc đã hướng dẫn: tên cơ quan.",
        ),
    ):
        letter = sheet.cell(row=1, column=list(TITLE).index(key) + 1).column_letter
        if choices:
            # A strict list refuses other values; a suggestion list accepts details after them.
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(choices) + '"',
                allow_blank=True,
                showErrorMessage=strict,
            )
        else:
            validation = DataValidation(allow_blank=True)
        if prompt:
            validation.promptTitle = LABEL[key][:32]
            validation.prompt = prompt[:255]
            validation.showInputMessage = True
        validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
        sheet.add_data_validation(validation)
    help_sheet = workbook.create_sheet("Hướng dẫn")
    units = _units(commune)
    results = []
    for closure, phrases in RESULTS_VI.items():
        kinds = [label for kind, label in KINDS_VI.items() if historical_target(kind, closure)]
        results.append(
            " / ".join(phrases) + f" → {RESULT_MEANING[closure]}; loại đơn: {', '.join(kinds)}."
        )
    sections: list[tuple[str, list[str]]] = [
        (
            "Cách điền",
            [
                "Mỗi dòng một đơn; dòng tiêu đề giữ nguyên.",
                "Bắt buộc: Ngày nhận, Loại đơn, Tóm tắt.",
                "Ngày ghi dd/mm/yyyy (ví dụ 14/01/2024) hoặc ô kiểu ngày; không sau hôm nay.",
                "Bỏ trống Họ tên người gửi: đơn nặc danh.",
                "Đơn tố cáo: họ tên người tố cáo được mã hóa, không ghi lên hồ sơ.",
                "Bỏ trống Nguồn đơn: " + CHANNELS_VI[DEFAULT_CHANNEL] + ".",
                "Đơn đang xử lý (Trạng thái bỏ trống hoặc “đang xử lý”): được vào sổ kèm ghi chú "
                "lịch sử và tính hạn xử lý như đơn mới; cán bộ tiếp tục giải quyết theo quy trình.",
                "Đơn đã kết thúc (đã trả lời, đã kết thúc, đã chuyển, đã hướng dẫn, lưu đơn): "
                "được ghi nhận đã kết thúc theo sổ theo dõi đơn cũ, không tính hạn, không gửi "
                "tin cho công dân. Bắt buộc Ngày kết thúc (không sau hôm nay, không trước Ngày "
                "nhận) và Kết quả (xem mục Kết quả dưới đây); đơn đã chuyển hoặc đã hướng dẫn "
                "ghi tên cơ quan ở cột Chuyển/hướng dẫn đến.",
                "Dòng thiếu hoặc sai các thông tin trên bị loại, kèm lý do; không dòng nào được "
                "nhập khi chưa xác nhận.",
                "Ô bắt đầu bằng = + - @ được lưu như văn bản, không bao giờ là công thức.",
            ],
        ),
        ("Loại đơn", list(KINDS_VI.values())),
        ("Trạng thái", list(STATUSES_VI.values())),
        (
            "Kết quả (đơn đã kết thúc: Kết quả bắt đầu bằng một trong các cụm sau)",
            results,
        ),
        ("Nguồn đơn", list(CHANNELS_VI.values())),
        ("Lĩnh vực", list(FIELDS_VI.values())),
        ("Đơn vị xử lý", [u.name for u in units if u.kind != UnitKind.VILLAGE]),
        ("Thôn", [u.name for u in units if u.kind == UnitKind.VILLAGE]),
    ]
    for title, values in sections:
        help_sheet.append([title])
        help_sheet.cell(row=help_sheet.max_row, column=1).font = Font(bold=True)
        for value in values:
            help_sheet.append([xlsx.safe(value)])
        help_sheet.append([])
    help_sheet.column_dimensions["A"].width = 90
    return xlsx.workbook_bytes(workbook)


def _units(commune: Commune) -> list[Unit]:
    return list(Unit.objects.filter(commune=commune, is_active=True).order_by("kind", "name"))


# --- reading the upload --------------------------------------------------------------------------
@dataclass
class Parsed:
    good: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def _check_file(upload: UploadedFile) -> bytes:
    if not upload.size:
        raise ValidationError(_("The file is empty."))
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20})
    not_xlsx = ValidationError(_("The file is not an Excel workbook (.xlsx)."))
    if not data.startswith(b"PK\x03\x04"):
        raise not_xlsx
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise not_xlsx from exc
    names = {info.filename for info in infos}
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise not_xlsx
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED:
        raise not_xlsx
    return data


def _rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    """Cell values only. data_only=False: a formula cell gives its text ("=…"), never a value
    computed by whoever saved the file, and nothing is evaluated."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types on a malformed file
        raise ValidationError(_("The file is not an Excel workbook (.xlsx).")) from exc
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _cell_text(value: Any) -> tuple[str, bool]:
    """(text, looked like a formula)."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("x" if value else ""), False
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime | dt.date | int | float):
        return str(value), False
    text = value if isinstance(value, str) else str(getattr(value, "text", value))
    flagged = text.startswith(xlsx.DANGEROUS_PREFIXES)
    return " ".join(text.split()) if "\n" not in text else text.strip(), flagged


def _date(raw: Any, key: str, errors: list[dict[str, Any]]) -> dt.date | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    day: dt.date | None = None
    if isinstance(raw, dt.datetime):
        day = raw.date()
    elif isinstance(raw, dt.date):
        day = raw
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        try:
            converted = from_excel(raw)
            day = converted.date() if isinstance(converted, dt.datetime) else None
        except (ValueError, OverflowError, TypeError):
            day = None
    elif isinstance(raw, str):
        text = raw.strip()
        parts = text.split("/")
        if len(parts) == 3 and all(p.isdigit() for p in parts) and len(parts[2]) == 4:
            try:
                day = dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
            except ValueError:
                day = None
    shown = day.strftime("%d/%m/%Y") if day else _cell_text(raw)[0][:40]
    if day is None:
        errors.append({"code": "bad_date", "column": LABEL[key], "value": shown})
    elif day > timezone.localdate():
        errors.append({"code": "future_date", "column": LABEL[key], "value": shown})
        return None
    elif day.year < MIN_YEAR:
        errors.append({"code": "old_date", "column": LABEL[key], "value": shown})
        return None
    return day


def duplicate_key(received_on: str, summary: str, name: str, kind: str) -> tuple[str, str, str]:
    """Same day of receipt, same summary and same sender (folded). A denouncer's name is not on
    the case (it is encrypted apart), so denunciations match on day and summary alone."""
    who = "#denunciation" if kind == Kind.DENUNCIATION else fold(name)
    return (received_on, fold(summary[:300]), who)


def _existing_keys(commune: Commune, days: set[str]) -> dict[tuple[str, str, str], str]:
    found: dict[tuple[str, str, str], str] = {}
    queryset = Petition.objects.filter(
        commune=commune, received_on__in=[dt.date.fromisoformat(d) for d in days]
    ).values_list("received_on", "summary", "kind", "citizen__full_name", "case_number")
    for received_on, summary, kind, name, case_number in queryset.iterator(chunk_size=2000):
        found[duplicate_key(received_on.isoformat(), summary, name or "", kind)] = case_number
    return found


def _header_matches(header: tuple[Any, ...]) -> bool:
    """The template's columns in order, compared by their names without the hints in brackets
    (so a hint reworded in a later template does not refuse a file); the last columns of
    OPTIONAL_LAST may be missing (a file filled in from the earlier template)."""
    got = [fold(_cell_text(v)[0].split(" (")[0]) for v in header[: len(COLUMNS)]]
    got += [""] * (len(COLUMNS) - len(got))
    want = [fold(LABEL[key]) for key, _title in COLUMNS]
    required = len(COLUMNS) - len(OPTIONAL_LAST)
    return got[:required] == want[:required] and all(
        g in ("", w) for g, w in zip(got[required:], want[required:], strict=True)
    )


def parse(commune: Commune, data: bytes) -> Parsed:
    """Validate every row of the workbook (row numbers are the spreadsheet's, header = 1)."""
    units = _units(commune)
    offices = {fold(u.name): u.pk for u in units if u.kind != UnitKind.VILLAGE}
    offices.update(
        {fold(u.short_name): u.pk for u in units if u.short_name and u.kind != "village"}
    )
    villages = {fold(u.name): u.pk for u in units if u.kind == UnitKind.VILLAGE}
    parsed = Parsed()
    rows = _rows(data)
    header = next(rows, None)
    if header is None or not _header_matches(header):
        raise ValidationError(
            _(
                "The first row is not the header of the template: download the template and copy "
                "the rows into it."
            )
        )
    candidates: list[tuple[int, dict[str, Any]]] = []
    for number, values in enumerate(rows, start=2):
        cells = list(values[: len(COLUMNS)]) + [None] * max(0, len(COLUMNS) - len(values))
        if all(_cell_text(v)[0] == "" for v in cells):
            continue
        parsed.total += 1
        if parsed.total > MAX_ROWS:
            raise ValidationError(
                _("The file has more than %(n)s rows: split it.") % {"n": f"{MAX_ROWS:,}"}
            )
        raw = dict(zip((key for key, _title in COLUMNS), cells, strict=True))
        row, errors, flagged = _validate(raw, offices, villages)
        if flagged:
            parsed.warnings.append({"row": number, "columns": flagged})
        if errors:
            parsed.rejected.append({"row": number, "errors": errors})
        else:
            candidates.append((number, row))
    existing = _existing_keys(commune, {row["received_on"] for _n, row in candidates})
    seen: dict[tuple[str, str, str], int] = {}
    for number, row in candidates:
        key = duplicate_key(row["received_on"], row["summary"], row["name"], row["kind"])
        if key in seen:
            error = {"code": "duplicate_in_file", "value": seen[key]}
        elif key in existing:
            error = {"code": "duplicate_existing", "value": existing[key]}
        else:
            seen[key] = number
            row["row"] = number
            parsed.good.append(row)
            continue
        parsed.rejected.append({"row": number, "errors": [error]})
    parsed.rejected.sort(key=lambda r: r["row"])
    return parsed


def _validate(
    raw: dict[str, Any], offices: dict[str, int], villages: dict[str, int]
) -> tuple[dict[str, Any], list[dict[str, Any]], list[str]]:
    errors: list[dict[str, Any]] = []
    flagged: list[str] = []
    text: dict[str, str] = {}
    for key, value in raw.items():
        text[key], is_formula = _cell_text(value)
        if is_formula:
            flagged.append(LABEL[key])
    received_on = _date(raw["received_on"], "received_on", errors)
    if received_on is None and not text["received_on"]:
        errors.append({"code": "required", "column": LABEL["received_on"]})
    for key in ("kind", "summary"):
        if not text[key]:
            errors.append({"code": "required", "column": LABEL[key]})
    if len(text["summary"]) > 300:
        errors.append({"code": "too_long", "column": LABEL["summary"], "value": 300})
    row: dict[str, Any] = {
        "received_on": received_on.isoformat() if received_on else "",
        "name": text["name"][:200],
        "phone": text["phone"][:20],
        "address": text["address"][:300],
        "summary": text["summary"],
        "content": text["content"] or text["summary"],
        "result": text["result"],
        "unit": None,
        "village": None,
        "closed_on": "",
        "closure": "",
        "transferred_to": text["transferred_to"][:300],
    }
    for key, lookup, code, default in (
        ("kind", KIND_LOOKUP, "unknown_kind", ""),
        ("status", STATUS_LOOKUP, "unknown_status", "open"),
        ("channel", CHANNEL_LOOKUP, "unknown_channel", str(DEFAULT_CHANNEL)),
        ("field", FIELD_LOOKUP, "unknown_field", str(Field.OTHER)),
    ):
        if not text[key]:
            row[key] = default
        elif fold(text[key]) in lookup:
            row[key] = lookup[fold(text[key])]
        else:
            row[key] = default
            errors.append({"code": code, "column": LABEL[key], "value": text[key][:60]})
    for key, table, code in (
        ("unit", offices, "unknown_unit"),
        ("village", villages, "unknown_village"),
    ):
        if text[key]:
            row[key] = table.get(fold(text[key]))
            if row[key] is None:
                errors.append({"code": code, "column": LABEL[key], "value": text[key][:100]})
    closed_on = _date(raw["closed_on"], "closed_on", errors)
    if closed_on is not None:
        if received_on is not None and closed_on < received_on:
            errors.append(
                {
                    "code": "before_received",
                    "column": LABEL["closed_on"],
                    "value": closed_on.strftime("%d/%m/%Y"),
                }
            )
        row["closed_on"] = closed_on.isoformat()
    if row["status"] != "open":
        if not text["closed_on"]:
            errors.append({"code": "finished_needs_date", "column": LABEL["closed_on"]})
        row["closure"] = _closure(row, text, errors)
    return row, errors, flagged


def _closure(row: dict[str, Any], text: dict[str, str], errors: list[dict[str, Any]]) -> str:
    """How a finished row ended: what its result says, else what its status says; rejected when
    neither says it, they disagree, the kind cannot end that way, or the body is missing."""
    implied = STATUS_CLOSURE.get(row["status"], "")
    stated = result_closure(text["result"]) if text["result"] else None
    if stated and implied and stated != implied:
        errors.append(
            {"code": "result_conflict", "column": LABEL["result"], "value": text["result"][:60]}
        )
        return ""
    closure = stated or implied
    if not closure:
        if text["result"]:
            errors.append(
                {"code": "unknown_result", "column": LABEL["result"], "value": text["result"][:60]}
            )
        else:
            errors.append({"code": "finished_needs_result", "column": LABEL["result"]})
        return ""
    if row["kind"] in KINDS_VI and historical_target(row["kind"], closure) is None:
        errors.append(
            {
                "code": "closure_not_for_kind",
                "column": KINDS_VI[row["kind"]],
                "value": RESULTS_VI[closure][0],
            }
        )
    if closure in (Closure.TRANSFERRED, Closure.GUIDED) and not text["transferred_to"]:
        errors.append({"code": "needs_body", "column": LABEL["transferred_to"]})
    return str(closure)


# --- the services --------------------------------------------------------------------------------
def import_preview(*, actor: Any, commune: Commune, upload: UploadedFile) -> ImportJob:
    """Validate an uploaded template and keep the result for the preview. Nothing is registered.
    Errors: ValidationError when the file itself is refused (size, type, header, no rows)."""
    data = _check_file(upload)
    parsed = parse(commune, data)
    if parsed.total == 0:
        raise ValidationError(_("The file has no rows to import."))
    with transaction.atomic():
        job = ImportJob.objects.create(
            commune=commune,
            created_by=actor,
            file_name=(upload.name or "import.xlsx")[:255],
            rows_enc=encrypt_text(json.dumps(parsed.good, ensure_ascii=False)),
            rejected=parsed.rejected,
            warnings=parsed.warnings,
            total=parsed.total,
            good=len(parsed.good),
        )
        audit.record(
            verb="reports.import_previewed",
            actor=actor,
            commune=commune,
            obj=job,
            after={
                "rows": parsed.total,
                "good": len(parsed.good),
                "rejected": len(parsed.rejected),
            },
        )
    return job


def import_confirm(*, actor: Any, job: ImportJob) -> ImportJob:
    """Queue the import of a previewed job's good rows. Only once: a job already queued, running
    or finished is returned unchanged. Errors: ValidationError when there is nothing to import."""
    from .tasks import run_import

    if job.good == 0:
        raise ValidationError(_("There is no valid row to import."))
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != ImportJob.Status.PREVIEWED:
            return locked
        locked.status = ImportJob.Status.QUEUED
        locked.confirmed_by = actor
        locked.save(update_fields=["status", "confirmed_by"])
        enqueue_on_commit(run_import, locked.pk)
    return locked


def progress_key(job_id: int) -> str:
    return f"reports:import:{job_id}:processed"


def processed(job: ImportJob) -> int:
    if job.status == ImportJob.Status.DONE:
        return job.imported
    if job.status == ImportJob.Status.RUNNING:
        return int(cache.get(progress_key(job.pk), 0))
    return 0


def import_run(*, job_id: int) -> ImportJob | None:
    """Register every good row of a queued job in ONE transaction (all or nothing), through
    petitions.services: register (a denouncer's identity to the encrypted store), assign the unit,
    a public note for the historical status. Idempotent: only a queued job runs. A failure rolls
    everything back and is stored on the job."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status != ImportJob.Status.QUEUED:
            return job
        job.status = ImportJob.Status.RUNNING
        job.save(update_fields=["status"])
    cache.set(progress_key(job.pk), 0, 3600)
    try:
        with transaction.atomic():
            _land(job)
    except Exception as exc:
        if isinstance(exc, ValidationError):
            message = " ".join(exc.messages)
        else:
            logger.exception("import job %s failed", job.pk)
            message = _("Unexpected error: %(error)s") % {"error": type(exc).__name__}
        job.status = ImportJob.Status.FAILED
        job.error = message[:2000]
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        cache.delete(progress_key(job.pk))
        return job
    cache.delete(progress_key(job.pk))
    return job


def _land(job: ImportJob) -> int:
    commune = Commune.objects.select_for_update().get(pk=job.commune_id)  # one import at a time
    actor = job.confirmed_by or job.created_by
    rows: list[dict[str, Any]] = json.loads(decrypt_text(job.rows_enc)) if job.rows_enc else []
    existing = _existing_keys(commune, {row["received_on"] for row in rows})
    clashes = [
        str(row["row"])
        for row in rows
        if duplicate_key(row["received_on"], row["summary"], row["name"], row["kind"]) in existing
    ]
    if clashes:
        raise ValidationError(
            _("Rows %(rows)s were registered meanwhile; upload the file again.")
            % {"rows": ", ".join(clashes[:20])}
        )
    units = {u.pk: u for u in Unit.objects.filter(commune=commune)}
    for index, row in enumerate(rows, start=1):
        _land_row(actor, commune, row, units)
        if index % PROGRESS_EVERY == 0:
            cache.set(progress_key(job.pk), index, 3600)
    job.status = ImportJob.Status.DONE
    job.imported = len(rows)
    job.rows_enc = ""  # personal data is now where it belongs: on the cases
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "imported", "rows_enc", "finished_at"])
    audit.record(
        verb="reports.petitions_imported",
        actor=actor,
        commune=commune,
        obj=job,
        after={"imported": len(rows), "rejected": len(job.rejected)},
    )
    return len(rows)


def _land_row(actor: Any, commune: Commune, row: dict[str, Any], units: dict[int, Unit]) -> None:
    kind = row["kind"]
    # A row checked by an earlier version (no closure) lands open, with its note, as it did then.
    finished = row["status"] != "open" and bool(row.get("closure")) and bool(row["closed_on"])
    flags: list[str] = []
    citizen = None
    denouncer = None
    if not row["name"]:
        flags.append(Flag.ANONYMOUS)
    elif kind == Kind.DENUNCIATION:
        denouncer = {"name": row["name"], "phone": row["phone"], "address": row["address"]}
    else:
        citizen = petition_services.citizen_get_or_create(
            commune=commune, full_name=row["name"], phone=row["phone"], address=row["address"]
        )
    petition = petition_services.petition_register(
        actor=actor,
        commune=commune,
        kind=kind,
        channel=row["channel"],
        received_on=dt.date.fromisoformat(row["received_on"]),
        summary=row["summary"],
        content=row["content"],
        citizen=citizen,
        denouncer=denouncer,
        village=units.get(row["village"]) if row["village"] else None,
        field=row["field"],
        flags=flags,
        notify=False,  # historical records: the citizens are not told again
        start_clocks=not finished,
    )
    if row["unit"]:
        petition_services.petition_assign(actor=actor, petition=petition, unit=units[row["unit"]])
    if finished:
        petition_services.petition_close_historical(
            actor=actor,
            petition=petition,
            closure=row["closure"],
            closed_on=dt.date.fromisoformat(row["closed_on"]),
            register_text=row["result"] or STATUSES_VI[row["status"]],
            transferred_to=row.get("transferred_to", ""),
        )
        return
    note = ["Nhập từ dữ liệu lịch sử."]
    if row["status"] != "open":
        note.append("Trạng thái trong sổ cũ: " + STATUSES_VI[row["status"]] + ".")
    if row["closed_on"]:
        day = dt.date.fromisoformat(row["closed_on"])
        note.append(f"Ngày kết thúc: {day:%d/%m/%Y}.")
    if row["result"]:
        note.append("Kết quả: " + row["result"])
    petition_services.petition_note(
        actor=actor, petition=petition, text=" ".join(note), public=True
    )
