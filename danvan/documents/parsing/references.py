"""Documents cited in the text ("Chỉ thị số 33/CT-TTg ngày 26/11/2021 của Thủ tướng Chính phủ").

A citation is a type word, then either "số" and one or more number-symbols sharing a date and an
issuer, or (for laws and resolutions) a name. Each distinct document is reported once, in order
of first mention; later mentions only fill in a date or issuer the first one lacked.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from .model import LegalReference, ParseWarning
from .text import collapse, fold, format_date, make_date
from .vocabulary import ISSUER_STOPS, NAME_STOPS, PAIR_STOPS, YEAR_CONTEXT_SKIP

_TYPES = (
    "Thông tư liên tịch",
    "Nghị quyết liên tịch",
    "Hiến pháp",
    "Bộ luật",
    "Pháp lệnh",
    "Luật",
    "Nghị định",
    "Nghị quyết",
    "Quyết định",
    "Chỉ thị",
    "Thông tư",
    "Thông tri",
    "Kế hoạch",
    "Chương trình",
    "Công văn",
    "Công điện",
    "Hướng dẫn",
    "Kết luận",
    "Quy định",
    "Quy chế",
    "Thông báo",
    "Báo cáo",
    "Tờ trình",
    "Đề án",
    "Văn bản",
)
# Cited by name when the type word is followed by a capitalised word: "Luật Khiếu nại".
_NAMED_TYPES = {"Hiến pháp", "Bộ luật", "Luật", "Pháp lệnh", "Nghị quyết"}
_CANONICAL = {fold(name): name for name in _TYPES}


def _type_alternative(name: str) -> str:
    first = name[0]
    return f"[{first.upper()}{first.lower()}]" + re.escape(name[1:]).replace("\\ ", r"\s+")


_TYPE_RE = re.compile(
    r"(?<!\w)(?P<type>"
    + "|".join(_type_alternative(name) for name in sorted(_TYPES, key=len, reverse=True))
    + r")(?!\w)"
)
# Words that may sit between the type and its number: "Chương trình hành động số 02/CTr-UBND".
_QUALIFIER_RE = re.compile(r"\s+(?:hành\s+động|liên\s+tịch|phối\s+hợp|kết\s+luận|công\s+tác)(?!\w)")
_SO_RE = re.compile(r"(?P<so>(?:\s+[Ss]ố(?!\w)(?:\s*:)?)*)\s*")
_NUMBER_RE = re.compile(r"[0-9]{1,5}[a-z]?")
_GROUP_AFTER_SEPARATOR_RE = re.compile(r"(\s{0,2})([-/])(\s{0,2})([0-9A-Za-zĐđƯư]+)(?!\w)")
_GLUED_GROUP_RE = re.compile(r"[A-ZĐƯ][0-9A-Za-zĐđƯư]*(?!\w)")
_LIST_JOIN_RE = re.compile(r"\s*(?:,|;|và)\s*(?:[Ss]ố\s+)?")
_DATE_TAIL_RE = re.compile(
    r"\s*,?\s*(?:ban\s+hành\s+)?ngày\s+(?:"
    r"(?P<d>[0-9]{1,2})\s*[/.-]\s*(?P<m>[0-9]{1,2})\s*[/.-]\s*(?P<y>[0-9]{4})"
    r"|(?P<d2>[0-9]{1,2})\s+tháng\s+(?P<m2>[0-9]{1,2})\s+năm\s+(?P<y2>[0-9]{4}))(?![0-9])"
)
_ISSUER_START_RE = re.compile(r"\s*,?\s*của\s+")
_WORD_RE = re.compile(r"[ \t]*([^\s,;:.()“”\"'!?…\[\]]+)")
_TERM_RE = re.compile(r",?[ \t]*nhiệm\s+kỳ\s+[0-9]{4}\s*[-–]\s*[0-9]{4}")
_PHONG_CHONG_RE = re.compile(r",[ \t]*chống(?!\w)")
_YEAR_RE = re.compile(r"[0-9]{4}")
_SUBJECT_YEAR_RE = re.compile(r"(?<!\w)năm\s+([0-9]{4})(?!\s*[-–]\s*[0-9])")
_CLAUSE_END_RE = re.compile(r"[;\n]|\.(?:\s|$)")
_PARTY_ISSUER_RE = re.compile(r"(?:TW|TƯ|TU|HU|QU|ĐU|ĐUK)$")


@dataclass(slots=True)
class _Citation:
    type: str
    start: int
    end: int
    symbols: list[str] = field(default_factory=list)
    name: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    issuer: str | None = None
    repeated_so: bool = False


def _match_number_symbol(text: str, pos: int, *, strict: bool) -> tuple[str, int] | None:
    """A number-symbol such as "33/CT-TTg", "46 - CT/TW" or the glued "124QĐ/TW" at ``pos``."""
    number = _NUMBER_RE.match(text, pos)
    if number is None:
        return None
    end = number.end()
    groups = 0
    glued = _GLUED_GROUP_RE.match(text, end)
    if glued is not None:
        end, groups = glued.end(), 1
    while True:
        group = _GROUP_AFTER_SEPARATOR_RE.match(text, end)
        if group is None:
            break
        spaced = bool(group.group(1) or group.group(3))
        letters = group.group(4)
        if spaced and sum(char.isupper() or char.isdigit() for char in letters) < 2:
            break
        end, groups = group.end(), groups + 1
    raw = text[pos:end]
    if groups == 0 or not any(char.isupper() for char in raw):
        return None
    if strict and glued is None and not re.search(r"[-/]", raw):
        return None
    return raw, end


def normalise_symbol(raw: str) -> tuple[str, bool]:
    """``(number-symbol without spaces, whether a malformed separator had to be repaired)``."""
    compact = re.sub(r"\s+", "", raw)
    match = re.match(r"([0-9]+[a-z]?)(.*)", compact)
    if match is None:
        return compact, False
    number, rest = match.groups()
    if rest and rest[0] not in "-/":
        # "124QĐ/TW": a party symbol (type/issuer) takes "-", a state symbol takes "/".
        head = rest.split("/")[0]
        separator = "-" if "/" in rest and "-" not in head else "/"
        return f"{number}{separator}{rest}", True
    if rest.startswith("/") and "-" not in rest:
        parts = rest[1:].split("/")
        if len(parts) == 2 and not parts[0].isdigit() and _PARTY_ISSUER_RE.search(parts[1]):
            # "23/QĐ/TW": party documents are numbered "23-QĐ/TW".
            return f"{number}-{parts[0]}/{parts[1]}", True
    return compact, False


def _scan_words(
    text: str, pos: int, stops: frozenset[str], max_words: int
) -> tuple[list[str], int]:
    words: list[str] = []
    end = pos
    while len(words) < max_words:
        match = _WORD_RE.match(text, end)
        if match is None:
            break
        word = match.group(1)
        if words:
            if word in stops:
                break
            following = _WORD_RE.match(text, match.end())
            if following is not None and (word, following.group(1)) in PAIR_STOPS:
                break
        words.append(word)
        end = match.end()
        if _YEAR_RE.fullmatch(word) and len(words) > 1:
            break
    return words, end


def _read_date(text: str, pos: int) -> tuple[dt.date | None, str | None, int]:
    match = _DATE_TAIL_RE.match(text, pos)
    if match is None:
        return None, None, pos
    day = match.group("d") or match.group("d2")
    month = match.group("m") or match.group("m2")
    year = match.group("y") or match.group("y2")
    value = make_date(int(day), int(month), int(year))
    return value, collapse(match.group(0)).lstrip(", "), match.end()


def _read_issuer(text: str, pos: int) -> tuple[str | None, int]:
    match = _ISSUER_START_RE.match(text, pos)
    if match is None:
        return None, pos
    words, end = _scan_words(text, match.end(), ISSUER_STOPS, 12)
    if not words or not words[0][:1].isupper():
        return None, pos
    while words and words[-1] in ("-", "–"):
        words.pop()
    return " ".join(words), end


def _read_name(text: str, type_start: int, pos: int) -> tuple[str | None, int]:
    first = _WORD_RE.match(text, pos)
    if first is None:
        return None, pos
    word = first.group(1)
    following = _WORD_RE.match(text, first.end())
    starts_with_year = (
        word == "năm" and following is not None and _YEAR_RE.fullmatch(following.group(1))
    )
    if not word[:1].isupper() and not starts_with_year:
        return None, pos
    words, end = _scan_words(text, pos, NAME_STOPS, 16)
    while (joined := _PHONG_CHONG_RE.match(text, end)) is not None:
        more, end = _scan_words(text, joined.end() - len("chống"), NAME_STOPS, 12)
        words.extend(more)
    term = _TERM_RE.match(text, end)
    if term is not None:
        end = term.end()
    if not words:
        return None, pos
    return collapse(text[type_start:end]), end


def _read_citation(text: str, match: re.Match[str]) -> _Citation | None:
    type_name = _CANONICAL.get(fold(match.group("type")), match.group("type"))
    citation = _Citation(type=type_name, start=match.start(), end=match.end())
    so = _SO_RE.match(text, match.end())
    qualifier = _QUALIFIER_RE.match(text, match.end())
    if qualifier is not None:
        qualified = _SO_RE.match(text, qualifier.end())
        if qualified is not None and qualified.group("so").strip():
            so = qualified
    assert so is not None  # the pattern can match the empty string
    has_so = bool(so.group("so").strip())
    first = _match_number_symbol(text, so.end(), strict=not has_so)
    if first is not None:
        citation.repeated_so = len(re.findall(r"[Ss]ố", so.group("so"))) > 1
        citation.symbols.append(first[0])
        end = first[1]
        while (joiner := _LIST_JOIN_RE.match(text, end)) is not None:
            following = _match_number_symbol(text, joiner.end(), strict=True)
            if following is None:
                break
            citation.symbols.append(following[0])
            end = following[1]
    elif match.group("type")[0].isupper() and type_name in _NAMED_TYPES and not has_so:
        name, end = _read_name(text, match.start(), match.end())
        if name is None:
            return None
        citation.name = name
        numbered = _SO_RE.match(text, end)
        if numbered is not None and numbered.group("so").strip():
            symbol = _match_number_symbol(text, numbered.end(), strict=False)
            if symbol is not None:
                citation.symbols.append(symbol[0])
                end = symbol[1]
    else:
        return None
    citation.date, citation.date_text, end = _read_date(text, end)
    citation.issuer, end = _read_issuer(text, end)
    citation.end = end
    return citation


def _subject_year(text: str, pos: int) -> int | None:
    """The single year a citation's description is about ("... năm 2026"), if any."""
    tail = text[pos : pos + 400]
    cut = _CLAUSE_END_RE.search(tail)
    if cut is not None:
        tail = tail[: cut.start()]
    next_type = _TYPE_RE.search(tail)
    if next_type is not None:
        tail = tail[: next_type.start()]
    years = set()
    for match in _SUBJECT_YEAR_RE.finditer(tail):
        before = tail[: match.start()].split()
        if before and before[-1] in YEAR_CONTEXT_SKIP:
            continue
        years.add(int(match.group(1)))
    return years.pop() if len(years) == 1 else None


