"""Approximate text widths, used to size the short rule lines under the header and title.

The advance widths are those of Times New Roman (identical to the metric-compatible Liberation
Serif) for printable ASCII, in font units of 1/2048 em. Vietnamese letters are measured by their
base letter (diacritics do not change the advance width noticeably), which is accurate enough to
draw a rule that is 1/3–1/2 of a text line (Phụ lục I, Nghị định 30/2020/NĐ-CP).
"""

from __future__ import annotations

import unicodedata

__all__ = ["PT_TO_MM", "text_width_mm"]

PT_TO_MM = 25.4 / 72
_UNITS_PER_EM = 2048
_FIRST = 32

# fmt: off
_REGULAR: tuple[int, ...] = (
    512, 682, 836, 1024, 1024, 1706, 1593, 369, 682, 682, 1024, 1155, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 569, 569, 1155, 1155, 1155, 909,
    1886, 1479, 1366, 1366, 1479, 1251, 1139, 1479, 1479, 682, 797, 1479, 1251, 1821, 1479, 1479,
    1139, 1479, 1366, 1139, 1251, 1479, 1479, 1933, 1479, 1479, 1251, 682, 569, 682, 961, 1024,
    682, 909, 1024, 909, 1024, 909, 682, 1024, 1024, 569, 569, 1024, 569, 1593, 1024, 1024,
    1024, 1024, 682, 797, 569, 1024, 1024, 1479, 1024, 1024, 909, 983, 410, 983, 1108,
)
_BOLD: tuple[int, ...] = (
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512, 569,
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167, 1024,
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479, 1593,
    1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190, 1024,
    682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139, 1024,
    1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807, 1065,
)
# fmt: on

_SPECIAL_BASE = {"Đ": "D", "đ": "d", "–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'"}


def _base_char(ch: str) -> str:
    if ch in _SPECIAL_BASE:
        return _SPECIAL_BASE[ch]
    decomposed = unicodedata.normalize("NFD", ch)
    return decomposed[0] if decomposed else ch


def text_width_mm(text: str, size_pt: float, *, bold: bool = False) -> float:
    """Estimated printed width of ``text`` on one line, in millimetres."""
    table = _BOLD if bold else _REGULAR
    units = 0
    for ch in text:
        code = ord(_base_char(ch)) - _FIRST
        units += table[code] if 0 <= code < len(table) else _UNITS_PER_EM // 2
    return units / _UNITS_PER_EM * size_pt * PT_TO_MM
