"""Vietnamese date formatting for official documents (Nghị định 30/2020/NĐ-CP, Phụ lục I).

Rules (DOMAIN.md §11.3, row 4): the place name is followed by a comma; days below 10 and the
months 1 and 2 are written with a leading zero ("ngày 05 tháng 01", "tháng 02"); the other
months are written without one ("tháng 3", "tháng 12").
"""

from __future__ import annotations

from datetime import date

__all__ = [
    "DATE_BLANK",
    "format_date_long",
    "format_date_short",
    "format_day",
    "format_month",
    "format_place_date",
]

#: Blank left for the day and month on a draft, filled in by the văn thư when the document is
#: registered ("ngày     tháng     năm 2026").
DATE_BLANK = "   "


def format_day(day: int) -> str:
    """Day of month as printed in the date line: always two digits ("05", "14")."""
    if not 1 <= day <= 31:
        raise ValueError(f"Ngày không hợp lệ: {day}.")
    return f"{day:02d}"


def format_month(month: int) -> str:
    """Month as printed in the date line: "01", "02", then "3" … "12" without a leading zero."""
    if not 1 <= month <= 12:
        raise ValueError(f"Tháng không hợp lệ: {month}.")
    return f"{month:02d}" if month <= 2 else str(month)


def format_date_long(d: date | None, *, year: int | None = None) -> str:
    """``ngày 14 tháng 01 năm 2026``.

    With ``d=None`` (a draft that has no issue date yet) the day and month are left blank and
    ``year`` is printed if given: ``ngày     tháng     năm 2026``.
    """
    if d is None:
        year_text = str(year) if year is not None else DATE_BLANK
        return f"ngày {DATE_BLANK} tháng {DATE_BLANK} năm {year_text}"
    return f"ngày {format_day(d.day)} tháng {format_month(d.month)} năm {d.year}"


def format_place_date(place: str, d: date | None, *, year: int | None = None) -> str:
    """``An Quang, ngày 14 tháng 01 năm 2026`` (the place/date line of the header)."""
    place = place.strip()
    if not place:
        raise ValueError("Địa danh không được để trống.")
    return f"{place}, {format_date_long(d, year=year)}"


def format_date_short(d: date) -> str:
    """``14/01/2026`` — numeric form used inside the body and in tables."""
    return f"{d.day:02d}/{d.month:02d}/{d.year}"