@dataclass(slots=True)
class ReferenceScan:
    references: list[LegalReference] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def find_references(text: str, document_date: dt.date | None) -> ReferenceScan:
    scan = ReferenceScan()
    by_key: dict[str, LegalReference] = {}
    pos = 0
    while (match := _TYPE_RE.search(text, pos)) is not None:
        citation = _read_citation(text, match)
        if citation is None:
            pos = match.end()
            continue
        pos = citation.end
        raw = collapse(text[citation.start : citation.end])
        if citation.repeated_so:
            scan.warnings.append(
                ParseWarning(
                    "repeated_word",
                    f"Trích dẫn “{raw}” lặp từ “số”; cần sửa thành “{citation.type} số …”.",
                )
            )
        subject_year = _subject_year(text, citation.end) if citation.date else None
        written_symbols: list[str | None] = [*citation.symbols] or [None]
        for written in written_symbols:
            number_symbol: str | None = None
            if written is not None:
                number_symbol, repaired = normalise_symbol(written)
                if repaired:
                    scan.warnings.append(
                        ParseWarning(
                            "malformed_reference_symbol",
                            f"Số, ký hiệu “{collapse(written)}” trong trích dẫn “{raw}” viết chưa "
                            f"đúng thể thức; đã hiểu là “{number_symbol}”.",
                        )
                    )
            reference = LegalReference(
                type=citation.type,
                number_symbol=number_symbol,
                date=citation.date,
                issuer=citation.issuer,
                name=citation.name,
                raw=raw,
            )
            _add(scan, by_key, reference, citation, document_date, subject_year)
    return scan


