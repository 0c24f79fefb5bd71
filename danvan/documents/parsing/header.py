"""The header block: issuing body, national motto, number and symbol, place and date, type, title.

The header is usually a two-column table. Copied to text it arrives either column by column
(one cell after another) or row by row with the columns separated by tabs or runs of spaces, and
sometimes with the separators lost. Each item is therefore found by its own pattern, wherever it
sits on the line, and removed before the next item is looked for.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .sections import parse_marker
from .text import (
    clean,
    ends_sentence,
    fold,
    is_separator,
    is_upper,
    make_date,
    split_columns,
    starts_lower,
)

# Decree 30/2020, Phụ lục III: type name -> abbreviation used in the symbol.
TYPE_ABBREVIATIONS: dict[str, str] = {
    "NGHỊ QUYẾT": "NQ",
    "QUYẾT ĐỊNH": "QĐ",
    "CHỈ THỊ": "CT",
    "QUY CHẾ": "QC",
    "QUY ĐỊNH": "QyĐ",
    "THÔNG CÁO": "TC",
    "THÔNG BÁO": "TB",
    "HƯỚNG DẪN": "HD",
    "CHƯƠNG TRÌNH": "CTr",
    "KẾ HOẠCH": "KH",
    "PHƯƠNG ÁN": "PA",
    "ĐỀ ÁN": "ĐA",
    "DỰ ÁN": "DA",
    "BÁO CÁO": "BC",
    "BIÊN BẢN": "BB",
    "TỜ TRÌNH": "TTr",
    "HỢP ĐỒNG": "HĐ",
    "CÔNG ĐIỆN": "CĐ",
    "BẢN GHI NHỚ": "BGN",
    "BẢN THỎA THUẬN": "BTT",
    "GIẤY ỦY QUYỀN": "GUQ",
    "GIẤY MỜI": "GM",
    "GIẤY GIỚI THIỆU": "GGT",
    "GIẤY NGHỈ PHÉP": "GNP",
    "PHIẾU GỬI": "PG",
    "PHIẾU CHUYỂN": "PC",
    "PHIẾU BÁO": "PB",
    "BẢN SAO Y": "SY",
    "BẢN TRÍCH SAO": "TrS",
    "BẢN SAO LỤC": "SL",
}
_TYPE_KEYS = sorted(((fold(name), name) for name in TYPE_ABBREVIATIONS), key=lambda kv: -len(kv[0]))

_NATION_RE = re.compile(r"CỘNG\s+H(?:ÒA|OÀ)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.IGNORECASE)
_SLOGAN_RE = re.compile(r"Độc\s+lập\s*[-–—]\s*Tự\s+do\s*[-–—]\s*Hạnh\s+phúc", re.IGNORECASE)
_PARTY_RE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
_NUMBER_RE = re.compile(r"(?:Số|SỐ)(?:\s*:\s*|\s+(?=[0-9./…_]))(?P<rest>.*)")
_GROUP = r"[0-9A-Za-zĐđƯư]+(?!\w)"
_OWN_SYMBOL_RE = re.compile(
    rf"(?P<num>[0-9]+[a-z]?)?[\s.…_]*(?P<sep>[/-])\s*(?P<sym>{_GROUP}(?:\s*[-/.]\s*{_GROUP})*)"
)
_LOOSE_SYMBOL_RE = re.compile(rf"(?P<num>[0-9]+)?\s*(?P<sym>{_GROUP}(?:\s*[-/.]\s*{_GROUP})+)")
# Gaps left blank for a handwritten number or day must not be read as column breaks.
_NUMBER_GAP_RE = re.compile(r"(Số\s*:)[ \t]+(?=[0-9.…_-]*[/-])")
_DATE_GAP_RE = re.compile(r"(ngày|tháng)[ \t]+(?=[0-9.…_ \t]*(?:tháng|năm))", re.IGNORECASE)
_DATE_LINE_RE = re.compile(
    r"(?:(?P<place>[^\W\d_][^,0-9]{0,60}?)\s*,\s*)?ngày\s*(?P<d>[0-9]{1,2})?[\s.…_]*"
    r"tháng\s*(?P<m>[0-9]{1,2})?[\s.…_]*năm\s*(?P<y>[0-9]{4})?[\s.…_]*",
    re.IGNORECASE,
)
_VV_RE = re.compile(r"[Vv]/[Vv]\b")
_TITLE_STOP_RE = re.compile(
    r"(?:Căn cứ|Kính gửi|Thực hiện|Theo đề nghị|Xét đề nghị|Triển khai thực hiện)\b"
)
_NOT_ISSUER = {
    fold(mark)
    for mark in (
        "DỰ THẢO",
        "KHẨN",
        "HỎA TỐC",
        "THƯỢNG KHẨN",
        "MẬT",
        "TỐI MẬT",
        "TUYỆT MẬT",
        "BẢN CHÍNH",
        "BẢN SAO",
    )
}
_LOCALITIES = (
    "xã",
    "phường",
    "đặc khu",
    "thị trấn",
    "thị xã",
    "huyện",
    "quận",
    "tỉnh",
    "thành phố",
)
_LOCALITY_RE = re.compile(rf"(?<!\w)(?:{'|'.join(_LOCALITIES)})(?!\w)")
_MAX_HEADER_LINES = 60


@dataclass(slots=True)
class Header:
    issuer: str | None = None
    issuer_parent: str | None = None
    has_motto: bool = False
    number_found: bool = False
    number_symbol: str | None = None
    number: str | None = None
    symbol: str | None = None
    number_separator: str | None = None
    symbol_loose: bool = False
    date_found: bool = False
    place: str | None = None
    date: dt.date | None = None
    date_parts: tuple[str | None, str | None, str | None] = (None, None, None)
    doc_type: str | None = None
    title: str | None = None
    body_start: int = 0
    issuer_lines: list[str] = field(default_factory=list)


def type_abbreviation(doc_type: str) -> str | None:
    folded = fold(doc_type)
    for key, name in _TYPE_KEYS:
        if folded == key or folded.startswith(key + " "):
            return TYPE_ABBREVIATIONS[name]
    return None


def _match_type(line: str) -> tuple[str, str | None] | None:
    """``(type name, title on the same line)`` when ``line`` is a type-name line."""
    if not line or line.endswith(":") or type_abbreviation(line) is None:
        return None
    if is_upper(line):
        return (line, None) if len(line.split()) <= 8 else None
    words = line.split()
    head: list[str] = []
    for word in words:
        if not is_upper(word):
            break
        head.append(word)
    rest = words[len(head) :]
    if head and rest and type_abbreviation(" ".join(head)) and rest[0][:1].isupper():
        return " ".join(head), " ".join(rest)
    return None


def _first_marker_line(lines: list[str]) -> int:
    for index, line in enumerate(lines[:_MAX_HEADER_LINES]):
        if parse_marker(clean(line)) is not None:
            return index
    return min(len(lines), _MAX_HEADER_LINES)


def _read_number(header: Header, segment: str) -> str:
    """Fill the number fields from a "Số: ..." segment; return what follows the symbol."""
    match = _NUMBER_RE.match(segment)
    if match is None:
        return segment
    header.number_found = True
    rest = match.group("rest")
    symbol_match = _OWN_SYMBOL_RE.match(rest)
    if symbol_match is None:
        symbol_match = _LOOSE_SYMBOL_RE.match(rest)
        if symbol_match is None or not symbol_match.group("sym"):
            return rest
        header.symbol_loose = True
    number = symbol_match.group("num")
    symbol = re.sub(r"\s+", "", symbol_match.group("sym"))
    separator = symbol_match.groupdict().get("sep") or ""
    header.number = number or None
    header.number_separator = separator or None
    header.number_symbol = f"{number or ''}{separator}{symbol}"
    # Legal normative documents carry the year: "48/2019/QĐ-UBND" -> symbol "QĐ-UBND".
    header.symbol = re.sub(r"^[0-9]{4}/", "", symbol) if separator == "/" else symbol
    return rest[symbol_match.end() :]


def _read_date(header: Header, segment: str) -> bool:
    match = _DATE_LINE_RE.fullmatch(segment.strip(" .;"))
    if match is None:
        return False
    header.date_found = True
    place = match.group("place")
    header.place = place.strip() if place else None
    day, month, year = match.group("d"), match.group("m"), match.group("y")
    header.date_parts = (day, month, year)
    if day and month and year:
        header.date = make_date(int(day), int(month), int(year))
    return True


def _merge_issuer_lines(lines: list[str]) -> list[str]:
    """Join "ỦY BAN NHÂN DÂN" + "XÃ AN QUANG" (one name set on two lines)."""
    merged: list[str] = []
    for line in lines:
        folded = fold(line)
        starts_with_place = any(
            folded == word or folded.startswith(word + " ") for word in _LOCALITIES
        )
        if merged and starts_with_place and not _LOCALITY_RE.search(fold(merged[-1])):
            merged[-1] = f"{merged[-1]} {line}"
        else:
            merged.append(line)
    return merged


def _continues_title(previous: str, line: str) -> bool:
    if not line or is_separator(line) or parse_marker(line) is not None:
        return False
    if _TITLE_STOP_RE.match(line) or _DATE_LINE_RE.fullmatch(line) or _NUMBER_RE.match(line):
        return False
    if starts_lower(line):
        return True
    if is_upper(line) or line.endswith(":") or ends_sentence(previous):
        return False
    return len(line) <= 120


def _read_title(lines: list[str], start: int, first: str | None) -> tuple[list[str], int]:
    """Title lines beginning at ``start`` (or ``first`` already read); returns them and the end."""
    title: list[str] = [first] if first else []
    index = start
    if not title:
        skipped_blank = False
        while index < len(lines) and (not clean(lines[index]) or is_separator(lines[index])):
            skipped_blank = True
            index += 1
        if index >= len(lines):
            return [], start
        candidate = clean(lines[index])
        too_long = len(candidate) > (150 if skipped_blank else 250)
        if (
            too_long
            or is_upper(candidate)
            or parse_marker(candidate) is not None
            or candidate.startswith(("Căn cứ", "Kính gửi"))
            or (skipped_blank and candidate.endswith((".", ":", ";")))
        ):
            return [], start
        title.append(candidate)
        index += 1
    while index < len(lines) and len(title) < 4:
        segments = split_columns(lines[index])
        line = segments[0] if segments else ""
        if not _continues_title(title[-1], line):
            break
        title.append(line)
        index += 1
    return title, index


def _read_right_column(header: Header, lines: list[str], first: int, title_end: int) -> int:
    """Motto and date beside the "V/v" lines, or after them when cells were copied one by one.

    Returns the index of the first line after the header.
    """
    end = title_end
    for index in range(first, min(len(lines), title_end + 6)):
        segments = split_columns(lines[index])
        if index < title_end:
            segments = segments[1:]  # the first column holds the "V/v" text
        elif not segments:
            continue
        recognised = False
        for segment in segments:
            if is_separator(segment):
                recognised = True
                continue
            for motto in (_NATION_RE, _SLOGAN_RE, _PARTY_RE):
                if motto.search(segment):
                    header.has_motto = True
                    segment = clean(motto.sub(" ", segment))
                    recognised = True
            if segment and not header.date_found and _read_date(header, segment):
                recognised = True
        if index >= title_end:
            if not recognised:
                break
            end = index + 1
    return end


def parse_header(lines: list[str]) -> Header:
    header = Header()
    limit = _first_marker_line(lines)
    type_index: int | None = None
    inline_title: str | None = None
    for index, line in enumerate(lines[:limit]):
        found = _match_type(clean(line))
        if found is not None:
            type_index = index
            header.doc_type, inline_title = found
            break
    zone_end = type_index if type_index is not None else limit
    issuer_candidates: list[str] = []
    last_header_line = -1
    vv_index: int | None = None
    vv_text: str | None = None
    for index, raw_line in enumerate(lines[:zone_end]):
        line = _DATE_GAP_RE.sub(r"\1 ", _NUMBER_GAP_RE.sub(r"\1 ", raw_line))
        for raw_segment in split_columns(line):
            if is_separator(raw_segment):
                continue
            segment = raw_segment
            for motto in (_NATION_RE, _SLOGAN_RE, _PARTY_RE):
                if motto.search(segment):
                    header.has_motto = True
                    segment = clean(motto.sub(" ", segment))
            if not header.number_found and _NUMBER_RE.match(segment):
                segment = clean(_read_number(header, segment))
                last_header_line = index
            if not header.date_found and segment and _read_date(header, segment):
                last_header_line = index
                continue
            if vv_index is None and _VV_RE.match(segment):
                vv_index, vv_text = index, segment
                last_header_line = index
                continue
            seen_items = header.number_found or header.date_found or vv_index is not None
            if (
                segment
                and is_upper(segment)
                and not seen_items
                and fold(segment) not in _NOT_ISSUER
            ):
                issuer_candidates.append(segment)
                last_header_line = index
        if vv_index is not None and type_index is None:
            break
    if vv_index is not None and type_index is None:
        title, title_end = _read_title(lines, vv_index + 1, vv_text)
        header.title = " ".join(title)
        header.body_start = max(
            _read_right_column(header, lines, vv_index, title_end), last_header_line + 1
        )
    elif type_index is not None:
        title, title_end = _read_title(lines, type_index + 1, inline_title)
        header.title = " ".join(title) or None
        header.body_start = title_end if title else type_index + 1
    else:
        header.body_start = last_header_line + 1
    header.issuer_lines = _merge_issuer_lines(issuer_candidates)
    if header.issuer_lines:
        header.issuer = header.issuer_lines[-1]
        if len(header.issuer_lines) > 1:
            header.issuer_parent = header.issuer_lines[-2]
    return header
