"""Consistency warnings about the document's own header and closing (Decree 30/2020, Art 8)."""

from __future__ import annotations

import re

from .closing import Closing
from .header import TYPE_ABBREVIATIONS, Header, type_abbreviation
from .model import ParseWarning

_STATE_SYMBOL_RE = re.compile(r"[A-Za-zĐđƯư]+(?:-[A-Za-zĐđƯư0-9]+)+")
_PARTY_SYMBOL_RE = re.compile(r"[A-Za-zĐđƯư]+/[A-Za-zĐđƯư0-9]+(?:-[A-Za-zĐđƯư0-9]+)*")
_ABBREVIATIONS = {abbreviation.casefold() for abbreviation in TYPE_ABBREVIATIONS.values()}


def header_warnings(header: Header, *, is_official_letter: bool) -> list[ParseWarning]:
    warnings: list[ParseWarning] = []

    def warn(code: str, message: str) -> None:
        warnings.append(ParseWarning(code, message))

    if header.issuer is None:
        warn("missing_issuer", "Không tìm thấy tên cơ quan, tổ chức ban hành ở đầu văn bản.")
    if not header.has_motto:
        warn(
            "missing_national_motto",
            "Không tìm thấy Quốc hiệu và Tiêu ngữ (“CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”, "
            "“Độc lập - Tự do - Hạnh phúc”).",
        )
    warnings.extend(_number_warnings(header, is_official_letter=is_official_letter))
    warnings.extend(_date_warnings(header))
    if header.doc_type is None and not is_official_letter:
        warn("missing_doc_type", "Không tìm thấy tên loại văn bản (KẾ HOẠCH, BÁO CÁO, ...).")
    if header.title is None:
        warn("missing_title", "Không tìm thấy trích yếu nội dung văn bản.")
    return warnings


def _number_warnings(header: Header, *, is_official_letter: bool) -> list[ParseWarning]:
    if not header.number_found:
        return [
            ParseWarning(
                "missing_number_symbol",
                "Không tìm thấy số, ký hiệu văn bản (dòng “Số: …”).",
            )
        ]
    warnings: list[ParseWarning] = []
    if header.number is None:
        warnings.append(
            ParseWarning(
                "number_blank",
                "Văn bản chưa được cấp số: dòng “Số:” còn để trống"
                + (f" (“{header.number_symbol}”)." if header.number_symbol else "."),
            )
        )
    elif len(header.number) == 1:
        warnings.append(
            ParseWarning(
                "number_not_padded",
                f"Số văn bản nhỏ hơn 10 phải ghi thêm số 0 phía trước: “0{header.number}”.",
            )
        )
    symbol = header.symbol
    if symbol is None:
        warnings.append(ParseWarning("missing_symbol", "Thiếu ký hiệu văn bản sau “Số:”."))
        return warnings
    pattern = _PARTY_SYMBOL_RE if header.number_separator == "-" else _STATE_SYMBOL_RE
    if header.symbol_loose or not pattern.fullmatch(symbol):
        warnings.append(
            ParseWarning(
                "malformed_symbol",
                f"Số, ký hiệu “{header.number_symbol}” không đúng thể thức "
                "(ví dụ đúng: “12/BC-UBND”, công văn: “135/UBND-VP”).",
            )
        )
        return warnings
    first_group = re.split(r"[-/]", symbol)[0]
    if header.doc_type is not None:
        expected = type_abbreviation(header.doc_type)
        if expected is not None and first_group.casefold() != expected.casefold():
            warnings.append(
                ParseWarning(
                    "symbol_type_mismatch",
                    f"Ký hiệu “{symbol}” không khớp tên loại “{header.doc_type}” "
                    f"(chữ viết tắt đúng là “{expected}”).",
                )
            )
    elif is_official_letter and (
        first_group.casefold() == "cv" or first_group.casefold() in _ABBREVIATIONS
    ):
        warnings.append(
            ParseWarning(
                "official_letter_symbol",
                f"Công văn không có chữ viết tắt tên loại; ký hiệu “{symbol}” không được bắt đầu "
                f"bằng “{first_group}” (ví dụ đúng: “135/UBND-VP”).",
            )
        )
    return warnings


def _date_warnings(header: Header) -> list[ParseWarning]:
    if not header.date_found:
        return [
            ParseWarning(
                "missing_date",
                "Không tìm thấy địa danh và thời gian ban hành (dòng “…, ngày … tháng … năm …”).",
            )
        ]
    warnings: list[ParseWarning] = []
    if header.place is None:
        warnings.append(ParseWarning("missing_place", "Thiếu địa danh trước ngày ban hành."))
    day, month, year = header.date_parts
    if not (day and month and year):
        warnings.append(ParseWarning("date_blank", "Ngày ban hành chưa ghi đủ ngày, tháng, năm."))
    elif header.date is None:
        warnings.append(
            ParseWarning(
                "invalid_date",
                f"Ngày ban hành “ngày {day} tháng {month} năm {year}” không có thật.",
            )
        )
    elif (int(day) < 10 and len(day) == 1) or (int(month) < 3 and len(month) == 1):
        warnings.append(
            ParseWarning(
                "date_not_padded",
                "Ngày dưới 10 và tháng 1, 2 phải ghi thêm số 0 phía trước "
                "(ví dụ “ngày 05 tháng 01 năm 2026”).",
            )
        )
    return warnings


def closing_warnings(closing: Closing) -> list[ParseWarning]:
    warnings: list[ParseWarning] = []
    if not closing.has_recipients_label and not closing.recipients:
        warnings.append(ParseWarning("missing_recipients", "Không tìm thấy “Nơi nhận”."))
    if closing.signature is None:
        warnings.append(
            ParseWarning("missing_signature", "Không tìm thấy chức vụ, họ tên người ký.")
        )
    elif closing.signature.name is None:
        warnings.append(ParseWarning("missing_signer_name", "Không tìm thấy họ tên người ký."))
    return warnings
