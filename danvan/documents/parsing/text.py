"""Small text helpers shared by the parsing steps."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

# Characters that only get in the way: BOM, zero-width spaces and joiners, soft hyphen.
_INVISIBLE_RE = re.compile("[\ufeff\u200b\u200c\u200d\u2060\u00ad]")
_SPACES_RE = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000]")
# Markdown emphasis left over from a copy ("**TM. ỦY BAN**", "“*Dân biết*”"); "(*)" is a real mark.
_EMPHASIS_RE = re.compile(r"(?<!\()\*+(?!\))")
# Two columns of a header or closing block copied to text: a tab or a wide run of spaces.
_COLUMN_RE = re.compile(r"\t+| {3,}")
_SEPARATOR_RE = re.compile(r"[\s_\-–—=*.~·]+")
_TRAILING_CLOSERS = "”\"’'»)]*"
_SENTENCE_END = ".;:!?…"

# Old and new tone placement ("Uỷ"/"Ủy", "hoà"/"hòa") are both in use; fold them to compare.
_TONE_FOLD = {
    "oà": "òa",
    "oá": "óa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oè": "òe",
    "oé": "óe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uỳ": "ùy",
    "uý": "úy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
_TONE_FOLD_RE = re.compile("|".join(_TONE_FOLD), re.IGNORECASE)


def prepare_lines(text: str) -> list[str]:
    """NFC-normalise, drop invisible characters and split into lines without trailing spaces."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE_RE.sub("", text)
    text = _SPACES_RE.sub(" ", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n").replace("\f", "\n")
    return [line.rstrip() for line in text.split("\n")]


def strip_emphasis(text: str) -> str:
    return _EMPHASIS_RE.sub("", text)


def collapse(text: str) -> str:
    return " ".join(text.split())


def clean(text: str) -> str:
    """One line of running text: emphasis removed, whitespace collapsed."""
    return collapse(strip_emphasis(text))


def split_columns(line: str) -> list[str]:
    """The cells of a line copied from a table (a single cell for ordinary text)."""
    return [cell for cell in (clean(part) for part in _COLUMN_RE.split(line)) if cell]


def is_separator(text: str) -> bool:
    """A rule drawn with underscores or dashes under a header item."""
    stripped = text.strip()
    return len(stripped) >= 3 and _SEPARATOR_RE.fullmatch(stripped) is not None


def has_letters(text: str) -> bool:
    return any(char.isalpha() for char in text)


def is_upper(text: str) -> bool:
    return has_letters(text) and text == text.upper()


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip().rstrip(_TRAILING_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


def fold(text: str) -> str:
    """Key for comparisons: NFC, casefolded, one tone placement, single spaces."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = _TONE_FOLD_RE.sub(lambda m: _TONE_FOLD[m.group(0).lower()], text)
    return collapse(text)


def make_date(day: int, month: int, year: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def format_date(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")