def _add(
    scan: ReferenceScan,
    by_key: dict[str, LegalReference],
    reference: LegalReference,
    citation: _Citation,
    document_date: dt.date | None,
    subject_year: int | None,
) -> None:
    if citation.date_text and citation.date is None:
        scan.warnings.append(
            ParseWarning(
                "invalid_reference_date",
                f"{reference.label} ghi {citation.date_text}: ngày tháng không có thật.",
            )
        )
    existing = by_key.get(reference.key)
    if existing is None:
        by_key[reference.key] = reference
        scan.references.append(reference)
    else:
        if existing.date is None:
            existing.date = reference.date
        elif reference.date is not None and reference.date != existing.date:
            scan.warnings.append(
                ParseWarning(
                    "reference_date_conflict",
                    f"{existing.label} được trích với hai ngày khác nhau: "
                    f"{format_date(existing.date)} và {format_date(reference.date)}.",
                )
            )
        if existing.issuer is None:
            existing.issuer = reference.issuer
    if reference.date is None:
        return
    if document_date is not None and reference.date > document_date:
        scan.warnings.append(
            ParseWarning(
                "reference_date_after_document",
                f"{reference.label} ghi ngày {format_date(reference.date)}, sau ngày ban hành "
                f"của chính văn bản này ({format_date(document_date)}).",
            )
        )
    if subject_year is not None and reference.date.year not in (subject_year - 1, subject_year):
        scan.warnings.append(
            ParseWarning(
                "reference_year_mismatch",
                f"{reference.label} ghi ngày {format_date(reference.date)} nhưng nội dung nói "
                f"về năm {subject_year}; kiểm tra lại năm ban hành của văn bản được trích dẫn.",
            )
        )
